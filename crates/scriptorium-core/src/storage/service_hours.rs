//! Tutors' service hours for a partner's report: their shifts, the sessions they tutored and
//! their approved hours beyond shifts. The partner's own people are named here; writers never
//! appear.

use std::collections::HashMap;

use rusqlite::{params, Connection};

use super::tutor_hours;
use crate::clock::Days;
use crate::error::Result;
use crate::vocabulary::{TutorHoursKind, TutorKind};

#[derive(Debug, Clone, PartialEq)]
pub struct ServiceHours {
    pub name: String,
    pub kind: TutorKind,
    pub institution: Option<String>,
    /// Finished shifts that began in the range (an open shift has no length yet).
    pub shifts: i64,
    pub shift_minutes: i64,
    /// Shifts left open and closed at closing time: their length is a guess.
    pub auto_closed_shifts: i64,
    /// Sessions led or co-tutored in the range.
    pub sessions: i64,
    pub session_minutes: i64,
    /// Approved service beyond shifts, in `TutorHoursKind::ALL` order.
    pub other_minutes: [i64; 4],
}

/// The partner's tutors (and, when asked, the school's own peer tutors) who are active or served
/// in the range, by name.
pub fn service_hours(
    conn: &Connection,
    partner_id: i64,
    include_peer_tutors: bool,
    days: Days,
) -> Result<Vec<ServiceHours>> {
    let mut stmt = conn.prepare_cached(
        "WITH served AS (
             SELECT lead_tutor_id AS tutor_id, minutes FROM sessions
              WHERE deleted_at IS NULL AND day >= ?2 AND day < ?3
             UNION ALL
             SELECT second_tutor_id, minutes FROM sessions
              WHERE deleted_at IS NULL AND day >= ?2 AND day < ?3 AND second_tutor_id IS NOT NULL),
         sessions_by_tutor AS (
             SELECT tutor_id, count(*) AS sessions, sum(minutes) AS minutes FROM served GROUP BY tutor_id),
         shifts_by_tutor AS (
             SELECT tutor_id, count(clock_out_at) AS shifts, coalesce(sum(minutes), 0) AS minutes,
                    sum(auto_closed) AS auto_closed
               FROM tutor_shifts WHERE day >= ?2 AND day < ?3 GROUP BY tutor_id)
         SELECT t.name, t.kind, i.name, t.active, coalesce(sh.shifts, 0), coalesce(sh.minutes, 0),
             coalesce(sh.auto_closed, 0), coalesce(se.sessions, 0), coalesce(se.minutes, 0), t.id
         FROM tutors t
         LEFT JOIN institutions i ON i.id = t.institution_id
         LEFT JOIN shifts_by_tutor sh ON sh.tutor_id = t.id
         LEFT JOIN sessions_by_tutor se ON se.tutor_id = t.id
         WHERE t.institution_id = ?1 OR (?4 AND t.kind = 'peer' AND t.institution_id IS NULL)
         ORDER BY t.name COLLATE NOCASE, t.id",
    )?;
    let mut other: HashMap<i64, [i64; 4]> = HashMap::new();
    for (tutor_id, kind, minutes) in tutor_hours::approved_minutes(conn, days)? {
        let index = TutorHoursKind::ALL.iter().position(|k| *k == kind).expect("every kind is listed");
        other.entry(tutor_id).or_default()[index] += minutes;
    }
    let rows = stmt.query_map(params![partner_id, days.first, days.end, include_peer_tutors], |r| {
        let active: bool = r.get(3)?;
        let tutor_id: i64 = r.get(9)?;
        let hours = ServiceHours {
            name: r.get(0)?,
            kind: r.get(1)?,
            institution: r.get(2)?,
            shifts: r.get(4)?,
            shift_minutes: r.get(5)?,
            auto_closed_shifts: r.get(6)?,
            sessions: r.get(7)?,
            session_minutes: r.get(8)?,
            other_minutes: other.get(&tutor_id).copied().unwrap_or_default(),
        };
        Ok((active, hours))
    })?;
    let mut served = Vec::new();
    for row in rows {
        let (active, hours) = row?;
        if active || hours.shifts > 0 || hours.sessions > 0 || hours.other_minutes.iter().any(|m| *m > 0) {
            served.push(hours);
        }
    }
    Ok(served)
}
