//! Exceptions to the weekly times: a tutor away (a day, a run of days, or every Tuesday until
//! the break), or a time the whole center is closed (an assembly in Period 2). Booking refuses
//! them; appointments already booked then are counted so the director can move them.

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::availability::{minute_of, period_named, time_of};
use super::{settings, terms, tutors};
use crate::clock;
use crate::error::{Error, Result};
use crate::text;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NewException {
    pub term_id: i64,
    /// None: the whole center.
    pub tutor_id: Option<i64>,
    pub first_day: String,
    /// Empty: the first day only.
    pub last_day: String,
    /// Repeats on this weekday (Monday = 0) between the first and last day; None: every day.
    pub weekday: Option<i64>,
    /// A period of the bell schedule, or empty for `start`..`end`; all three empty: the whole day.
    pub period: String,
    pub start: String,
    pub end: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Exception {
    pub id: i64,
    pub tutor_id: Option<i64>,
    /// "Sam Rivera", or "The writing center".
    pub who: String,
    /// "2026-12-07", "2026-12-07 to 2026-12-11" or "Tuesdays 2026-12-01 to 2027-01-26".
    pub days: String,
    /// "11:45–12:40", or "all day".
    pub time: String,
    pub reason: String,
}

/// An exception and the appointments already booked in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AddedException {
    pub exception: Exception,
    pub booked_in_it: i64,
}

const WEEKDAYS: [&str; 7] = ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"];

const SELECT: &str = "SELECT e.id, e.tutor_id, coalesce(t.name, 'The writing center'), e.first_day, e.last_day,
        e.weekday, e.start_minute, e.end_minute, e.reason
    FROM availability_exceptions e LEFT JOIN tutors t ON t.id = e.tutor_id";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Exception> {
    let (first, last): (i64, i64) = (r.get(3)?, r.get(4)?);
    let weekday: Option<i64> = r.get(5)?;
    let (first, last) = (clock::date_of_day(first), clock::date_of_day(last));
    let days = match weekday {
        Some(d) => format!("{} {first} to {last}", WEEKDAYS[d as usize]),
        None if first == last => first.to_string(),
        None => format!("{first} to {last}"),
    };
    let time = match (r.get::<_, Option<i64>>(6)?, r.get::<_, Option<i64>>(7)?) {
        (Some(start), Some(end)) => format!("{}–{}", time_of(start), time_of(end)),
        _ => "all day".to_owned(),
    };
    Ok(Exception { id: r.get(0)?, tutor_id: r.get(1)?, who: r.get(2)?, days, time, reason: r.get(8)? })
}

fn excepted_time(conn: &Connection, new: &NewException) -> Result<Option<(i64, i64)>> {
    let period = new.period.trim();
    if !period.is_empty() {
        let periods = settings::stats_settings(conn)?.periods;
        let (_, start, end) = period_named(&periods, period)?
            .ok_or_else(|| Error::Invalid(format!("\"{period}\" is not a period of the bell schedule.")))?;
        return Ok(Some((start, end)));
    }
    if new.start.trim().is_empty() && new.end.trim().is_empty() {
        return Ok(None);
    }
    let (start, end) = (minute_of("Start", &new.start)?, minute_of("End", &new.end)?);
    if end <= start {
        return Err(Error::Invalid(format!("End {} must be after the start {}.", time_of(end), time_of(start))));
    }
    Ok(Some((start, end)))
}

pub fn add(tx: &Transaction, new: &NewException, now: NaiveDateTime) -> Result<AddedException> {
    let term = terms::get(tx, new.term_id)?;
    if let Some(tutor) = new.tutor_id {
        tutors::get(tx, tutor)?;
    }
    let first = clock::parse_date("First day", &new.first_day)?;
    let last = if new.last_day.trim().is_empty() { first } else { clock::parse_date("Last day", &new.last_day)? };
    if last < first {
        return Err(Error::Invalid(format!("The last day {last} is before the first day {first}.")));
    }
    let days = clock::Days::through(first, last);
    let (term_first, term_last) =
        (clock::parse_date("First day", &term.first_day)?, clock::parse_date("Last day", &term.last_day)?);
    let term_days = clock::Days::through(term_first, term_last);
    if days.first < term_days.first || days.last() > term_days.last() {
        return Err(Error::Invalid(format!(
            "The days must be within the term {} ({} to {}).",
            term.name, term.first_day, term.last_day
        )));
    }
    if let Some(weekday) = new.weekday.filter(|d| !(0..7).contains(d)) {
        return Err(Error::Invalid(format!("Weekday {weekday} is not 0 (Monday) to 6 (Sunday).")));
    }
    let time = excepted_time(tx, new)?;
    let reason = text::optional("Reason", &new.reason, 80)?;
    tx.execute(
        "INSERT INTO availability_exceptions (term_id, tutor_id, first_day, last_day, weekday, start_minute, end_minute,
             reason, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            term.id,
            new.tutor_id,
            days.first,
            days.last(),
            new.weekday,
            time.map(|t| t.0),
            time.map(|t| t.1),
            reason,
            clock::format(now)
        ],
    )?;
    let id = tx.last_insert_rowid();
    let booked_in_it: i64 = tx.query_row(
        "SELECT count(*) FROM appointments a JOIN availability_exceptions e ON e.id = ?1
         WHERE a.status IN ('scheduled', 'checked_in') AND a.day BETWEEN e.first_day AND e.last_day
         AND (e.weekday IS NULL OR e.weekday = (a.day + 3) % 7)
         AND (e.tutor_id IS NULL OR e.tutor_id = a.tutor_id)
         AND (e.start_minute IS NULL OR (e.start_minute < a.end_minute AND e.end_minute > a.start_minute))",
        [id],
        |r| r.get(0),
    )?;
    Ok(AddedException { exception: get(tx, id)?, booked_in_it })
}

pub fn get(conn: &Connection, id: i64) -> Result<Exception> {
    conn.query_row(&format!("{SELECT} WHERE e.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("No exception with id {id}.")))
}

pub fn list(conn: &Connection, term_id: i64) -> Result<Vec<Exception>> {
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE e.term_id = ?1 ORDER BY e.first_day, e.id"))?;
    let rows = stmt.query_map([term_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn remove(tx: &Transaction, id: i64) -> Result<()> {
    get(tx, id)?;
    tx.execute("DELETE FROM availability_exceptions WHERE id = ?1", [id])?;
    Ok(())
}

/// The exception that takes `start`..`end` on `day` away from this tutor (or, with None, from
/// the whole center), if one does.
pub fn blocking(conn: &Connection, tutor_id: Option<i64>, day: i64, start: i64, end: i64) -> Result<Option<Exception>> {
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE e.first_day <= ?2 AND e.last_day >= ?2 AND (e.weekday IS NULL OR e.weekday = ?3)
             AND (e.tutor_id IS NULL OR e.tutor_id = ?1)
             AND (e.start_minute IS NULL OR (e.start_minute < ?5 AND e.end_minute > ?4))
             ORDER BY e.tutor_id IS NOT NULL LIMIT 1"
        ))?
        .query_row(params![tutor_id, day, clock::weekday(day), start, end], from_row)
        .optional()?)
}

/// An exception as it applies on one day.
#[derive(Debug, Clone, PartialEq)]
pub struct Away {
    /// None: the whole center.
    pub tutor_id: Option<i64>,
    /// The whole day is 0..1440.
    pub start: i64,
    pub end: i64,
    pub reason: String,
}

/// The exceptions that apply on `day`.
pub fn on_day(conn: &Connection, day: i64) -> Result<Vec<Away>> {
    let mut stmt = conn.prepare_cached(
        "SELECT tutor_id, coalesce(start_minute, 0), coalesce(end_minute, 1440), reason FROM availability_exceptions
         WHERE first_day <= ?1 AND last_day >= ?1 AND (weekday IS NULL OR weekday = ?2)",
    )?;
    let rows = stmt.query_map([day, clock::weekday(day)], |r| {
        Ok(Away { tutor_id: r.get(0)?, start: r.get(1)?, end: r.get(2)?, reason: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
