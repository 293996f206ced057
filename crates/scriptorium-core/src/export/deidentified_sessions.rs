//! The de-identified sessions file: one row per session, k-anonymous over the declared
//! quasi-identifiers (`quasi_identifiers.rs`). Dates become ISO weeks and lengths bands; where a
//! week's class is still smaller than k, values are generalized step by step; rows still alone
//! after the last step are withheld. No names, student numbers, teachers, notes, next steps or
//! concerns (one of which stands in for English-learner status) are read at all.
//!
//! Every decision is taken per ISO week from that week's sessions only, and a file covers whole
//! weeks that have ended. So two files for the same partner publish the same rows for a week they
//! both cover, and nothing can be learned by setting one against the other.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::NaiveDate;
use rusqlite::Connection;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::csv_file::CsvFile;
use super::pseudonym::{self, CodeScope};
use super::quasi_identifiers::{self as qi, Quasi, QuasiIdentifier, ANY, ANY_TEXT, STEPS};
use crate::clock::{self, Days};
use crate::error::{Error, Result};
use crate::storage::{data_sharing, departments, exports, partners, settings};
use crate::vocabulary::{SessionMode, ASSIGNMENT_TYPES, WRITING_STAGES};

/// The columns after the writer code: the quasi-identifiers, then what the session changed.
const OUTCOME_COLUMNS: [&str; 2] = ["Confidence before (1-5)", "Confidence after (1-5)"];

fn header() -> Vec<&'static str> {
    let mut header = vec!["Writer code"];
    header.extend(QuasiIdentifier::ALL.map(QuasiIdentifier::column));
    header.extend(OUTCOME_COLUMNS);
    header
}

/// A session as read: the writer, the week, the quasi-identifiers as numbers, the ratings.
struct Row {
    student_id: i64,
    week: i32,
    quasi: Quasi,
    /// 0 for none.
    confidence: [u8; 2],
}

/// Levels a row can be published at: 0 (week and length band only) to `STEPS.len()`.
const WITHHELD: u8 = u8::MAX;

/// What the director is told before saving, and what the file's README says.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Disclosure {
    /// The whole ISO weeks the file covers, e.g. "2026-W36".
    pub first_week: String,
    pub last_week: String,
    /// Their first and last days.
    pub from: String,
    pub through: String,
    /// k: no published row shares its values with fewer than k-1 others.
    pub threshold: i64,
    pub sessions: usize,
    /// Published with the week and a length band in place of the date and minutes only.
    pub as_recorded: usize,
    /// Published with more values coarsened or replaced by "Any".
    pub generalized: usize,
    pub withheld: usize,
    /// Rows published at each generalization step, in `STEPS` order.
    pub generalized_by_step: Vec<StepCount>,
    /// The data-sharing agreement that keeps writer codes stable for this partner, if recorded.
    pub stable_codes_under: Option<data_sharing::DataSharingAgreement>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepCount {
    pub step: &'static str,
    pub rows: usize,
}

/// A saved file, its README beside it, and what was done.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeidentifiedFile {
    pub rows: usize,
    pub path: String,
    pub readme: String,
    pub disclosure: Disclosure,
}

/// The whole ended ISO weeks a range touches, or why there are none.
pub fn covered_weeks(days: Days, today: NaiveDate) -> Result<Days> {
    days.whole_ended_weeks(today).ok_or_else(|| {
        Error::Invalid(
            "Partner files cover whole weeks that have ended, and no week in this range has ended yet. \
             Choose a range that includes last week or earlier."
                .into(),
        )
    })
}

/// Everything the file would hold, decided but not written.
struct Plan {
    rows: Vec<Row>,
    levels: Vec<u8>,
    departments: Vec<String>,
    tutor_kinds: Vec<String>,
    disclosure: Disclosure,
}

fn plan(conn: &Connection, partner_id: i64, days: Days, today: NaiveDate) -> Result<Plan> {
    partners::institution_name(conn, partner_id)?;
    let weeks = covered_weeks(days, today)?;
    let threshold = settings::suppression_threshold(conn)?;
    let departments = departments::partner_file_names(conn)?;
    let mut department_numbers: FxHashMap<String, u8> = FxHashMap::default();
    let other = departments.iter().position(|d| d == departments::OTHER).expect("the list ends with Other") as u8;
    let none = departments.iter().position(String::is_empty).expect("the list ends with none") as u8;
    let mut tutor_kinds: Vec<String> = Vec::new();
    let mut kinds_numbers: FxHashMap<(Option<i64>, Option<i64>), u8> = FxHashMap::default();
    let mut rows = Vec::new();
    exports::session_facts(conn, weeks, |s| {
        let department = match department_numbers.get(s.department) {
            Some(&number) => number,
            None => {
                let number = match s.department {
                    "" => none,
                    name => departments.iter().position(|d| d.eq_ignore_ascii_case(name)).map_or(other, |i| i as u8),
                };
                department_numbers.insert(s.department.to_owned(), number);
                number
            }
        };
        let pair = (s.lead_tutor.map(|t| t.id), s.second_tutor.map(|t| t.id));
        let kinds = *kinds_numbers.entry(pair).or_insert_with(|| {
            let text = s.tutors().map(|tutor| tutor.kind.label()).collect::<Vec<_>>().join(" + ");
            let number = tutor_kinds.iter().position(|k| *k == text).unwrap_or_else(|| {
                tutor_kinds.push(text);
                tutor_kinds.len() - 1
            });
            u8::try_from(number).expect("a handful of tutor-kind pairs")
        });
        rows.push(Row {
            student_id: s.student_id,
            week: s.iso_week as i32,
            quasi: Quasi {
                grade: qi::grade_number(s.grade),
                minutes: qi::minutes_band(s.minutes),
                mode: SessionMode::ALL.iter().position(|m| *m == s.mode).expect("every mode is listed") as u8,
                department,
                assignment: qi::listed_index(ASSIGNMENT_TYPES, s.assignment_type),
                stage: qi::listed_index(WRITING_STAGES, s.writing_stage),
                tutor_kinds: kinds,
                partner_tutor: u8::from(s.tutors().any(|t| t.institution_id == Some(partner_id))),
            },
            confidence: [s.confidence_before, s.confidence_after].map(|c| c.map_or(0, |c| c.clamp(1, 5) as u8)),
        });
        Ok(())
    })?;
    // Sessions are read in the order they were logged; a week's are judged together.
    rows.sort_by_key(|row| row.week);
    let levels = publish_levels(&rows, threshold as usize);

    let count_at = |level: u8| levels.iter().filter(|&&l| l == level).count();
    let withheld = count_at(WITHHELD);
    let as_recorded = count_at(0);
    let disclosure = Disclosure {
        first_week: clock::iso_week_label(clock::iso_week_key(clock::date_of_day(weeks.first))),
        last_week: clock::iso_week_label(clock::iso_week_key(clock::date_of_day(weeks.last()))),
        from: clock::date_of_day(weeks.first).to_string(),
        through: clock::date_of_day(weeks.last()).to_string(),
        threshold,
        sessions: rows.len(),
        as_recorded,
        generalized: rows.len() - as_recorded - withheld,
        withheld,
        generalized_by_step: STEPS
            .iter()
            .enumerate()
            .map(|(i, step)| StepCount { step: step.label(), rows: count_at(i as u8 + 1) })
            .collect(),
        stable_codes_under: data_sharing::agreement(conn, partner_id)?,
    };
    Ok(Plan { rows, levels, departments, tutor_kinds, disclosure })
}

/// The level each row is published at, or `WITHHELD`. Rows sorted by week; each week alone.
fn publish_levels(rows: &[Row], k: usize) -> Vec<u8> {
    let mut levels = vec![WITHHELD; rows.len()];
    let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
    let mut pending: Vec<usize> = Vec::new();
    let mut start = 0;
    while start < rows.len() {
        let week = rows[start].week;
        let end = start + rows[start..].iter().take_while(|row| row.week == week).count();
        pending.clear();
        pending.extend(start..end);
        for level in 0..=STEPS.len() {
            counts.clear();
            let key = |i: usize| rows[i].quasi.at_level(level).key();
            for &i in &pending {
                *counts.entry(key(i)).or_default() += 1;
            }
            pending.retain(|&i| {
                let published = counts[&key(i)] as usize >= k;
                if published {
                    levels[i] = level as u8;
                }
                !published
            });
        }
        start = end;
    }
    levels
}

/// What the file would hold, for the director to read before saving.
pub fn deidentified_preview(conn: &Connection, partner_id: i64, days: Days, today: NaiveDate) -> Result<Disclosure> {
    Ok(plan(conn, partner_id, days, today)?.disclosure)
}

pub fn deidentified_sessions(
    conn: &Connection,
    partner_id: i64,
    days: Days,
    today: NaiveDate,
    path: &Path,
) -> Result<DeidentifiedFile> {
    let plan = plan(conn, partner_id, days, today)?;
    let secret = exports::pseudonym_secret(conn)?;
    let scope = match plan.disclosure.stable_codes_under {
        Some(_) => CodeScope::Partner(partner_id),
        None => {
            let mut file_key = [0_u8; 16];
            OsRng.fill_bytes(&mut file_key);
            CodeScope::File(file_key)
        }
    };
    let readme = readme_path(path)?;
    std::io::Write::write_all(&mut crate::private_files::create_file(&readme)?, readme_text(&plan, &header()).as_bytes())?;
    let rows = write_rows(&plan, &secret, &scope, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&readme);
    })?;
    Ok(DeidentifiedFile {
        rows,
        path: path.display().to_string(),
        readme: readme.display().to_string(),
        disclosure: plan.disclosure,
    })
}

/// "sessions.csv" → "sessions.README.txt", beside it.
fn readme_path(path: &Path) -> Result<PathBuf> {
    let stem = path.file_stem().ok_or_else(|| Error::Invalid(format!("{} is not a file name.", path.display())))?;
    Ok(path.with_file_name(format!("{}.README.txt", stem.to_string_lossy())))
}

/// Writes the published rows week by week; within a week, ordered by their published values and
/// code, so the order tells nothing about the day or time.
fn write_rows(plan: &Plan, secret: &[u8], scope: &CodeScope, path: &Path) -> Result<usize> {
    let mut file = CsvFile::create(path, &header())?;
    let mut codes: FxHashMap<i64, String> = FxHashMap::default();
    let mut start = 0;
    let rows = &plan.rows;
    while start < rows.len() {
        let week = rows[start].week;
        let end = start + rows[start..].iter().take_while(|row| row.week == week).count();
        let published = (start..end).filter(|&i| plan.levels[i] != WITHHELD);
        for i in published.clone() {
            codes.entry(rows[i].student_id).or_insert_with(|| pseudonym::writer_code(secret, scope, rows[i].student_id));
        }
        let mut week_rows: Vec<(u64, &str, usize)> = published
            .map(|i| {
                let quasi = rows[i].quasi.at_level(plan.levels[i] as usize);
                (quasi.key(), codes[&rows[i].student_id].as_str(), i)
            })
            .collect();
        week_rows.sort_unstable();
        let week_label = clock::iso_week_label(i64::from(week));
        for &(_, code, i) in &week_rows {
            let quasi = rows[i].quasi.at_level(plan.levels[i] as usize);
            file.row(&cells(plan, code, &week_label, quasi, rows[i].confidence))?;
        }
        start = end;
    }
    file.finish()
}

/// A row's cells: borrowed, so a million rows allocate nothing per cell.
fn cells<'a>(plan: &'a Plan, code: &'a str, week: &'a str, quasi: Quasi, confidence: [u8; 2]) -> [&'a str; 12] {
    let listed = |names: &'a [String], number: u8| if number == ANY { ANY_TEXT } else { names[number as usize].as_str() };
    const RATINGS: [&str; 6] = ["", "1", "2", "3", "4", "5"];
    [
        code,
        week,
        qi::grade_text(quasi.grade),
        qi::minutes_text(quasi.minutes),
        qi::mode_text(quasi.mode),
        listed(&plan.departments, quasi.department),
        qi::assignment_text(quasi.assignment),
        qi::stage_text(quasi.stage),
        listed(&plan.tutor_kinds, quasi.tutor_kinds),
        match quasi.partner_tutor {
            ANY => ANY_TEXT,
            1 => "Yes",
            _ => "No",
        },
        RATINGS[confidence[0] as usize],
        RATINGS[confidence[1] as usize],
    ]
}

/// The README beside the file: what it is, what was done to it, and what its codes mean.
fn readme_text(plan: &Plan, header: &[&str]) -> String {
    let d = &plan.disclosure;
    let mut text = String::new();
    let _ = writeln!(text, "De-identified writing center sessions, {} to {} ({} to {}).", d.first_week, d.last_week, d.from, d.through);
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
