//! Teachers whose courses writers bring work from: picked or added while logging a session, and
//! kept by the director with their school email and courses (for briefs, referrals and reports).

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::json;

use super::audit::{self, Actor};
use super::departments;
use serde::{Deserialize, Serialize};

use crate::clock;
use crate::error::Result;
use crate::text;
use crate::vocabulary::AuditAction;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Teacher {
    pub id: i64,
    pub name: String,
    pub department: String,
}

pub fn list(conn: &Connection) -> Result<Vec<Teacher>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, name, department FROM teachers WHERE active = 1 ORDER BY name COLLATE NOCASE")?;
    let rows = stmt.query_map([], |r| Ok(Teacher { id: r.get(0)?, name: r.get(1)?, department: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The teacher with this name, added with the department if new. A department given for a
/// teacher on file replaces theirs (a teacher has one department), audited; an empty one keeps it.
pub fn find_or_add(tx: &Transaction, name: &str, department: &str, actor: Actor, now: NaiveDateTime) -> Result<i64> {
    let name = text::required("Teacher name", name, 80)?;
    let department = departments::on_list(tx, department)?;
    let existing: Option<(i64, String)> = tx
        .query_row("SELECT id, department FROM teachers WHERE name = ?1", [&name], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((id, on_file)) = existing {
        if !department.is_empty() && department != on_file {
            tx.execute("UPDATE teachers SET department = ?1 WHERE id = ?2", params![department, id])?;
            let mut changes = serde_json::Map::new();
            changes.insert("department".into(), json!([on_file, department]));
            audit::record(tx, now, actor, "teacher", id, AuditAction::Update, changes)?;
        }
        return Ok(id);
    }
    tx.execute(
        "INSERT INTO teachers (name, department, created_at) VALUES (?1, ?2, ?3)",
        params![name, department, clock::format(now)],
    )?;
    Ok(tx.last_insert_rowid())
}

/// A teacher as the director keeps them: how to reach them, what they teach, and how many
/// writers they referred and how many sessions were for their courses in a span of days.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TeacherRecord {
    pub id: i64,
    pub name: String,
    pub department: String,
    pub email: String,
    /// The courses or periods they teach, as typed ("English 9, English 10 Honors").
    pub courses: String,
    pub active: bool,
    pub referrals: i64,
    pub visits: i64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TeacherEntry {
    pub name: String,
    pub department: String,
    pub email: String,
    pub courses: String,
    pub active: bool,
}

impl Default for TeacherEntry {
    fn default() -> Self {
        TeacherEntry {
            name: String::new(),
            department: String::new(),
            email: String::new(),
            courses: String::new(),
            active: true,
        }
    }
}

impl TeacherEntry {
    /// The same teacher as on file: names compared as the database does (any case).
    pub(super) fn same_as(&self, other: &TeacherEntry) -> bool {
        self.name.eq_ignore_ascii_case(&other.name)
            && (&self.department, &self.email, &self.courses, self.active)
                == (&other.department, &other.email, &other.courses, other.active)
    }
}

/// Whether an entry would be accepted (the roster import's preview).
pub(super) fn check_entry(conn: &Connection, entry: &TeacherEntry) -> Result<()> {
    validate(conn, entry).map(|_| ())
}

struct ValidEntry {
    name: String,
    department: String,
    email: String,
    courses: String,
}

fn validate(conn: &Connection, entry: &TeacherEntry) -> Result<ValidEntry> {
    Ok(ValidEntry {
        name: text::required("Teacher name", &entry.name, 80)?,
        department: departments::on_list(conn, &entry.department)?,
        email: text::email("School email", &entry.email)?,
        courses: text::optional("Courses or periods", &entry.courses, 200)?,
    })
}

fn name_taken(conn: &Connection, name: &str, other_than: i64) -> Result<()> {
    let taken = conn
        .query_row("SELECT 1 FROM teachers WHERE name = ?1 AND id <> ?2", params![name, other_than], |_| Ok(()))
        .optional()?;
    match taken {
        Some(()) => Err(crate::error::Error::Conflict(format!("There is already a teacher called {name}."))),
        None => Ok(()),
    }
}

pub fn add(tx: &Transaction, entry: &TeacherEntry, now: NaiveDateTime) -> Result<i64> {
    let valid = validate(tx, entry)?;
    name_taken(tx, &valid.name, 0)?;
    tx.execute(
        "INSERT INTO teachers (name, department, email, courses, active, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![valid.name, valid.department, valid.email, valid.courses, entry.active, clock::format(now)],
    )?;
    let id = tx.last_insert_rowid();
    let mut changes = serde_json::Map::new();
    changes.insert("name".into(), json!([null, valid.name]));
    audit::record(tx, now, Actor::Director, "teacher", id, AuditAction::Create, changes)?;
    Ok(id)
}

/// Corrects a teacher's entry; every changed field is audited.
pub fn update(tx: &Transaction, id: i64, entry: &TeacherEntry, now: NaiveDateTime) -> Result<()> {
    let valid = validate(tx, entry)?;
    name_taken(tx, &valid.name, id)?;
    let before: Option<(String, String, String, String, bool)> = tx
        .query_row("SELECT name, department, email, courses, active FROM teachers WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    let Some(before) = before else {
        return Err(crate::error::Error::NotFound(format!("No teacher with id {id}.")));
    };
    tx.execute(
        "UPDATE teachers SET name = ?2, department = ?3, email = ?4, courses = ?5, active = ?6 WHERE id = ?1",
        params![id, valid.name, valid.department, valid.email, valid.courses, entry.active],
    )?;
    let mut changes = serde_json::Map::new();
    for (field, old, new) in [
        ("name", &before.0, &valid.name),
        ("department", &before.1, &valid.department),
        ("email", &before.2, &valid.email),
        ("courses", &before.3, &valid.courses),
    ] {
        if old != new {
            changes.insert(field.into(), json!([old, new]));
        }
    }
    if before.4 != entry.active {
        changes.insert("active".into(), json!([before.4, entry.active]));
    }
    if !changes.is_empty() {
        audit::record(tx, now, Actor::Director, "teacher", id, AuditAction::Update, changes)?;
    }
    Ok(())
}

/// What "this term" means for a teacher's counts: the term holding `today`, or else the school
/// year.
pub fn this_term(conn: &Connection, today: chrono::NaiveDate) -> Result<clock::Days> {
    match super::terms::containing(conn, clock::day_number(today))? {
        Some(term) => Ok(clock::Days::through(
            clock::parse_date("First day", &term.first_day)?,
            clock::parse_date("Last day", &term.last_day)?,
        )),
        None => Ok(super::settings::stats_settings(conn)?.school_year(today)),
    }
}

/// Every teacher, active first, with their referrals and the sessions for them within `days`.
pub fn directory(conn: &Connection, days: clock::Days) -> Result<Vec<TeacherRecord>> {
    let mut stmt = conn.prepare(
        "SELECT t.id, t.name, t.department, t.email, t.courses, t.active,
             (SELECT count(*) FROM referrals r WHERE r.teacher_id = t.id AND r.day >= ?1 AND r.day < ?2),
             (SELECT count(*) FROM sessions s WHERE s.teacher_id = t.id AND s.deleted_at IS NULL AND s.day >= ?1 AND s.day < ?2)
         FROM teachers t ORDER BY t.active DESC, t.name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([days.first, days.end], |r| {
        Ok(TeacherRecord {
            id: r.get(0)?,
            name: r.get(1)?,
            department: r.get(2)?,
            email: r.get(3)?,
            courses: r.get(4)?,
            active: r.get(5)?,
            referrals: r.get(6)?,
            visits: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
