//! Appointments and their day: reading them, and moving them along (checked in at sign-in, in a
//! session, completed when logged, cancelled, missed). Booking and its rules are in `booking.rs`.

use chrono::{Duration, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::json;

use super::appointment_rules;
use super::audit::{self, Actor};
use super::availability::time_of;
use super::waitlist::{self, Waiting};
use crate::clock;
use crate::error::{Error, Result};
use crate::vocabulary::{AppointmentStatus, AuditAction};

/// Statuses of an appointment still to come: they hold the writer's and the tutor's time.
const HOLDING: &str = "('scheduled', 'checked_in', 'in_session')";

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Appointment {
    pub id: i64,
    pub student_id: i64,
    pub student_name: String,
    pub tutor_id: Option<i64>,
    pub tutor_name: Option<String>,
    pub date: String,
    pub start: String,
    pub end: String,
    pub period: String,
    pub course: String,
    pub teacher_name: String,
    pub assignment_type: String,
    pub working_on: String,
    pub status: AppointmentStatus,
    pub limit_overridden: bool,
    /// When it starts, for the rules that count from the start (not sent to the window).
    #[serde(skip)]
    starts_at: NaiveDateTime,
}

mod booking;
mod week;
pub use booking::{book, NewAppointment};
pub use week::{week, WeekGrid};

/// An appointment that no longer holds its time, and the writers waiting that day whom the
/// freed time suits.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Freed {
    pub appointment: Appointment,
    pub waiting: Vec<Waiting>,
}

fn freed(tx: &Transaction, appointment: Appointment) -> Result<Freed> {
    let day = clock::day_number(appointment.starts_at.date());
    let waiting = waitlist::for_freed(tx, day, appointment.tutor_id)?;
    Ok(Freed { appointment, waiting })
}

const SELECT: &str = "SELECT a.id, a.student_id, s.first_name || ' ' || s.last_name, a.tutor_id, t.name, a.day,
        a.start_minute, a.end_minute, a.period, a.course, a.teacher_name, a.assignment_type, a.working_on,
        a.status, a.limit_overridden
    FROM appointments a JOIN students s ON s.id = a.student_id LEFT JOIN tutors t ON t.id = a.tutor_id";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Appointment> {
    Ok(Appointment {
        id: r.get(0)?,
        student_id: r.get(1)?,
        student_name: r.get(2)?,
        tutor_id: r.get(3)?,
        tutor_name: r.get(4)?,
        date: clock::date_of_day(r.get(5)?).to_string(),
        start: time_of(r.get(6)?),
        end: time_of(r.get(7)?),
        period: r.get(8)?,
        course: r.get(9)?,
        teacher_name: r.get(10)?,
        assignment_type: r.get(11)?,
        working_on: r.get(12)?,
        status: r.get(13)?,
        limit_overridden: r.get(14)?,
        starts_at: clock::date_of_day(r.get(5)?).and_hms_opt(0, 0, 0).expect("midnight") + Duration::minutes(r.get(6)?),
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Appointment> {
    conn.prepare_cached(&format!("{SELECT} WHERE a.id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("No appointment with id {id}.")))
}

/// An appointment the desk expects today, not yet checked in.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Expected {
    #[serde(flatten)]
    pub appointment: Appointment,
    /// The grace period after the start has passed: the desk asks "missed?".
    pub overdue: bool,
}

/// Today's appointments still scheduled, in time order, each flagged once its grace period has
/// passed.
pub fn expected_today(conn: &Connection, now: NaiveDateTime) -> Result<Vec<Expected>> {
    let grace = appointment_rules::get(conn)?.grace_minutes;
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE a.day = ?1 AND a.status = 'scheduled' ORDER BY a.start_minute, s.last_name, a.id"
    ))?;
    let rows = stmt.query_map([clock::day_number(now.date())], |r| {
        let appointment = from_row(r)?;
        Ok(Expected { overdue: now >= appointment.starts_at + Duration::minutes(grace), appointment })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A day's appointments, in time order.
pub fn on_day(conn: &Connection, day: i64) -> Result<Vec<Appointment>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} WHERE a.day = ?1 ORDER BY a.start_minute, s.last_name, a.id"))?;
    let rows = stmt.query_map([day], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn set_status(
    tx: &Transaction,
    appointment: &Appointment,
    to: AppointmentStatus,
    actor: Actor,
    now: NaiveDateTime,
) -> Result<Appointment> {
    tx.execute(
        "UPDATE appointments SET status = ?1, updated_at = ?2 WHERE id = ?3",
        params![to, clock::format(now), appointment.id],
    )?;
    let mut changes = serde_json::Map::new();
    changes.insert("status".into(), json!([appointment.status.stored(), to.stored()]));
    audit::record(tx, now, actor, "appointment", appointment.id, AuditAction::Update, changes)?;
    get(tx, appointment.id)
}

fn still_to_come(appointment: &Appointment) -> Result<()> {
    match appointment.status {
        AppointmentStatus::Scheduled | AppointmentStatus::CheckedIn => Ok(()),
        status => Err(Error::Conflict(format!(
            "{}'s appointment is {}: it can't be changed now.",
            appointment.student_name,
            status.label().to_lowercase()
        ))),
    }
}

/// Cancels: by the writer (late within the late-cancel window before the start) or by the tutor.
pub fn cancel(tx: &Transaction, id: i64, by_tutor: bool, actor: Actor, now: NaiveDateTime) -> Result<Freed> {
    let appointment = get(tx, id)?;
    still_to_come(&appointment)?;
    let late = now + Duration::hours(appointment_rules::get(tx)?.late_cancel_hours) >= appointment.starts_at;
    let to = match (by_tutor, late) {
        (true, _) => AppointmentStatus::CancelledByTutor,
        (false, true) => AppointmentStatus::CancelledLate,
        (false, false) => AppointmentStatus::Cancelled,
    };
    let cancelled = set_status(tx, &appointment, to, actor, now)?;
    freed(tx, cancelled)
}

/// A writer who didn't come: only once the grace period after the start has passed, and only
/// if they were not checked in. The time is then free for a walk-in.
pub fn mark_missed(tx: &Transaction, id: i64, actor: Actor, now: NaiveDateTime) -> Result<Freed> {
    let appointment = get(tx, id)?;
    if appointment.status != AppointmentStatus::Scheduled {
        return Err(Error::Conflict(format!(
            "{}'s appointment is {}, not scheduled: it can't be marked missed.",
            appointment.student_name,
            appointment.status.label().to_lowercase()
        )));
    }
    let grace = appointment_rules::get(tx)?.grace_minutes;
    if now < appointment.starts_at + Duration::minutes(grace) {
        return Err(Error::Conflict(format!(
            "{}'s appointment starts at {}: it can be marked missed {grace} minutes after that.",
            appointment.student_name, appointment.start
        )));
    }
    let missed = set_status(tx, &appointment, AppointmentStatus::Missed, actor, now)?;
    freed(tx, missed)
}

/// On sign-in: the writer's appointment today that is still scheduled, checked in with the visit.
/// A writer on today's waitlist waits no longer.
pub fn check_in(tx: &Transaction, student_id: i64, visit_id: i64, now: NaiveDateTime) -> Result<Option<Appointment>> {
    let day = clock::day_number(now.date());
    waitlist::served(tx, student_id, day, now)?;
    let found: Option<i64> = tx
        .query_row(
            "SELECT id FROM appointments WHERE student_id = ?1 AND day = ?2 AND status = 'scheduled'
             ORDER BY start_minute LIMIT 1",
            [student_id, day],
            |r| r.get(0),
        )
        .optional()?;
    let Some(id) = found else { return Ok(None) };
    let appointment = get(tx, id)?;
    tx.execute("UPDATE appointments SET visit_id = ?1 WHERE id = ?2", [visit_id, id])?;
    // The visit asks for the booked tutor (Start offers them) and carries what they booked for.
    tx.execute(
        "UPDATE visits SET requested_tutor_id = coalesce(?1, requested_tutor_id),
             working_on = CASE WHEN working_on = '' THEN ?2 ELSE working_on END WHERE id = ?3",
        params![appointment.tutor_id, appointment.working_on, visit_id],
    )?;
    set_status(tx, &appointment, AppointmentStatus::CheckedIn, Actor::FrontDesk, now).map(Some)
}

/// Moves the appointment a visit came for along with the visit: in a session when it starts,
/// completed (linked to its session log) when the session is logged.
pub fn advance_for_visit(
    tx: &Transaction,
    visit_id: i64,
    to: AppointmentStatus,
    session_id: Option<i64>,
    now: NaiveDateTime,
) -> Result<()> {
    let found: Option<i64> = tx
        .query_row(
            "SELECT id FROM appointments WHERE visit_id = ?1 AND status IN ('checked_in', 'in_session')",
            [visit_id],
            |r| r.get(0),
        )
        .optional()?;
    let Some(id) = found else { return Ok(()) };
    if let Some(session_id) = session_id {
        tx.execute("UPDATE appointments SET session_id = ?1 WHERE id = ?2", [session_id, id])?;
    }
    set_status(tx, &get(tx, id)?, to, Actor::FrontDesk, now).map(|_| ())
}
