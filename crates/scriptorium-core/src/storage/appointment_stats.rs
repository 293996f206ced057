//! Appointments in the weekly statistics: how many were booked against walk-ins, how many
//! writers didn't come, late cancellations, and how much of the tutors' offered time was booked.

use rusqlite::{params, Connection};
use serde::Serialize;

use super::{availability, availability_exceptions as exceptions, terms};
use crate::clock;
use crate::error::Result;
use crate::vocabulary::AppointmentStatus;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentWeek {
    pub week_start: String,
    /// Appointments that week, cancelled ones left out.
    pub booked: i64,
    pub sessions_from_appointments: i64,
    pub walk_in_sessions: i64,
    pub missed: i64,
    /// Missed of those that came due (checked in, in a session, completed or missed).
    pub no_show_rate: Option<f64>,
    pub cancelled: i64,
    pub cancelled_late: i64,
    /// Minutes of tutor time offered for appointments (weekly times less exceptions).
    pub offered_minutes: i64,
    /// Minutes of that time booked (a missed appointment held its time too).
    pub booked_minutes: i64,
    pub fill_rate: Option<f64>,
}

fn rate(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 / whole as f64 * 1000.0).round() / 1000.0)
}

/// The `weeks` weeks starting on `first` (a week's first day), oldest first.
pub fn by_week(conn: &Connection, first: i64, weeks: i64) -> Result<Vec<AppointmentWeek>> {
    let mut out: Vec<AppointmentWeek> = (0..weeks)
        .map(|w| AppointmentWeek { week_start: clock::date_of_day(first + 7 * w).to_string(), ..Default::default() })
        .collect();
    let end = first + 7 * weeks;
    let mut due = vec![0; weeks as usize];
    let mut stmt = conn.prepare_cached(
        "SELECT (day - ?1) / 7, status, count(*), sum(end_minute - start_minute)
         FROM appointments WHERE day >= ?1 AND day < ?2 GROUP BY 1, 2",
    )?;
    let mut rows = stmt.query(params![first, end])?;
    while let Some(row) = rows.next()? {
        let (w, status, count, minutes): (i64, AppointmentStatus, i64, i64) =
            (row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?);
        let (week, due) = (&mut out[w as usize], &mut due[w as usize]);
        match status {
            AppointmentStatus::Cancelled | AppointmentStatus::CancelledByTutor => week.cancelled += count,
            AppointmentStatus::CancelledLate => week.cancelled_late += count,
            AppointmentStatus::Scheduled => {
                week.booked += count;
                week.booked_minutes += minutes;
            }
            AppointmentStatus::Missed => {
                week.missed += count;
                *due += count;
                week.booked += count;
                week.booked_minutes += minutes;
            }
            AppointmentStatus::CheckedIn | AppointmentStatus::InSession | AppointmentStatus::Completed => {
                *due += count;
                week.booked += count;
                week.booked_minutes += minutes;
            }
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT (s.day - ?1) / 7, count(*), count(a.id) FROM sessions s
         LEFT JOIN appointments a ON a.session_id = s.id
         WHERE s.deleted_at IS NULL AND s.day >= ?1 AND s.day < ?2 GROUP BY 1",
    )?;
    let mut rows = stmt.query(params![first, end])?;
    while let Some(row) = rows.next()? {
        let (w, sessions, from_appointments): (i64, i64, i64) = (row.get(0)?, row.get(1)?, row.get(2)?);
        out[w as usize].sessions_from_appointments = from_appointments;
        out[w as usize].walk_in_sessions = sessions - from_appointments;
    }
    for (w, week) in out.iter_mut().enumerate() {
        let monday = first + 7 * w as i64;
        week.offered_minutes = (monday..monday + 7).map(|day| offered_minutes(conn, day)).sum::<Result<i64>>()?;
        week.no_show_rate = rate(week.missed, due[w]);
        week.fill_rate = rate(week.booked_minutes, week.offered_minutes);
    }
    Ok(out)
}

/// Minutes tutors offer for appointments on `day`: their weekly times, less the times they or
/// the center are away.
pub fn offered_minutes(conn: &Connection, day: i64) -> Result<i64> {
    let Ok(open) = terms::open_on(conn, day) else { return Ok(0) };
    let away = exceptions::on_day(conn, day)?;
    let mut total = 0;
    for (tutor, start, end) in availability::on_day(conn, &open, day)? {
        let mut free = vec![(start, end)];
        for a in away.iter().filter(|a| a.tutor_id.is_none() || a.tutor_id == Some(tutor)) {
            free = free
                .into_iter()
                .flat_map(|(s, e)| [(s, e.min(a.start)), (s.max(a.end), e)])
                .filter(|(s, e)| s < e)
                .collect();
        }
        total += free.iter().map(|(s, e)| e - s).sum::<i64>();
    }
    Ok(total)
}
