//! Tutor roster import (CSV): name, kind, and optionally languages and strengths. Matched by
//! name (any case); planned and previewed like the student roster, applied in one transaction.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use rusqlite::{Connection, Transaction};

use super::audit::Actor;
use super::roster::{self, Action, PlannedRow, Preview};
use super::tutors::{self, RosterTutor};
use crate::error::Result;

const NAME: &[&str] = &["name", "tutor", "tutor name", "full name"];
const KIND: &[&str] = &["kind", "type", "role", "tutor kind"];
const LANGUAGES: &[&str] = &["languages", "language"];
const STRENGTHS: &[&str] = &["strengths", "strength", "specialties", "notes"];

/// The kind as people write it ("Preservice teacher", "University tutor") to the stored word.
fn kind_of(text: &str) -> String {
    let text = text.trim().to_lowercase().replace('-', "");
    ["peer", "university", "preservice", "staff"]
        .into_iter()
        .find(|kind| text.starts_with(kind))
        .map_or(text, str::to_owned)
}

/// A valid row's tutor as the file has it, and as on file now: id, roster fields, active.
type TutorChange = (RosterTutor, Option<(i64, RosterTutor, bool)>);

struct Planned {
    rows: Vec<(PlannedRow, Option<TutorChange>)>,
}

fn plan(conn: &Connection, bytes: &[u8]) -> Result<Planned> {
    let table = roster::read_table(bytes)?;
    let name = table.require(NAME, "name")?;
    let kind = table.require(KIND, "kind")?;
    let (languages, strengths) = (table.find(LANGUAGES), table.find(STRENGTHS));
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut rows = Vec::new();
    for (line, record) in &table.records {
        let cell = |index: Option<usize>| index.and_then(|i| record.get(i)).unwrap_or("").trim().to_owned();
        let raw = RosterTutor {
            name: cell(Some(name)),
            kind: kind_of(&cell(Some(kind))),
            languages: cell(languages),
            strengths: cell(strengths),
        };
        let planned = |action, reason: Option<String>| PlannedRow {
            line: *line,
            student_number: String::new(),
            name: raw.name.chars().take(160).collect(),
            action,
            reason,
        };
        let row = match tutors::valid_roster_tutor(&raw) {
            Ok(row) => row,
            Err(e) => {
                rows.push((planned(Action::Reject, Some(e.to_string())), None));
                continue;
            }
        };
        if let Some(first) = seen.insert(row.name.to_lowercase(), *line) {
            rows.push((planned(Action::Reject, Some(format!("{} already appears on line {first}.", row.name))), None));
            continue;
        }
        let existing = tutors::find_by_name(conn, &row.name)?;
        let action = match &existing {
            None => Action::Add,
            Some((_, current, true)) if *current == row => Action::Unchanged,
            Some(_) => Action::Update,
        };
        rows.push((planned(action, None), Some((row, existing))));
    }
    Ok(Planned { rows })
}

fn summary(plan: &Planned, only_rejected: bool) -> Preview {
    roster::summarize(plan.rows.iter().map(|(row, _)| row), 0, only_rejected)
}

pub fn preview(conn: &Connection, bytes: &[u8]) -> Result<Preview> {
    Ok(summary(&plan(conn, bytes)?, false))
}

pub fn import(tx: &Transaction, bytes: &[u8], actor: Actor, now: NaiveDateTime) -> Result<Preview> {
    let plan = plan(tx, bytes)?;
    for (row, tutor) in &plan.rows {
        if let (Action::Add | Action::Update, Some((new, existing))) = (row.action, tutor) {
            let existing = existing.as_ref().map(|(id, current, active)| (*id, current, *active));
            tutors::upsert_from_roster(tx, existing, new, actor, now)?;
        }
    }
    Ok(summary(&plan, true))
}
