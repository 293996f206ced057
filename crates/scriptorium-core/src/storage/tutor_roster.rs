//! Tutor roster import (CSV): name, kind, and optionally languages, strengths and the partner
//! institution a tutor comes from (by its name under Partners; empty for the school's own).
//! Matched by name (any case); planned and previewed like the student roster, applied in one
//! transaction. Without an institution column, tutors keep the partner they are linked to.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use rusqlite::{Connection, Transaction};

use super::audit::Actor;
use super::partners;
use super::roster::{self, Action, PlannedRow, Preview, RosterFile};
use super::roster_table;
use super::tutors::{self, RosterTutor};
use crate::error::Result;
use crate::vocabulary::TutorKind;

const NAME: &[&str] = &["name", "tutor", "tutor name", "full name"];
const KIND: &[&str] = &["kind", "type", "role", "tutor kind"];
const LANGUAGES: &[&str] = &["languages", "language"];
const STRENGTHS: &[&str] = &["strengths", "strength", "specialties", "notes"];
const INSTITUTION: &[&str] = &["institution", "partner", "partner institution", "from"];

/// The kind as people write it in a roster ("preservice-teacher", "University") to the stored word.
fn kind_of(text: &str) -> String {
    let text = text.trim().to_lowercase().replace('-', "");
    TutorKind::ALL.iter().map(|kind| kind.stored()).find(|kind| text.starts_with(kind)).map_or(text, str::to_owned)
}

/// A valid row's tutor as the file has it, and as on file now: id, roster fields, active.
type TutorChange = (RosterTutor, Option<(i64, RosterTutor, bool)>);

struct Planned {
    format: String,
    rows: Vec<(PlannedRow, Option<TutorChange>)>,
}

fn plan(conn: &Connection, file: RosterFile) -> Result<Planned> {
    let table = roster_table::read_table(file)?;
    let name = table.require(NAME, "name")?;
    let kind = table.require(KIND, "kind")?;
    let (languages, strengths) = (table.find(LANGUAGES), table.find(STRENGTHS));
    let institution = table.find(INSTITUTION);
    let partners: HashMap<String, i64> = match institution {
        Some(_) => partners::institutions(conn)?.into_iter().map(|i| (i.name.to_lowercase(), i.id)).collect(),
        None => HashMap::new(),
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut rows = Vec::new();
    for (line, record) in &table.records {
        let cell = |index: Option<usize>| index.and_then(|i| record.get(i)).unwrap_or("").trim().to_owned();
        let raw = RosterTutor {
            name: cell(Some(name)),
            kind: kind_of(&cell(Some(kind))),
            languages: cell(languages),
            strengths: cell(strengths),
            institution_id: None,
        };
        let planned = |action, reason: Option<String>| PlannedRow {
            line: *line,
            student_number: String::new(),
            name: raw.name.chars().take(160).collect(),
            action,
            reason,
        };
        let mut row = match tutors::valid_roster_tutor(&raw) {
            Ok(row) => row,
            Err(e) => {
                rows.push((planned(Action::Reject, Some(e.to_string())), None));
                continue;
            }
        };
        let partner = cell(institution);
        if !partner.is_empty() {
            let Some(&id) = partners.get(&partner.to_lowercase()) else {
                let reason = format!(
                    "No partner institution is named \"{}\": add it under Partners first, or leave the cell \
                     empty for the school's own tutors.",
                    partner.chars().take(80).collect::<String>()
                );
                rows.push((planned(Action::Reject, Some(reason)), None));
                continue;
            };
            row.institution_id = Some(id);
        }
        if let Some(first) = seen.insert(row.name.to_lowercase(), *line) {
            rows.push((planned(Action::Reject, Some(format!("{} already appears on line {first}.", row.name))), None));
            continue;
        }
        let existing = tutors::find_by_name(conn, &row.name)?;
        if institution.is_none() {
            row.institution_id = existing.as_ref().and_then(|(_, current, _)| current.institution_id);
        }
        let action = match &existing {
            None => Action::Add,
            Some((_, current, true)) if *current == row => Action::Unchanged,
            Some(_) => Action::Update,
        };
        rows.push((planned(action, None), Some((row, existing))));
    }
    Ok(Planned { format: table.format, rows })
}

fn summary(plan: &Planned, only_rejected: bool) -> Preview {
    roster::summarize(&plan.format, plan.rows.iter().map(|(row, _)| row), 0, only_rejected)
}

pub fn preview<'a>(conn: &Connection, file: impl Into<RosterFile<'a>>) -> Result<Preview> {
    Ok(summary(&plan(conn, file.into())?, false))
}

pub fn import<'a>(
    tx: &Transaction,
    file: impl Into<RosterFile<'a>>,
    actor: Actor,
    now: NaiveDateTime,
) -> Result<Preview> {
    let plan = plan(tx, file.into())?;
    for (row, tutor) in &plan.rows {
        if let (Action::Add | Action::Update, Some((new, existing))) = (row.action, tutor) {
            let existing = existing.as_ref().map(|(id, current, active)| (*id, current, *active));
            tutors::upsert_from_roster(tx, existing, new, actor, now)?;
        }
    }
    Ok(summary(&plan, true))
}
