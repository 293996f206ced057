//! The director's view of logged sessions: browse and filter them, correct or delete one, and
//! read its history. Every change is written to the audit log as field: [old, new] in the same
//! transaction; a deleted session is kept (soft delete) and leaves the statistics.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::audit::{self, Actor};
use super::sessions::{self, SessionLog};
use super::students;
use crate::clock::{self, Days};
use crate::error::{Error, Result};
use crate::text;
use crate::vocabulary::AuditAction;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SessionFilter {
    /// Prefix of the writer's first, last or preferred name.
    pub writer: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub include_deleted: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionRow {
    pub id: i64,
    pub student_id: i64,
    pub student_name: String,
    pub started_at: String,
    pub minutes: i64,
    pub tutors: String,
    pub assignment_type: String,
    pub writing_stage: String,
    pub deleted: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    pub action: AuditAction,
    pub changes: Value,
}

/// Sessions newest first: at most `limit`, after skipping `offset` (the director pages through).
pub fn list(conn: &Connection, filter: &SessionFilter, limit: i64, offset: i64) -> Result<Vec<SessionRow>> {
    let writer = text::fold(&text::optional("Writer", &filter.writer, 80)?);
    let days = Days::filter(filter.from.as_deref(), filter.to.as_deref())?;
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.student_id,
             CASE WHEN st.preferred_name <> '' THEN st.preferred_name ELSE st.first_name END || ' ' || st.last_name,
             s.started_at, s.minutes,
             (SELECT group_concat(t.name, ' & ' ORDER BY x.role <> 'lead') FROM session_tutors x JOIN tutors t ON t.id = x.tutor_id
                WHERE x.session_id = s.id),
             s.assignment_type, s.writing_stage, s.deleted_at IS NOT NULL
         FROM sessions s JOIN students st ON st.id = s.student_id
         WHERE s.day >= ?1 AND s.day < ?2 AND (?3 OR s.deleted_at IS NULL)
           AND (?4 = '' OR substr(st.first_key, 1, length(?4)) = ?4 OR substr(st.last_key, 1, length(?4)) = ?4
                OR substr(st.preferred_key, 1, length(?4)) = ?4)
         ORDER BY s.started_at DESC, s.id DESC LIMIT ?5 OFFSET ?6",
    )?;
    let rows = stmt.query_map(params![days.first, days.end, filter.include_deleted, writer, limit, offset], |r| {
        Ok(SessionRow {
            id: r.get(0)?,
            student_id: r.get(1)?,
            student_name: r.get(2)?,
            started_at: r.get(3)?,
            minutes: r.get(4)?,
            tutors: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
            assignment_type: r.get(6)?,
            writing_stage: r.get(7)?,
            deleted: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A stored session in the shape of the log form, so the same form and rules correct it.
pub fn as_log(conn: &Connection, id: i64) -> Result<SessionLog> {
    let found = conn
        .query_row(
            "SELECT s.visit_id, s.student_id, s.started_at, s.ended_at, s.mode, s.course, coalesce(t.name, ''),
                 coalesce(t.department, ''), s.assignment_type, s.writing_stage, s.notes, s.next_steps,
                 s.confidence_before, s.confidence_after
             FROM sessions s LEFT JOIN teachers t ON t.id = s.teacher_id WHERE s.id = ?1",
            [id],
            |r| {
                let started: String = r.get(2)?;
                let ended: String = r.get(3)?;
                Ok(SessionLog {
                    visit_id: r.get(0)?,
                    student_id: r.get(1)?,
                    date: started.get(..10).unwrap_or_default().into(),
                    start_time: started.get(11..16).unwrap_or_default().into(),
                    end_time: ended.get(11..16).unwrap_or_default().into(),
                    mode: r.get(4)?,
                    course: r.get(5)?,
                    teacher_name: r.get(6)?,
                    teacher_department: r.get(7)?,
                    assignment_type: r.get(8)?,
                    writing_stage: r.get(9)?,
                    notes: r.get(10)?,
                    next_steps: r.get(11)?,
                    confidence_before: r.get(12)?,
                    confidence_after: r.get(13)?,
                    ..Default::default()
                })
            },
        )
        .optional()?;
    let mut log = found.ok_or_else(|| Error::NotFound(format!("No session with id {id}.")))?;
    let mut tutors = conn.prepare_cached("SELECT tutor_id FROM session_tutors WHERE session_id = ?1 ORDER BY role")?;
    log.tutor_ids = tutors.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let mut concerns =
        conn.prepare_cached("SELECT concern FROM session_concerns WHERE session_id = ?1 ORDER BY concern")?;
    log.concerns = concerns.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(log)
}

/// The fields a person reads in the history, by name.
fn readable(log: &SessionLog, conn: &Connection) -> Result<BTreeMap<&'static str, Value>> {
    let mut names = Vec::new();
    for id in &log.tutor_ids {
        names.push(super::tutors::get(conn, *id)?.name);
    }
    Ok(BTreeMap::from([
        ("date", Value::from(log.date.clone())),
        ("start", Value::from(log.start_time.clone())),
        ("end", Value::from(log.end_time.clone())),
        ("tutors", Value::from(names.join(" & "))),
        ("mode", Value::from(log.mode.clone())),
        ("course", Value::from(log.course.clone())),
        ("teacher", Value::from(log.teacher_name.clone())),
        ("department", Value::from(log.teacher_department.clone())),
        ("assignment type", Value::from(log.assignment_type.clone())),
        ("writing stage", Value::from(log.writing_stage.clone())),
        ("concerns", Value::from(log.concerns.join(", "))),
        ("notes", Value::from(log.notes.clone())),
        ("next steps", Value::from(log.next_steps.clone())),
        ("confidence before", Value::from(log.confidence_before)),
        ("confidence after", Value::from(log.confidence_after)),
    ]))
}

/// Corrects a session with the same rules as logging it, and records old → new for each
/// changed field. A correction that changes nothing writes nothing.
pub fn correct(tx: &Transaction, id: i64, edit: &SessionLog, actor: Actor, now: NaiveDateTime) -> Result<()> {
    let before = as_log(tx, id)?;
    let mut edit = edit.clone();
    edit.concerns.sort();
    edit.concerns.dedup();
    // Who the session was with and which visit it closed are facts, not corrections.
    edit.student_id = before.student_id;
    edit.visit_id = before.visit_id;
    sessions::validate_tutors(tx, &edit.tutor_ids)?;
    let valid = sessions::validate(&edit, now)?;
    let old = readable(&before, tx)?;
    sessions::store(tx, id, &edit, &valid, actor, now)?;
    let new = readable(&as_log(tx, id)?, tx)?;
    let changes: serde_json::Map<String, Value> = new
        .iter()
        .filter(|(field, value)| old.get(*field) != Some(*value))
        .map(|(field, value)| (field.to_string(), Value::Array(vec![old[field].clone(), value.clone()])))
        .collect();
    if !changes.is_empty() {
        audit::record(tx, now, actor, "session", id, AuditAction::Update, changes)?;
    }
    Ok(())
}

/// Soft-deletes a session: kept in the database and its history, gone from statistics.
pub fn delete(tx: &Transaction, id: i64, reason: &str, actor: Actor, now: NaiveDateTime) -> Result<()> {
    let reason = text::required("Reason", reason, 200)?;
    let changed = tx.execute(
        "UPDATE sessions SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        params![id, clock::format(now)],
    )?;
    if changed == 0 {
        as_log(tx, id)?; // not found → NotFound
        return Err(Error::Conflict(format!("Session {id} is already deleted.")));
    }
    let mut changes = serde_json::Map::new();
    changes.insert("reason".into(), Value::Array(vec![Value::Null, Value::from(reason)]));
    audit::record(tx, now, actor, "session", id, AuditAction::Delete, changes)
}

/// The audit trail of one record, oldest first. A student's starts with the roster import that
/// added them, if one did: that entry covers a range of ids (`students::IMPORT_ENTITY`).
pub fn history(conn: &Connection, entity: &str, id: i64) -> Result<Vec<AuditEntry>> {
    let import_entity = if entity == "student" { students::IMPORT_ENTITY } else { "" };
    let mut stmt = conn.prepare_cached(
        "SELECT at, actor, action, changes FROM (
             SELECT id AS seq, at, actor, action, changes FROM audit_log WHERE entity = ?1 AND entity_id = ?2
             UNION ALL
             SELECT * FROM (
                 SELECT id AS seq, at, actor, action, changes FROM audit_log
                 WHERE entity = ?3 AND entity_id <= ?2 ORDER BY entity_id DESC LIMIT 1)
             WHERE json_extract(changes, ?4) >= ?2)
         ORDER BY seq",
    )?;
    let last_id = format!("$.\"{}\"[1]", students::IMPORT_LAST_ID);
    let rows = stmt.query_map(params![entity, id, import_entity, last_id], |r| {
        let changes: String = r.get(3)?;
        Ok(AuditEntry {
            at: r.get(0)?,
            actor: r.get(1)?,
            action: r.get(2)?,
            changes: serde_json::from_str(&changes).unwrap_or(Value::Null),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
