//! What partner reports read from the database: the machine's pseudonym secret and the session
//! rows a de-identified report is built from (no names, numbers, teachers, notes or next steps
//! are even selected).

use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::json;

use super::audit::{self, Actor};
use super::{map_by_id, settings, text_at};
use crate::clock::{self, Days};
use crate::error::{Error, Result};
use crate::vocabulary::AuditAction;
use crate::vocabulary::{SessionMode, TutorKind};

const PSEUDONYM_SECRET: &str = "pseudonym_secret";

/// Makes the key for writer codes on first use (in the writer's transaction, before a
/// de-identified report reads it).
pub fn ensure_pseudonym_secret(tx: &Transaction) -> Result<()> {
    if settings::get(tx, PSEUDONYM_SECRET)?.is_none() {
        let mut secret = vec![0_u8; 32];
        OsRng.fill_bytes(&mut secret);
        settings::set(tx, PSEUDONYM_SECRET, &secret.iter().map(|b| format!("{b:02x}")).collect::<String>())?;
    }
    Ok(())
}

/// The key for writer codes: kept only in this database, never exported. A stored key that can't
/// be read is refused, never replaced: a new key would give every writer a new code, and the
/// partner's files would no longer line up.
pub fn pseudonym_secret(conn: &Connection) -> Result<Vec<u8>> {
    if let Some(hex) = settings::get(conn, PSEUDONYM_SECRET)? {
        let bytes: Option<Vec<u8>> =
            (0..hex.len()).step_by(2).map(|i| hex.get(i..i + 2).and_then(|b| u8::from_str_radix(b, 16).ok())).collect();
        return bytes.filter(|b| b.len() == 32).ok_or_else(|| {
            Error::Damaged(
                "the key for writer codes in this database can't be read, so no partner file was written \
                 (a new key would change every writer's code). Restore a backup from before the damage."
                    .into(),
            )
        });
    }
    Err(Error::NotFound("This database has no key for writer codes yet.".into()))
}

/// A file that left the director area, as the audit log keeps it.
pub struct ExportRecord<'a> {
    /// The report's file stem, e.g. "sessions-deidentified".
    pub report: &'a str,
    pub partner_id: Option<i64>,
    pub days: Days,
    pub rows: usize,
    pub withheld: usize,
}

/// Audits an export: which report, for which partner, which days, rows written and withheld.
pub fn record_export(tx: &Transaction, export: &ExportRecord, now: NaiveDateTime) -> Result<()> {
    let mut changes = serde_json::Map::new();
    changes.insert("report".into(), json!(export.report));
    changes.insert("from".into(), json!(clock::date_of_day(export.days.first).to_string()));
    changes.insert("through".into(), json!(clock::date_of_day(export.days.last()).to_string()));
    changes.insert("rows".into(), json!(export.rows));
    changes.insert("withheld".into(), json!(export.withheld));
    audit::record(tx, now, Actor::Director, "export", export.partner_id.unwrap_or(0), AuditAction::Export, changes)
}

#[derive(Debug, Clone, PartialEq)]
pub struct SessionTutor {
    pub id: i64,
    pub kind: TutorKind,
    pub institution_id: Option<i64>,
}

/// One live session as the weekly summary counts it.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionFacts<'a> {
    pub student_id: i64,
    pub grade: Option<i64>,
    pub day: i64,
    pub iso_week: i64,
    pub minutes: i64,
    pub lead_tutor: Option<&'a SessionTutor>,
    pub second_tutor: Option<&'a SessionTutor>,
    /// The writer came for an appointment (else a walk-in).
    pub from_appointment: bool,
}

impl SessionFacts<'_> {
    /// The tutors in the session, lead first.
    pub fn tutors(&self) -> impl Iterator<Item = &SessionTutor> {
        self.lead_tutor.into_iter().chain(self.second_tutor)
    }
}

/// Calls `each` for every live session between two day numbers, in the order they were logged:
/// students' grades and tutors are read first, then the sessions table in one pass without an
/// index (a million-session report can't afford lookups per row).
pub fn session_facts(conn: &Connection, days: Days, mut each: impl FnMut(&SessionFacts) -> Result<()>) -> Result<()> {
    let grades = student_grades(conn)?;
    let tutors = session_tutors(conn)?;
    let from_appointments: FxHashSet<i64> = conn
        .prepare_cached("SELECT session_id FROM appointments WHERE session_id IS NOT NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT student_id, day, iso_week, minutes, lead_tutor_id, second_tutor_id, id
         FROM sessions NOT INDEXED
         WHERE deleted_at IS NULL AND day >= ?1 AND day < ?2
         ORDER BY id",
    )?;
    let mut rows = stmt.query(params![days.first, days.end])?;
    while let Some(r) = rows.next()? {
        let student_id = r.get(0)?;
        let tutor = |column| -> Result<Option<&SessionTutor>> {
            Ok(r.get::<_, Option<i64>>(column)?.and_then(|id| tutors.get(&id)))
        };
        each(&SessionFacts {
            student_id,
            grade: grades.get(&student_id).copied().flatten(),
            day: r.get(1)?,
            iso_week: r.get(2)?,
            minutes: r.get(3)?,
            lead_tutor: tutor(4)?,
            second_tutor: tutor(5)?,
            from_appointment: from_appointments.contains(&r.get(6)?),
        })?;
    }
    Ok(())
}

/// One live session as the de-identified file reads it: numbers, and the two listed texts.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionQuasi<'a> {
    pub id: i64,
    pub student_id: i64,
    pub iso_week: i64,
    pub minutes: i64,
    pub mode: SessionMode,
    pub teacher_id: Option<i64>,
    pub assignment_type: &'a str,
    pub writing_stage: &'a str,
    pub lead_tutor_id: Option<i64>,
    pub second_tutor_id: Option<i64>,
    pub confidence: [Option<i64>; 2],
}

/// Calls `each` for every live session in `days`, in the order they were logged (one pass over
/// the table, no index: a million sessions can't afford a lookup each). Nothing else is
/// selected: no names, notes, next steps or concerns.
pub fn quasi_identifier_facts(
    conn: &Connection,
    days: Days,
    mut each: impl FnMut(&SessionQuasi) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        // Minutes and the two ratings in one number: fewer columns to fetch a million times.
        "SELECT id, student_id, iso_week, mode, teacher_id, assignment_type, writing_stage, lead_tutor_id,
             second_tutor_id,
             minutes | (coalesce(confidence_before, 15) << 32) | (coalesce(confidence_after, 15) << 36)
         FROM sessions NOT INDEXED
         WHERE deleted_at IS NULL AND day >= ?1 AND day < ?2
         ORDER BY id",
    )?;
    let mut rows = stmt.query(params![days.first, days.end])?;
    while let Some(r) = rows.next()? {
        let packed: i64 = r.get(9)?;
        let rating = |shift: u32| Some((packed >> shift) & 15).filter(|&rating| rating != 15);
        each(&SessionQuasi {
            id: r.get(0)?,
            student_id: r.get(1)?,
            iso_week: r.get(2)?,
            minutes: packed & 0xFFFF_FFFF,
            mode: r.get(3)?,
            teacher_id: r.get(4)?,
            assignment_type: text_at(r, 5)?,
            writing_stage: text_at(r, 6)?,
            lead_tutor_id: r.get(7)?,
            second_tutor_id: r.get(8)?,
            confidence: [rating(32), rating(36)],
        })?;
    }
    Ok(())
}

/// Each day's last logged live session (its highest id), from the day index alone: in a pass in
/// logging order, a day is complete once that id has been read.
pub fn last_session_of_each_day(conn: &Connection, days: Days) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT day, max(id) FROM sessions INDEXED BY sessions_by_day
         WHERE deleted_at IS NULL AND day >= ?1 AND day < ?2 GROUP BY day",
    )?;
    let rows = stmt.query_map(params![days.first, days.end], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Each teacher's department as written on the teacher; each writer's grade; each tutor's kind
/// and institution: small tables read whole for passes over many sessions.
pub fn teacher_departments(conn: &Connection) -> Result<FxHashMap<i64, String>> {
    map_by_id(conn, "SELECT id, department FROM teachers", |r| r.get(1))
}

pub fn student_grades(conn: &Connection) -> Result<FxHashMap<i64, Option<i64>>> {
    map_by_id(conn, "SELECT id, grade FROM students", |r| r.get(1))
}

pub fn session_tutors(conn: &Connection) -> Result<FxHashMap<i64, SessionTutor>> {
    map_by_id(conn, "SELECT id, kind, institution_id FROM tutors", |r| {
        Ok(SessionTutor { id: r.get(0)?, kind: r.get(1)?, institution_id: r.get(2)? })
    })
}

/// The day of a writer's first live session ever (kept on the student by migration 0003's
/// triggers): a writer is new in the week that holds it.
pub fn first_session_day(conn: &Connection, student_id: i64) -> Result<Option<i64>> {
    let mut stmt = conn.prepare_cached("SELECT first_session_day FROM students WHERE id = ?1")?;
    Ok(stmt.query_row([student_id], |r| r.get(0)).optional()?.flatten())
}

/// A session with everything the school knows about it, for the school's own records only.
#[derive(Debug, Clone, PartialEq)]
pub struct IdentifiedSession {
    pub student_number: String,
    pub last_name: String,
    pub first_name: String,
    pub preferred_name: String,
    pub grade: Option<i64>,
    pub started_at: String,
    pub ended_at: String,
    pub minutes: i64,
    pub mode: SessionMode,
    pub course: String,
    pub teacher: String,
    pub department: String,
    pub assignment_type: String,
    pub writing_stage: String,
    /// "; "-separated, sorted.
    pub concerns: String,
    /// Names, lead first, " & "-separated.
    pub tutors: String,
    pub notes: String,
    pub next_steps: String,
    pub confidence_before: Option<i64>,
    pub confidence_after: Option<i64>,
}

/// Calls `each` for every live session between two day numbers (inclusive), in time order, with
/// names, notes and next steps.
pub fn identified_sessions(
    conn: &Connection,
    days: Days,
    mut each: impl FnMut(IdentifiedSession) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(st.student_number, ''), st.last_name, st.first_name, st.preferred_name, st.grade,
             s.started_at, s.ended_at, s.minutes, s.mode, s.course, coalesce(t.name, ''), coalesce(t.department, ''),
             s.assignment_type, s.writing_stage,
             s.concerns, lead.name || coalesce(' & ' || second.name, ''),
             s.notes, s.next_steps, s.confidence_before, s.confidence_after
         FROM sessions s JOIN students st ON st.id = s.student_id LEFT JOIN teachers t ON t.id = s.teacher_id
             LEFT JOIN tutors lead ON lead.id = s.lead_tutor_id LEFT JOIN tutors second ON second.id = s.second_tutor_id
         WHERE s.deleted_at IS NULL AND s.day >= ?1 AND s.day < ?2
         ORDER BY s.day, s.start_minute, s.id",
    )?;
    let mut rows = stmt.query(params![days.first, days.end])?;
    while let Some(r) = rows.next()? {
        each(IdentifiedSession {
            student_number: r.get(0)?,
            last_name: r.get(1)?,
            first_name: r.get(2)?,
            preferred_name: r.get(3)?,
            grade: r.get(4)?,
            started_at: r.get(5)?,
            ended_at: r.get(6)?,
            minutes: r.get(7)?,
            mode: r.get(8)?,
            course: r.get(9)?,
            teacher: r.get(10)?,
            department: r.get(11)?,
            assignment_type: r.get(12)?,
            writing_stage: r.get(13)?,
            concerns: r.get(14)?,
            tutors: r.get::<_, Option<String>>(15)?.unwrap_or_default(),
            notes: r.get(16)?,
            next_steps: r.get(17)?,
            confidence_before: r.get(18)?,
            confidence_after: r.get(19)?,
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::{open_in_memory, write};

    #[test]
    fn the_secret_is_made_once_and_an_unreadable_one_is_refused_not_replaced() {
        let mut conn = open_in_memory().unwrap();
        assert!(matches!(pseudonym_secret(&conn), Err(Error::NotFound(_))));
        write(&mut conn, ensure_pseudonym_secret).unwrap();
        let secret = pseudonym_secret(&conn).unwrap();
        write(&mut conn, ensure_pseudonym_secret).unwrap();
        assert_eq!(pseudonym_secret(&conn).unwrap(), secret, "kept");

        settings::set(&conn, PSEUDONYM_SECRET, "not hex").unwrap();
        let err = pseudonym_secret(&conn).unwrap_err();
        assert!(matches!(err, Error::Damaged(_)), "{err}");
        write(&mut conn, ensure_pseudonym_secret).unwrap();
        assert_eq!(settings::get(&conn, PSEUDONYM_SECRET).unwrap().as_deref(), Some("not hex"), "never regenerated");
    }
}
