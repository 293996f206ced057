//! The weekly summary a partner receives: counts per ISO week and for the whole range, with small
//! counts suppressed so no writer can be singled out from the table, even by subtracting.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::Connection;

use super::suppression::{self, Sum};
use crate::clock::{self, Days};
use crate::error::Result;
use crate::storage::exports::{self, SessionFacts};
use crate::vocabulary::TutorKind;

/// What a hidden cell reads: the same word for every hidden cell, so a reader can't tell a small
/// count from one hidden only to protect it.
pub const SUPPRESSED: &str = "suppressed";

/// A grade column's label and which writers' grades it counts.
type GradeColumn = (&'static str, fn(Option<i64>) -> bool);

const GRADES: [GradeColumn; 5] = [
    ("Grade 9", |g| g == Some(9)),
    ("Grade 10", |g| g == Some(10)),
    ("Grade 11", |g| g == Some(11)),
    ("Grade 12", |g| g == Some(12)),
    ("Other or unrecorded grade", |g| !matches!(g, Some(9..=12))),
];

/// Count columns, in file order, after the "Week" label.
#[derive(Clone, Copy)]
enum Column {
    Sessions,
    UniqueWriters,
    NewWriters,
    ReturningWriters,
    Minutes,
    Grade(usize),
    LeadKind(usize),
    PartnerTutors,
}

const COLUMNS: [Column; 15] = [
    Column::Sessions,
    Column::UniqueWriters,
    Column::NewWriters,
    Column::ReturningWriters,
    Column::Minutes,
    Column::Grade(0),
    Column::Grade(1),
    Column::Grade(2),
    Column::Grade(3),
    Column::Grade(4),
    Column::LeadKind(0),
    Column::LeadKind(1),
    Column::LeadKind(2),
    Column::LeadKind(3),
    Column::PartnerTutors,
];

fn column_index(column: Column) -> usize {
    match column {
        Column::Sessions => 0,
        Column::UniqueWriters => 1,
        Column::NewWriters => 2,
        Column::ReturningWriters => 3,
        Column::Minutes => 4,
        Column::Grade(g) => 5 + g,
        Column::LeadKind(k) => 10 + k,
        Column::PartnerTutors => 14,
    }
}

pub fn header() -> Vec<String> {
    let mut header = vec!["Week".to_owned()];
    header.extend(COLUMNS.iter().map(|column| match column {
        Column::Sessions => "Sessions".to_owned(),
        Column::UniqueWriters => "Unique writers".to_owned(),
        Column::NewWriters => "New writers".to_owned(),
        Column::ReturningWriters => "Returning writers".to_owned(),
        Column::Minutes => "Minutes".to_owned(),
        Column::Grade(g) => format!("Sessions: {}", GRADES[*g].0),
        Column::LeadKind(k) => format!("Sessions: Led by {}", TutorKind::ALL[*k].label().to_lowercase()),
        Column::PartnerTutors => "Sessions with this partner's tutors".to_owned(),
    }));
    header
}

/// The counts of one week (or of the whole range, for the total row).
#[derive(Default)]
struct Counts {
    values: [i64; COLUMNS.len()],
    writers: HashSet<i64>,
}

impl Counts {
    fn add(&mut self, session: &SessionFacts, partner_id: i64) {
        let mut bump = |column: Column, by: i64| self.values[column_index(column)] += by;
        bump(Column::Sessions, 1);
        bump(Column::Minutes, session.minutes);
        if let Some(g) = GRADES.iter().position(|(_, holds)| holds(session.grade)) {
            bump(Column::Grade(g), 1);
        }
        let lead = session.lead_tutor.map_or(TutorKind::Staff, |t| t.kind);
        if let Some(k) = TutorKind::ALL.iter().position(|kind| *kind == lead) {
            bump(Column::LeadKind(k), 1);
        }
        if session.tutors().any(|t| t.institution_id == Some(partner_id)) {
            bump(Column::PartnerTutors, 1);
        }
        self.writers.insert(session.student_id);
    }

    /// Unique, new and returning writers, where new means the writer's first session ever falls
    /// on or after `first_day` of this row.
    fn count_writers(&mut self, first_day: i64, first_session: &HashMap<i64, i64>) {
        let new = self.writers.iter().filter(|id| first_session[id] >= first_day).count() as i64;
        let unique = self.writers.len() as i64;
        self.values[column_index(Column::UniqueWriters)] = unique;
        self.values[column_index(Column::NewWriters)] = new;
        self.values[column_index(Column::ReturningWriters)] = unique - new;
    }
}

/// The summary's rows, each a label and its cells (a count, or `SUPPRESSED`), weeks in order and
/// the total last.
pub fn rows(conn: &Connection, partner_id: i64, days: Days, threshold: i64) -> Result<Vec<(String, Vec<String>)>> {
    let mut weeks: BTreeMap<i64, (i64, Counts)> = BTreeMap::new();
    let mut total = Counts::default();
    exports::session_facts(conn, days, |session| {
        let (_, counts) = weeks.entry(session.iso_week).or_insert((session.day, Counts::default()));
        counts.add(session, partner_id);
        total.add(session, partner_id);
        Ok(())
    })?;
    let mut first_session = HashMap::new();
    for &writer in &total.writers {
        first_session.insert(writer, exports::first_session_day(conn, writer)?.unwrap_or(days.first));
    }
    // A writer is new in the week of their first session: compare with the week's first day in range.
    for (any_day, counts) in weeks.values_mut() {
        let monday = *any_day - (*any_day + 3).rem_euclid(7); // day 0 was a Thursday
        counts.count_writers(monday.max(days.first), &first_session);
    }
    total.count_writers(days.first, &first_session);

    let mut table: Vec<(String, Counts)> =
        weeks.into_iter().map(|(week, (_, counts))| (clock::iso_week_label(week), counts)).collect();
    table.push(("Total".to_owned(), total));
    let hidden = hidden_cells(&table, threshold);
    Ok(table
        .iter()
        .enumerate()
        .map(|(r, (label, counts))| {
            let cells = counts
                .values
                .iter()
                .enumerate()
                .map(|(c, value)| if hidden[r * COLUMNS.len() + c] { SUPPRESSED.to_owned() } else { value.to_string() })
                .collect();
            (label.clone(), cells)
        })
        .collect())
}

/// Every count under the threshold, a week's minutes when its sessions are, and whatever else the
/// table's sums would give them away through.
fn hidden_cells(table: &[(String, Counts)], threshold: i64) -> Vec<bool> {
    let width = COLUMNS.len();
    let cell = |row: usize, column: Column| row * width + column_index(column);
    let values: Vec<i64> = table.iter().flat_map(|(_, counts)| counts.values).collect();
    let mut primary: Vec<bool> =
        (0..values.len()).map(|i| !matches!(COLUMNS[i % width], Column::Minutes) && values[i] < threshold).collect();
    for row in 0..table.len() {
        primary[cell(row, Column::Minutes)] = primary[cell(row, Column::Sessions)];
    }

    let mut sums = Vec::new();
    for row in 0..table.len() {
        let sessions = cell(row, Column::Sessions);
        sums.push(Sum { total: sessions, parts: (0..GRADES.len()).map(|g| cell(row, Column::Grade(g))).collect() });
        sums.push(Sum {
            total: sessions,
            parts: (0..TutorKind::ALL.len()).map(|k| cell(row, Column::LeadKind(k))).collect(),
        });
        sums.push(Sum {
            total: cell(row, Column::UniqueWriters),
            parts: vec![cell(row, Column::NewWriters), cell(row, Column::ReturningWriters)],
        });
    }
    // The total row adds up the weeks in every column except unique and returning writers (a
    // writer who came in two weeks is counted once in the total).
    let total_row = table.len() - 1;
    for &column in &COLUMNS {
        if !matches!(column, Column::UniqueWriters | Column::ReturningWriters) {
            sums.push(Sum {
                total: cell(total_row, column),
                parts: (0..total_row).map(|row| cell(row, column)).collect(),
            });
        }
    }
    suppression::hide(&values, &primary, &sums)
}
