//! A tutor's signed record of service for one school year, for honor societies and graduation
//! requirements: every finished shift, the sessions tutored, approved hours beyond shifts, and
//! the totals. Sessions happen during shifts, so their time is shown but not added again.

use rusqlite::{params, Connection};
use serde::Serialize;

use super::{settings, tutor_hours, tutors};
use crate::clock::{self, Days};
use crate::error::Result;
use crate::vocabulary::TutorHoursKind;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShiftLine {
    pub date: String,
    pub clock_in: String,
    pub clock_out: String,
    pub minutes: i64,
    /// Left open and closed at closing time: its length is a guess.
    pub closed_automatically: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OtherHours {
    pub date: String,
    pub kind: TutorHoursKind,
    pub description: String,
    pub minutes: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceRecord {
    /// As Settings → School has it; empty until given.
    pub school_name: String,
    pub tutor_id: i64,
    pub tutor_name: String,
    pub tutor_kind: String,
    pub from: String,
    pub through: String,
    pub shifts: Vec<ShiftLine>,
    pub shift_minutes: i64,
    pub sessions: i64,
    pub session_minutes: i64,
    /// Approved only.
    pub other: Vec<OtherHours>,
    /// Per kind, in `TutorHoursKind::ALL` order: its label and approved minutes.
    pub other_by_kind: Vec<(&'static str, i64)>,
    /// Shifts and approved hours beyond them.
    pub total_minutes: i64,
}

fn time_of(stamp: &str) -> String {
    clock::parse(stamp).map(|at| at.format("%H:%M").to_string()).unwrap_or_default()
}

/// One tutor's record over `year`.
pub fn service_record(conn: &Connection, tutor_id: i64, year: Days) -> Result<ServiceRecord> {
    let tutor = tutors::get(conn, tutor_id)?;
    let shifts: Vec<ShiftLine> = conn
        .prepare_cached(
            "SELECT day, clock_in_at, clock_out_at, minutes, auto_closed FROM tutor_shifts
             WHERE tutor_id = ?1 AND day >= ?2 AND day < ?3 AND clock_out_at IS NOT NULL
             ORDER BY clock_in_at",
        )?
        .query_map(params![tutor_id, year.first, year.end], |r| {
            let clock_in: String = r.get(1)?;
            let clock_out: String = r.get(2)?;
            Ok(ShiftLine {
                date: clock::date_of_day(r.get(0)?).to_string(),
                clock_in: time_of(&clock_in),
                clock_out: time_of(&clock_out),
                minutes: r.get::<_, Option<i64>>(3)?.unwrap_or(0),
                closed_automatically: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let (sessions, session_minutes): (i64, i64) = conn.query_row(
        "SELECT count(*), coalesce(sum(minutes), 0) FROM sessions
         WHERE deleted_at IS NULL AND day >= ?2 AND day < ?3 AND (lead_tutor_id = ?1 OR second_tutor_id = ?1)",
        params![tutor_id, year.first, year.end],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let other: Vec<OtherHours> = tutor_hours::of_tutor(conn, tutor_id, year)?
        .into_iter()
        .filter(|entry| entry.approved)
        .map(|entry| OtherHours {
            date: entry.date,
            kind: entry.kind,
            description: entry.description,
            minutes: entry.minutes,
        })
        .collect();
    let other_by_kind: Vec<(&'static str, i64)> = TutorHoursKind::ALL
        .iter()
        .map(|kind| (kind.label(), other.iter().filter(|o| o.kind == *kind).map(|o| o.minutes).sum()))
        .collect();
    let shift_minutes = shifts.iter().map(|s| s.minutes).sum::<i64>();
    let other_minutes = other.iter().map(|o| o.minutes).sum::<i64>();
    Ok(ServiceRecord {
        school_name: settings::stats_settings(conn)?.school_name,
        tutor_id,
        tutor_name: tutor.name,
        tutor_kind: tutor.kind.label().to_owned(),
        from: clock::date_of_day(year.first).to_string(),
        through: clock::date_of_day(year.end - 1).to_string(),
        shifts,
        shift_minutes,
        sessions,
        session_minutes,
        other,
        other_by_kind,
        total_minutes: shift_minutes + other_minutes,
    })
}

/// The records of every active peer tutor, by name, for printing at once.
pub fn active_peer_records(conn: &Connection, year: Days) -> Result<Vec<ServiceRecord>> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM tutors WHERE active = 1 AND kind = 'peer' ORDER BY name COLLATE NOCASE, id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| service_record(conn, id, year)).collect()
}
