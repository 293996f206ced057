//! The README written beside a de-identified sessions file: what the file is, what was done to
//! it (the quasi-identifiers, the steps, how many rows each), and what its writer codes mean.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use super::deidentified_sessions::Disclosure;
use super::quasi_identifiers::{QuasiIdentifier, ANY_TEXT, STEPS};
use crate::clock;
use crate::error::{Error, Result};

/// "sessions.csv" → "sessions.README.txt", beside it.
pub(super) fn path_beside(path: &Path) -> Result<PathBuf> {
    let stem = path.file_stem().ok_or_else(|| Error::Invalid(format!("{} is not a file name.", path.display())))?;
    Ok(path.with_file_name(format!("{}.README.txt", stem.to_string_lossy())))
}

/// The README beside the file: what it is, what was done to it, and what its codes mean.
pub(super) fn text(d: &Disclosure, header: &[&str]) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "De-identified writing center sessions, {} to {} ({} to {}).",
        d.first_week, d.last_week, d.from, d.through
    );
    let _ = writeln!(text, "Written by Scriptorium on {}.\n", clock::now().date());
    let _ = writeln!(text, "One row per session. Columns: {}.\n", header.join(", "));
    let _ = writeln!(
        text,
        "No row can be narrowed to fewer than {} sessions from what someone outside the writing center \
         could know about a session: {}.",
        d.threshold,
        QuasiIdentifier::ALL.iter().map(|q| q.column().to_lowercase()).collect::<Vec<_>>().join(", ")
    );
    let _ = writeln!(
        text,
        "Dates are given as ISO weeks and lengths in bands. Where a week still had fewer than {} \
         sessions alike, values were coarsened in this order until it had enough (\"{ANY_TEXT}\" marks a \
         value left out): {}.",
        d.threshold,
        STEPS.iter().map(|s| s.label()).collect::<Vec<_>>().join("; ")
    );
    let _ = writeln!(
        text,
        "\nOf {} sessions: {} as recorded (week and length band), {} with values coarsened, {} withheld.",
        d.sessions, d.as_recorded, d.generalized, d.withheld
    );
    for step in &d.generalized_by_step {
        let _ = writeln!(text, "  - published after \"{}\": {}", step.step, step.rows);
    }
    let _ = writeln!(
        text,
        "\nEach week is judged on its own sessions, and files cover whole weeks that have ended, so \
         another file covering the same weeks shows the same rows."
    );
    match &d.stable_codes_under {
        Some(agreement) => {
            let _ = writeln!(
                text,
                "\nWriter codes are the same in every file for this partner, under the data-sharing \
                 agreement of {} ({}).",
                agreement.signed_on, agreement.purpose
            );
        }
        None => {
            let _ = writeln!(
                text,
                "\nWriter codes link one writer's sessions within this file only: every file gets new \
                 codes (no data-sharing agreement is recorded for this partner)."
            );
        }
    }
    let _ = writeln!(text, "Names, student numbers, teachers, notes, next steps and concerns are not included.");
    text
}
