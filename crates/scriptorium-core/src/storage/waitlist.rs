//! Writers waiting for a day, and maybe a tutor, when nothing is free. When an appointment is
//! cancelled or missed, the desk is shown the writers waiting for that time; booking or signing
//! one of them in takes them off the list.

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::{students, terms, tutors};
use crate::clock;
use crate::error::{Error, Result};
use crate::text;
use crate::vocabulary::WaitlistStatus;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NewWaiting {
    pub student_id: i64,
    pub date: String,
    /// None: any tutor.
    pub tutor_id: Option<i64>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Waiting {
    pub id: i64,
    pub student_id: i64,
    pub student_name: String,
    pub date: String,
    pub tutor_id: Option<i64>,
    pub tutor_name: Option<String>,
    pub note: String,
    pub status: WaitlistStatus,
}

const SELECT: &str = "SELECT w.id, w.student_id, s.first_name || ' ' || s.last_name, w.day, w.tutor_id, t.name, w.note,
        w.status
    FROM waitlist w JOIN students s ON s.id = w.student_id LEFT JOIN tutors t ON t.id = w.tutor_id";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Waiting> {
    Ok(Waiting {
        id: r.get(0)?,
        student_id: r.get(1)?,
        student_name: r.get(2)?,
        date: clock::date_of_day(r.get(3)?).to_string(),
        tutor_id: r.get(4)?,
        tutor_name: r.get(5)?,
        note: r.get(6)?,
        status: r.get(7)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Waiting> {
    conn.query_row(&format!("{SELECT} WHERE w.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("No waitlist entry with id {id}.")))
}

/// Puts a writer on the waitlist for a day the center takes appointments, today or later.
pub fn add(tx: &Transaction, new: &NewWaiting, now: NaiveDateTime) -> Result<Waiting> {
    let student = students::get(tx, new.student_id)?;
    let name = format!("{} {}", student.first_name, student.last_name);
    if !student.active {
        return Err(Error::Conflict(format!("{name} is marked inactive.")));
    }
    if let Some(tutor) = new.tutor_id.map(|id| tutors::get(tx, id)).transpose()?.filter(|t| !t.active) {
        return Err(Error::Conflict(format!("{} is no longer an active tutor.", tutor.name)));
    }
    let date = clock::parse_date("Date", &new.date)?;
    if date < now.date() {
        return Err(Error::Invalid(format!("{date} is in the past.")));
    }
    let day = clock::day_number(date);
    terms::open_on(tx, day)?;
    let note = text::optional("Note", &new.note, 200)?;
    let already: Option<String> = tx
        .query_row(
            "SELECT 'is already waiting' FROM waitlist WHERE student_id = ?1 AND day = ?2 AND status = 'waiting'
             UNION ALL SELECT 'already has an appointment' FROM appointments
             WHERE student_id = ?1 AND day = ?2 AND status IN ('scheduled', 'checked_in', 'in_session')",
            [student.id, day],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(why) = already {
        return Err(Error::Conflict(format!("{name} {why} on {date}.")));
    }
    let stamp = clock::format(now);
    tx.execute(
        "INSERT INTO waitlist (student_id, day, tutor_id, note, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![student.id, day, new.tutor_id, note, stamp],
    )?;
    get(tx, tx.last_insert_rowid())
}

/// The writers still waiting on a day, first come first.
pub fn on_day(conn: &Connection, day: i64) -> Result<Vec<Waiting>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE w.day = ?1 AND w.status = 'waiting' ORDER BY w.id"))?;
    let rows = stmt.query_map([day], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The writers waiting on `day` whom a freed time with this tutor (None: any tutor) suits.
pub fn for_freed(conn: &Connection, day: i64, tutor_id: Option<i64>) -> Result<Vec<Waiting>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE w.day = ?1 AND w.status = 'waiting' AND (w.tutor_id IS NULL OR w.tutor_id IS ?2) ORDER BY w.id"
    ))?;
    let rows = stmt.query_map(params![day, tutor_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn withdraw(tx: &Transaction, id: i64, now: NaiveDateTime) -> Result<()> {
    let waiting = get(tx, id)?;
    let changed = tx.execute(
        "UPDATE waitlist SET status = ?1, updated_at = ?2 WHERE id = ?3 AND status = 'waiting'",
        params![WaitlistStatus::Withdrawn, clock::format(now), id],
    )?;
    if changed == 0 {
        return Err(Error::Conflict(format!("{} is no longer waiting.", waiting.student_name)));
    }
    Ok(())
}

/// The writer got a time on `day` (booked or signed in): they wait no longer.
pub(super) fn served(tx: &Transaction, student_id: i64, day: i64, now: NaiveDateTime) -> Result<()> {
    tx.execute(
        "UPDATE waitlist SET status = ?1, updated_at = ?2 WHERE student_id = ?3 AND day = ?4 AND status = 'waiting'",
        params![WaitlistStatus::Served, clock::format(now), student_id, day],
    )?;
    Ok(())
}
