//! When each tutor takes appointments in a term: weekly times, replaced as a whole. A tutor with
//! no times takes walk-ins only.

use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};

use super::{terms, tutors};
use crate::clock;
use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WeeklyTime {
    /// Monday = 0 … Sunday = 6.
    pub weekday: i64,
    pub start: String,
    pub end: String,
}

pub(super) fn minute_of(label: &str, time: &str) -> Result<i64> {
    let time = clock::parse_time(label, time)?;
    Ok(i64::from(chrono::Timelike::hour(&time)) * 60 + i64::from(chrono::Timelike::minute(&time)))
}

pub(super) fn time_of(minute: i64) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// Replaces the tutor's weekly times in the term; refused whole if any is wrong.
pub fn set(tx: &Transaction, term_id: i64, tutor_id: i64, times: &[WeeklyTime]) -> Result<Vec<WeeklyTime>> {
    terms::get(tx, term_id)?;
    let tutor = tutors::get(tx, tutor_id)?;
    let mut parsed = Vec::with_capacity(times.len());
    for time in times {
        if !(0..7).contains(&time.weekday) {
            return Err(Error::Invalid(format!("Weekday {} is not 0 (Monday) to 6 (Sunday).", time.weekday)));
        }
        let (start, end) = (minute_of("Start", &time.start)?, minute_of("End", &time.end)?);
        if end <= start {
            return Err(Error::Invalid(format!("End {} must be after the start {}.", time.end, time.start)));
        }
        parsed.push((time.weekday, start, end));
    }
    parsed.sort_unstable();
    if let Some(pair) = parsed.windows(2).find(|pair| pair[0].0 == pair[1].0 && pair[1].1 < pair[0].2) {
        return Err(Error::Invalid(format!(
            "{}'s times {}–{} and {}–{} on the same day overlap.",
            tutor.name,
            time_of(pair[0].1),
            time_of(pair[0].2),
            time_of(pair[1].1),
            time_of(pair[1].2)
        )));
    }
    tx.execute("DELETE FROM tutor_availability WHERE term_id = ?1 AND tutor_id = ?2", [term_id, tutor_id])?;
    for (weekday, start, end) in &parsed {
        tx.execute(
            "INSERT INTO tutor_availability (term_id, tutor_id, weekday, start_minute, end_minute) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![term_id, tutor_id, weekday, start, end],
        )?;
    }
    get(tx, term_id, tutor_id)
}

pub fn get(conn: &Connection, term_id: i64, tutor_id: i64) -> Result<Vec<WeeklyTime>> {
    let mut stmt = conn.prepare_cached(
        "SELECT weekday, start_minute, end_minute FROM tutor_availability
         WHERE term_id = ?1 AND tutor_id = ?2 ORDER BY weekday, start_minute",
    )?;
    let rows = stmt.query_map([term_id, tutor_id], |r| {
        Ok(WeeklyTime { weekday: r.get(0)?, start: time_of(r.get(1)?), end: time_of(r.get(2)?) })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether the tutor takes appointments for the whole of `start`..`end` on `day`.
pub fn covers(conn: &Connection, term_id: i64, tutor_id: i64, day: i64, start: i64, end: i64) -> Result<bool> {
    let found: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM tutor_availability
         WHERE term_id = ?1 AND tutor_id = ?2 AND weekday = ?3 AND start_minute <= ?4 AND end_minute >= ?5",
        )?
        .query_row(params![term_id, tutor_id, clock::weekday(day), start, end], |r| r.get(0))?;
    Ok(found > 0)
}

/// The active tutors who take appointments for the whole of `start`..`end` on `day`.
pub fn tutors_covering(conn: &Connection, term_id: i64, day: i64, start: i64, end: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT a.tutor_id FROM tutor_availability a JOIN tutors t ON t.id = a.tutor_id
         WHERE a.term_id = ?1 AND a.weekday = ?2 AND a.start_minute <= ?3 AND a.end_minute >= ?4 AND t.active = 1",
    )?;
    let rows = stmt.query_map(params![term_id, clock::weekday(day), start, end], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
