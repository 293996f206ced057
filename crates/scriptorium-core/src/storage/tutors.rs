//! Tutors: peer tutors, university tutors, preservice teachers and staff who work with writers.

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::audit::{self, Actor};
use super::partners;
use crate::clock;
use crate::error::{Error, Result};
use crate::text;
use crate::vocabulary::{AuditAction, TutorKind};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NewTutor {
    pub name: String,
    pub kind: String,
    /// The partner a university tutor or preservice teacher comes from.
    pub institution_id: Option<i64>,
}

/// A tutor as a roster file describes them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RosterTutor {
    pub name: String,
    pub kind: String,
    pub languages: String,
    pub strengths: String,
    /// The partner they come from; `None` for the school's own.
    pub institution_id: Option<i64>,
}

/// Checks a roster row with the same rules as adding a tutor by hand.
pub fn valid_roster_tutor(row: &RosterTutor) -> Result<RosterTutor> {
    let name = text::required("Tutor name", &row.name, 80)?;
    Ok(RosterTutor {
        name,
        kind: TutorKind::parse(&row.kind)?.stored().to_owned(),
        languages: text::optional("Languages", &row.languages, 200)?,
        strengths: text::optional("Strengths", &row.strengths, 200)?,
        institution_id: row.institution_id,
    })
}

/// The tutor with this name (any case), with their roster fields.
pub fn find_by_name(conn: &Connection, name: &str) -> Result<Option<(i64, RosterTutor, bool)>> {
    Ok(conn
        .query_row(
            "SELECT id, name, kind, languages, strengths, institution_id, active FROM tutors
             WHERE name = ?1 COLLATE NOCASE",
            [name],
            |r| {
                let tutor = RosterTutor {
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    languages: r.get(3)?,
                    strengths: r.get(4)?,
                    institution_id: r.get(5)?,
                };
                Ok((r.get(0)?, tutor, r.get(6)?))
            },
        )
        .optional()?)
}

/// Adds or brings up to date (and back to active) a tutor from a roster row, audited.
pub fn upsert_from_roster(
    tx: &Transaction,
    existing: Option<(i64, &RosterTutor, bool)>,
    row: &RosterTutor,
    actor: Actor,
    now: NaiveDateTime,
) -> Result<()> {
    let stamp = clock::format(now);
    let mut changes = serde_json::Map::new();
    let id = match existing {
        None => {
            tx.execute(
                "INSERT INTO tutors (name, kind, languages, strengths, institution_id, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![row.name, row.kind, row.languages, row.strengths, row.institution_id, stamp],
            )?;
            changes.insert("name".into(), json!([null, row.name]));
            if row.institution_id.is_some() {
                changes.insert("institution_id".into(), json!([null, row.institution_id]));
            }
            let id = tx.last_insert_rowid();
            audit::record(tx, now, actor, "tutor", id, AuditAction::Create, changes)?;
            return Ok(());
        }
        Some((id, current, active)) => {
            for (field, old, new) in [
                ("name", &current.name, &row.name),
                ("kind", &current.kind, &row.kind),
                ("languages", &current.languages, &row.languages),
                ("strengths", &current.strengths, &row.strengths),
            ] {
                if old != new {
                    changes.insert(field.into(), json!([old, new]));
                }
            }
            if current.institution_id != row.institution_id {
                changes.insert("institution_id".into(), json!([current.institution_id, row.institution_id]));
            }
            if !active {
                changes.insert("active".into(), json!([false, true]));
            }
            id
        }
    };
    tx.execute(
        "UPDATE tutors SET name = ?2, kind = ?3, languages = ?4, strengths = ?5, institution_id = ?6, active = 1,
             updated_at = ?7
         WHERE id = ?1",
        params![id, row.name, row.kind, row.languages, row.strengths, row.institution_id, stamp],
    )?;
    audit::record(tx, now, actor, "tutor", id, AuditAction::Update, changes)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tutor {
    pub id: i64,
    pub name: String,
    pub kind: TutorKind,
    pub active: bool,
    /// When the tutor's open shift began, if they are clocked in.
    pub on_shift_since: Option<String>,
    pub institution_id: Option<i64>,
    pub institution_name: Option<String>,
}

const SELECT: &str = "SELECT t.id, t.name, t.kind, t.active, s.clock_in_at, t.institution_id, i.name FROM tutors t
     LEFT JOIN tutor_shifts s ON s.tutor_id = t.id AND s.clock_out_at IS NULL
     LEFT JOIN institutions i ON i.id = t.institution_id";

fn from_row(row: &Row) -> rusqlite::Result<Tutor> {
    Ok(Tutor {
        id: row.get(0)?,
        name: row.get(1)?,
        kind: row.get(2)?,
        active: row.get(3)?,
        on_shift_since: row.get(4)?,
        institution_id: row.get(5)?,
        institution_name: row.get(6)?,
    })
}

pub fn add(tx: &Transaction, new: &NewTutor, actor: Actor, now: NaiveDateTime) -> Result<Tutor> {
    let name = text::required("Tutor name", &new.name, 80)?;
    let kind = TutorKind::parse(&new.kind)?;
    if let Some(institution_id) = new.institution_id {
        partners::institution_name(tx, institution_id)?;
    }
    let stamp = clock::format(now);
    tx.execute(
        "INSERT INTO tutors (name, kind, institution_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
        params![name, kind, new.institution_id, stamp],
    )?;
    let id = tx.last_insert_rowid();
    let mut changes = serde_json::Map::new();
    changes.insert("name".into(), json!([null, name]));
    if new.institution_id.is_some() {
        changes.insert("institution_id".into(), json!([null, new.institution_id]));
    }
    audit::record(tx, now, actor, "tutor", id, AuditAction::Create, changes)?;
    get(tx, id)
}

/// Links a tutor to the partner they come from (or unlinks them), audited: their sessions and
/// shift hours then count toward that partner's reports.
pub fn set_institution(
    tx: &Transaction,
    tutor_id: i64,
    institution_id: Option<i64>,
    actor: Actor,
    now: NaiveDateTime,
) -> Result<Tutor> {
    let before = get(tx, tutor_id)?;
    if let Some(institution_id) = institution_id {
        partners::institution_name(tx, institution_id)?;
    }
    if before.institution_id != institution_id {
        tx.execute(
            "UPDATE tutors SET institution_id = ?2, updated_at = ?3 WHERE id = ?1",
            params![tutor_id, institution_id, clock::format(now)],
        )?;
        let mut changes = serde_json::Map::new();
        changes.insert("institution_id".into(), json!([before.institution_id, institution_id]));
        audit::record(tx, now, actor, "tutor", tutor_id, AuditAction::Update, changes)?;
    }
    get(tx, tutor_id)
}

pub fn get(conn: &Connection, id: i64) -> Result<Tutor> {
    conn.query_row(&format!("{SELECT} WHERE t.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("No tutor with id {id}.")))
}

/// Active tutors by name, with whether each is on shift.
pub fn list_active(conn: &Connection) -> Result<Vec<Tutor>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE t.active = 1 ORDER BY t.name COLLATE NOCASE, t.id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The tutor, refusing one who no longer works at the center.
pub fn get_active(conn: &Connection, id: i64) -> Result<Tutor> {
    let tutor = get(conn, id)?;
    if !tutor.active {
        return Err(Error::Invalid(format!("{} is no longer an active tutor.", tutor.name)));
    }
    Ok(tutor)
}
