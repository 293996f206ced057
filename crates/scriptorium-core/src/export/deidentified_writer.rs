//! The de-identified sessions file's writing thread: each week judged as it arrives, its
//! published rows ordered so the order tells nothing, and cells encoded once where rows share
//! them.

use std::sync::mpsc::Receiver;

use rustc_hash::FxHashMap;

use super::csv_file::{self, CsvFile};
use super::deidentified_sessions::{judge, Lookups, Tally, Week, WITHHELD};
use super::pseudonym::{self, CodeScope};
use super::quasi_identifiers::{self as qi, Quasi, ANY, ANY_TEXT};
use crate::clock;
use crate::error::Result;
use crate::vocabulary::TutorKind;

/// What the writing thread needs: the lookups, k, and the names that turn numbers into cells.
pub(super) struct Names {
    pub(super) lookups: Lookups,
    pub(super) k: usize,
    pub(super) departments: Vec<String>,
    pub(super) scope: CodeScope,
    pub(super) secret: Vec<u8>,
}

/// The writing thread: each week judged, then its published rows, ordered by their published values and code
/// (so the order tells nothing of the day or time), each writer's code computed once, and the
/// cells a class shares encoded once per week. Returns the file unfinished: only a complete
/// read may finish it; and the tally of levels.
pub(super) fn write_weeks(mut file: CsvFile, weeks: Receiver<Week>, names: Names) -> Result<(CsvFile, Tally)> {
    let mut tally = Tally::default();
    // Each writer's code once: its cell as written, and a number that sorts as the code does.
    let mut codes: FxHashMap<i64, (u64, Vec<u8>)> = FxHashMap::default();
    let tutor_kinds: Vec<String> =
        (0..(TutorKind::ALL.len() + 1).pow(2)).map(|n| qi::tutor_kinds_name(n as u8)).collect();
    let mut shared: FxHashMap<u64, Vec<u8>> = FxHashMap::default();
    let mut line = Vec::with_capacity(256);
    const RATINGS: [&[u8]; 6] = [b"\"\"", b"1", b"2", b"3", b"4", b"5"];
    for week in weeks {
        let week = judge(week, &names.lookups, names.k);
        tally.add(&week.levels);
        let label = clock::iso_week_label(week.iso_week);
        let mut order: Vec<(u64, u64, u32)> = Vec::with_capacity(week.rows.len());
        for (i, row) in week.rows.iter().enumerate() {
            if week.levels[i] == WITHHELD {
                continue;
            }
            let (code_order, _) = codes.entry(row.student_id).or_insert_with(|| {
                let code = pseudonym::writer_code(&names.secret, &names.scope, row.student_id);
                let mut cell = Vec::with_capacity(16);
                csv_file::encode_cell(&code, &mut cell);
                (pseudonym::code_order(&code), cell)
            });
            order.push((row.quasi.at_level(week.levels[i] as usize).key(), *code_order, i as u32));
        }
        order.sort_unstable();
        shared.clear();
        for (key, _, i) in order {
            let (row, level) = (&week.rows[i as usize], week.levels[i as usize]);
            let cells = shared.entry(key).or_insert_with(|| {
                let mut cells = Vec::with_capacity(160);
                for (n, cell) in
                    quasi_cells(&names, &tutor_kinds, &label, row.quasi.at_level(level as usize)).iter().enumerate()
                {
                    if n > 0 {
                        cells.push(b',');
                    }
                    csv_file::encode_cell(cell, &mut cells);
                }
                cells
            });
            line.clear();
            line.extend_from_slice(&codes[&row.student_id].1);
            line.push(b',');
            line.extend_from_slice(cells);
            for rating in row.confidence {
                line.push(b',');
                line.extend_from_slice(RATINGS[rating as usize]);
            }
            line.push(b'\n');
            file.encoded_row(&line)?;
        }
    }
    Ok((file, tally))
}

/// A row's quasi-identifier cells, in `QuasiIdentifier::ALL` order.
fn quasi_cells<'a>(names: &'a Names, tutor_kinds: &'a [String], week: &'a str, quasi: Quasi) -> [&'a str; 9] {
    let listed =
        |names: &'a [String], number: u8| if number == ANY { ANY_TEXT } else { names[number as usize].as_str() };
    [
        week,
        qi::grade_text(quasi.grade),
        qi::minutes_text(quasi.minutes),
        qi::mode_text(quasi.mode),
        listed(&names.departments, quasi.department),
        qi::assignment_text(quasi.assignment),
        qi::stage_text(quasi.stage),
        listed(tutor_kinds, quasi.tutor_kinds),
        match quasi.partner_tutor {
            ANY => ANY_TEXT,
            1 => "Yes",
            _ => "No",
        },
    ]
}
