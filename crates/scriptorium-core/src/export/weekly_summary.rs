//! The weekly summary a partner receives: counts per ISO week, with small counts suppressed so no
//! writer can be singled out from the table, even by subtracting.

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
    FromAppointments,
    WalkIns,
    /// Class visits, workshops and presentations: never part of the session counts.
    GroupEvents,
    GroupEventPeople,
}

const COLUMNS: [Column; 19] = [
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
    Column::FromAppointments,
    Column::WalkIns,
    Column::GroupEvents,
    Column::GroupEventPeople,
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
        Column::FromAppointments => 15,
        Column::WalkIns => 16,
        Column::GroupEvents => 17,
        Column::GroupEventPeople => 18,
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
        Column::FromAppointments => "Sessions: From an appointment".to_owned(),
        Column::WalkIns => "Sessions: Walk-in".to_owned(),
        Column::GroupEvents => "Group events".to_owned(),
        Column::GroupEventPeople => "People reached at group events".to_owned(),
    }));
    header
}

/// The counts of one week.
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
        bump(if session.from_appointment { Column::FromAppointments } else { Column::WalkIns }, 1);
        if session.tutors().any(|t| t.institution_id == Some(partner_id)) {
            bump(Column::PartnerTutors, 1);
        }
        self.writers.insert(session.student_id);
    }

    /// Unique, new and returning writers, where new means the writer's first session ever falls
    /// on or after `first_day` (the week's Monday).
    fn count_writers(&mut self, first_day: i64, first_session: &HashMap<i64, i64>) {
        let new = self.writers.iter().filter(|id| first_session[id] >= first_day).count() as i64;
        let unique = self.writers.len() as i64;
        self.values[column_index(Column::UniqueWriters)] = unique;
        self.values[column_index(Column::NewWriters)] = new;
        self.values[column_index(Column::ReturningWriters)] = unique - new;
    }
}

/// The summary's rows, each a label and its cells (a count, or `SUPPRESSED`), weeks in order.
/// `days` are whole weeks: every row, suppression included, depends on its week's sessions only.
pub fn rows(conn: &Connection, partner_id: i64, days: Days, threshold: i64) -> Result<Vec<(String, Vec<String>)>> {
    let mut weeks: BTreeMap<i64, (i64, Counts)> = BTreeMap::new();
    exports::session_facts(conn, days, |session| {
        let (_, counts) = weeks.entry(session.iso_week).or_insert((session.day, Counts::default()));
        counts.add(session, partner_id);
        Ok(())
    })?;
    let mut events = conn.prepare_cached(
        "SELECT day, headcount FROM group_events WHERE deleted_at IS NULL AND day >= ?1 AND day < ?2",
    )?;
    let mut rows = events.query([days.first, days.end])?;
    while let Some(row) = rows.next()? {
        let (day, people): (i64, i64) = (row.get(0)?, row.get(1)?);
        let week = clock::iso_week_key(clock::date_of_day(day));
        let (_, counts) = weeks.entry(week).or_insert((day, Counts::default()));
        counts.values[column_index(Column::GroupEvents)] += 1;
        counts.values[column_index(Column::GroupEventPeople)] += people;
    }
    let mut first_session = HashMap::new();
    for (_, counts) in weeks.values() {
        for &writer in &counts.writers {
            if let std::collections::hash_map::Entry::Vacant(entry) = first_session.entry(writer) {
                entry.insert(exports::first_session_day(conn, writer)?.unwrap_or(days.first));
            }
        }
    }
    Ok(weeks
        .into_values()
        .map(|(any_day, mut counts)| {
            // A writer is new in the week of their first session ever.
            let monday = any_day - clock::weekday(any_day);
            counts.count_writers(monday, &first_session);
            let hidden = hidden_cells(&counts.values, threshold);
            let cells = counts
                .values
                .iter()
                .zip(hidden)
                .map(|(value, hidden)| if hidden { SUPPRESSED.to_owned() } else { value.to_string() })
                .collect();
            (clock::iso_week_label(clock::iso_week_key(clock::date_of_day(any_day))), cells)
        })
        .collect())
}

/// One week's hidden cells: every count under the threshold, the minutes when the sessions are,
/// and whatever else the week's own sums would give them away through.
fn hidden_cells(values: &[i64; COLUMNS.len()], threshold: i64) -> Vec<bool> {
    let mut primary: Vec<bool> = COLUMNS
        .iter()
        .zip(values)
        .map(|(column, &value)| !matches!(column, Column::Minutes | Column::GroupEvents) && value < threshold)
        .collect();
    primary[column_index(Column::Minutes)] = primary[column_index(Column::Sessions)];
    // Events are not people: their count is hidden only with the people they reached.
    primary[column_index(Column::GroupEvents)] = primary[column_index(Column::GroupEventPeople)];
    let sessions = column_index(Column::Sessions);
    let sums = [
        Sum { total: sessions, parts: (0..GRADES.len()).map(|g| column_index(Column::Grade(g))).collect() },
        Sum { total: sessions, parts: (0..TutorKind::ALL.len()).map(|k| column_index(Column::LeadKind(k))).collect() },
        Sum { total: sessions, parts: vec![column_index(Column::FromAppointments), column_index(Column::WalkIns)] },
        Sum {
            total: column_index(Column::UniqueWriters),
            parts: vec![column_index(Column::NewWriters), column_index(Column::ReturningWriters)],
        },
    ];
    let mut hidden = suppression::hide(values, &primary, &sums);
    // Minutes over hidden sessions would say how long those few sessions were.
    hidden[column_index(Column::Minutes)] |= hidden[sessions];
    hidden
}
