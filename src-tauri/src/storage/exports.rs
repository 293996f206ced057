//! What partner reports read from the database: the machine's pseudonym secret and the session
//! rows a de-identified report is built from (no names, numbers, teachers, notes or next steps
//! are even selected).

use argon2::password_hash::rand_core::{OsRng, RngCore};
use rusqlite::{params, Connection};

use super::settings;
use crate::error::Result;

const PSEUDONYM_SECRET: &str = "pseudonym_secret";

/// The key for writer codes: made on first use, kept only in this database, never exported.
pub fn pseudonym_secret(conn: &Connection) -> Result<Vec<u8>> {
    if let Some(hex) = settings::get(conn, PSEUDONYM_SECRET)? {
        let bytes: Option<Vec<u8>> =
            (0..hex.len()).step_by(2).map(|i| hex.get(i..i + 2).and_then(|b| u8::from_str_radix(b, 16).ok())).collect();
        if let Some(bytes) = bytes.filter(|b| b.len() == 32) {
            return Ok(bytes);
        }
    }
    let mut secret = vec![0_u8; 32];
    OsRng.fill_bytes(&mut secret);
    settings::set(conn, PSEUDONYM_SECRET, &secret.iter().map(|b| format!("{b:02x}")).collect::<String>())?;
    Ok(secret)
}

#[derive(Debug, Clone, PartialEq)]
pub struct SessionFacts {
    pub student_id: i64,
    pub grade: Option<i64>,
    pub day: i64,
    pub iso_week: i64,
    pub minutes: i64,
    pub mode: String,
    pub department: String,
    pub assignment_type: String,
    pub writing_stage: String,
    /// "; "-separated, sorted.
    pub concerns: String,
    /// Kinds of the tutors in the session, lead first.
    pub tutor_kinds: Vec<String>,
    pub confidence_before: Option<i64>,
    pub confidence_after: Option<i64>,
}

/// Calls `each` for every live session between two day numbers (inclusive), in time order.
pub fn session_facts(
    conn: &Connection,
    first_day: i64,
    last_day: i64,
    mut each: impl FnMut(SessionFacts) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.student_id, st.grade, s.day, s.iso_week, s.minutes, s.mode, coalesce(t.department, ''),
             s.assignment_type, s.writing_stage,
             (SELECT group_concat(concern, '; ') FROM
                 (SELECT concern FROM session_concerns WHERE session_id = s.id ORDER BY concern)),
             (SELECT group_concat(kind, ',') FROM
                 (SELECT tu.kind FROM session_tutors x JOIN tutors tu ON tu.id = x.tutor_id
                   WHERE x.session_id = s.id ORDER BY x.role)),
             s.confidence_before, s.confidence_after
         FROM sessions s JOIN students st ON st.id = s.student_id LEFT JOIN teachers t ON t.id = s.teacher_id
         WHERE s.deleted_at IS NULL AND s.day BETWEEN ?1 AND ?2
         ORDER BY s.day, s.start_minute, s.id",
    )?;
    let mut rows = stmt.query(params![first_day, last_day])?;
    while let Some(r) = rows.next()? {
        let kinds: Option<String> = r.get(10)?;
        each(SessionFacts {
            student_id: r.get(0)?,
            grade: r.get(1)?,
            day: r.get(2)?,
            iso_week: r.get(3)?,
            minutes: r.get(4)?,
            mode: r.get(5)?,
            department: r.get(6)?,
            assignment_type: r.get(7)?,
            writing_stage: r.get(8)?,
            concerns: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
            tutor_kinds: kinds.map(|k| k.split(',').map(str::to_owned).collect()).unwrap_or_default(),
            confidence_before: r.get(11)?,
            confidence_after: r.get(12)?,
        })?;
    }
    Ok(())
}
