//! Teacher list import (CSV, the student roster's reader): name, and optionally department (the
//! school's list), school email and courses or periods. Matched by name (any case); planned and
//! previewed like the student roster, applied in one transaction. A column the file lacks keeps
//! what is on file.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, Transaction};

use super::roster::{self, Action, PlannedRow, Preview, RosterFile};
use super::roster_table;
use super::teachers::{self, TeacherEntry};
use crate::error::Result;

const NAME: &[&str] = &["name", "teacher", "teacher name", "full name"];
const DEPARTMENT: &[&str] = &["department", "dept", "subject"];
const EMAIL: &[&str] = &["email", "e mail", "school email", "email address"];
const COURSES: &[&str] = &["courses", "course", "periods", "classes"];

/// A valid row's teacher as the file has it, and the id of the one on file with that name.
type TeacherChange = (TeacherEntry, Option<i64>);

/// How the file was read, and its rows planned.
type Planned = (String, Vec<(PlannedRow, Option<TeacherChange>)>);

fn plan(conn: &Connection, file: RosterFile) -> Result<Planned> {
    let table = roster_table::read_table(file)?;
    let name = table.require(NAME, "name")?;
    let (department, email, courses) = (table.find(DEPARTMENT), table.find(EMAIL), table.find(COURSES));
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut rows = Vec::new();
    for (line, record) in &table.records {
        let cell = |index: Option<usize>| index.and_then(|i| record.get(i)).unwrap_or("").trim().to_owned();
        let on_file: Option<(i64, TeacherEntry)> = conn
            .query_row(
                "SELECT id, name, department, email, courses, active FROM teachers WHERE name = ?1",
                [cell(Some(name))],
                |r| {
                    let entry = TeacherEntry {
                        name: r.get(1)?,
                        department: r.get(2)?,
                        email: r.get(3)?,
                        courses: r.get(4)?,
                        active: r.get(5)?,
                    };
                    Ok((r.get(0)?, entry))
                },
            )
            .optional()?;
        let kept = |index: Option<usize>, current: fn(&TeacherEntry) -> &String| match (index, &on_file) {
            (None, Some((_, entry))) => current(entry).clone(),
            _ => cell(index),
        };
        let entry = TeacherEntry {
            name: cell(Some(name)),
            department: kept(department, |e| &e.department),
            email: kept(email, |e| &e.email),
            courses: kept(courses, |e| &e.courses),
            active: true,
        };
        let planned = |action, reason: Option<String>| PlannedRow {
            line: *line,
            student_number: String::new(),
            name: entry.name.chars().take(160).collect(),
            action,
            reason,
        };
        if let Err(e) = teachers::check_entry(conn, &entry) {
            rows.push((planned(Action::Reject, Some(e.to_string())), None));
            continue;
        }
        if let Some(first) = seen.insert(entry.name.to_lowercase(), *line) {
            rows.push((
                planned(Action::Reject, Some(format!("{} already appears on line {first}.", entry.name))),
                None,
            ));
            continue;
        }
        let action = match &on_file {
            None => Action::Add,
            Some((_, current)) if current.same_as(&entry) => Action::Unchanged,
            Some(_) => Action::Update,
        };
        let id = on_file.map(|(id, _)| id);
        rows.push((planned(action, None), Some((entry, id))));
    }
    Ok((table.format, rows))
}

pub fn preview<'a>(conn: &Connection, file: impl Into<RosterFile<'a>>) -> Result<Preview> {
    let (format, rows) = plan(conn, file.into())?;
    Ok(roster::summarize(&format, rows.iter().map(|(row, _)| row), 0, false))
}

pub fn import<'a>(tx: &Transaction, file: impl Into<RosterFile<'a>>, now: NaiveDateTime) -> Result<Preview> {
    let (format, planned) = plan(tx, file.into())?;
    for (row, teacher) in &planned {
        match (row.action, teacher) {
            (Action::Add, Some((entry, None))) => {
                teachers::add(tx, entry, now)?;
            }
            (Action::Update, Some((entry, Some(id)))) => teachers::update(tx, *id, entry, now)?,
            _ => {}
        }
    }
    Ok(roster::summarize(&format, planned.iter().map(|(row, _)| row), 0, true))
}
