//! Booking appointments and moving them through their day. A booking that breaks any rule is
//! refused whole, with the rule in the message: a closed day, the past, an overlap for the writer
//! or the tutor, a tutor who doesn't take appointments then, the writer's weekly limit (the
//! director may book past it, audited), or too many no-shows this term (bookings then need the
//! director).

use chrono::{Duration, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::audit::{self, Actor};
use super::availability::{self, minute_of, time_of};
use super::{appointment_rules, settings, students, terms, tutors};
use crate::clock;
use crate::error::{Error, Result};
use crate::text;
use crate::vocabulary::{AppointmentStatus, AuditAction, ASSIGNMENT_TYPES};

/// Statuses of an appointment still to come: they hold the writer's and the tutor's time.
const HOLDING: &str = "('scheduled', 'checked_in', 'in_session')";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NewAppointment {
    pub student_id: i64,
    /// None: any tutor.
    pub tutor_id: Option<i64>,
    pub date: String,
    /// A period of the bell schedule (Settings), or empty to give `start` and `end`.
    pub period: String,
    pub start: String,
    pub end: String,
    pub course: String,
    pub teacher_name: String,
    pub assignment_type: String,
    pub working_on: String,
    /// The director books past the writer's weekly limit.
    pub override_limit: bool,
}

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

/// The booked time: a period of the bell schedule, or a start and end.
fn booked_time(conn: &Connection, new: &NewAppointment) -> Result<(i64, i64, String)> {
    let period = new.period.trim();
    let (start, end, name) = if period.is_empty() {
        (minute_of("Start", &new.start)?, minute_of("End", &new.end)?, String::new())
    } else {
        let periods = settings::stats_settings(conn)?.periods;
        let found = periods.iter().find(|p| p.name.eq_ignore_ascii_case(period)).ok_or_else(|| {
            let names: Vec<&str> = periods.iter().map(|p| p.name.as_str()).collect();
            Error::Invalid(format!("\"{period}\" is not a period of the bell schedule ({}).", names.join(", ")))
        })?;
        (minute_of("Start", &found.start)?, minute_of("End", &found.end)?, found.name.clone())
    };
    if end <= start {
        return Err(Error::Invalid(format!("End {} must be after the start {}.", time_of(end), time_of(start))));
    }
    if end - start > 240 {
        return Err(Error::Invalid("An appointment can be at most 4 hours long.".into()));
    }
    Ok((start, end, name))
}

/// The first appointment still to come that overlaps `start`..`end` on `day` for this column
/// (student_id or tutor_id).
fn overlap(
    conn: &Connection,
    column: &str,
    id: i64,
    day: i64,
    (start, end): (i64, i64),
) -> Result<Option<Appointment>> {
    let sql = format!(
        "{SELECT} WHERE a.{column} = ?1 AND a.day = ?2 AND a.status IN {HOLDING}
         AND a.start_minute < ?4 AND a.end_minute > ?3 ORDER BY a.start_minute LIMIT 1"
    );
    Ok(conn.prepare_cached(&sql)?.query_row(params![id, day, start, end], from_row).optional()?)
}

/// Books an appointment, or refuses it whole.
pub fn book(tx: &Transaction, new: &NewAppointment, actor: Actor, now: NaiveDateTime) -> Result<Appointment> {
    let student = students::get(tx, new.student_id)?;
    let name = format!("{} {}", student.first_name, student.last_name);
    if !student.active {
        return Err(Error::Conflict(format!("{name} is marked inactive.")));
    }
    let tutor = new.tutor_id.map(|id| tutors::get(tx, id)).transpose()?;
    if let Some(tutor) = tutor.as_ref().filter(|t| !t.active) {
        return Err(Error::Conflict(format!("{} is no longer an active tutor.", tutor.name)));
    }
    let date = clock::parse_date("Date", &new.date)?;
    let day = clock::day_number(date);
    let (start, end, period) = booked_time(tx, new)?;
    let course = text::optional("Course", &new.course, 80)?;
    let teacher_name = text::optional("Teacher", &new.teacher_name, 80)?;
    let working_on = text::optional("What they want to work on", &new.working_on, 300)?;
    let assignment_type = new.assignment_type.trim();
    if !assignment_type.is_empty() && !ASSIGNMENT_TYPES.contains(&assignment_type) {
        return Err(Error::Invalid(format!("\"{assignment_type}\" is not one of the assignment types.")));
    }
    let term_id = terms::open_on(tx, day)?;
    let starts = date.and_hms_opt(0, 0, 0).expect("midnight") + Duration::minutes(start);
    if starts < now {
        return Err(Error::Invalid(format!("{date} {} is in the past.", time_of(start))));
    }
    if let Some(other) = overlap(tx, "student_id", student.id, day, (start, end))? {
        return Err(Error::Conflict(format!(
            "{name} already has an appointment {}–{} that day.",
            other.start, other.end
        )));
    }
    match &tutor {
        Some(tutor) => {
            if !availability::covers(tx, term_id, tutor.id, day, start, end)? {
                return Err(Error::Conflict(format!(
                    "{} doesn't take appointments on {} {}–{}.",
                    tutor.name,
                    date.format("%A"),
                    time_of(start),
                    time_of(end)
                )));
            }
            if let Some(other) = overlap(tx, "tutor_id", tutor.id, day, (start, end))? {
                return Err(Error::Conflict(format!(
                    "{} is already booked {}–{} with {}.",
                    tutor.name, other.start, other.end, other.student_name
                )));
            }
        }
        None => any_tutor_free(tx, term_id, day, (start, end))?,
    }
    let rules = appointment_rules::get(tx)?;
    let over_limit = over_weekly_limit(tx, &rules, student.id, day, end - start)?;
    let limit_overridden = match over_limit {
        Some(_) if actor == Actor::Director && new.override_limit => true,
        Some(why) => {
            return Err(Error::Conflict(format!("{name} {why}. The director can book past the limit.")));
        }
        None => false,
    };
    if actor == Actor::FrontDesk && rules.no_show_limit > 0 {
        let missed: i64 = tx.query_row(
            "SELECT count(*) FROM appointments a JOIN terms t ON t.id = ?2
             WHERE a.student_id = ?1 AND a.status = 'missed' AND a.day BETWEEN t.first_day AND t.last_day",
            [student.id, term_id],
            |r| r.get(0),
        )?;
        if missed >= rules.no_show_limit {
            return Err(Error::Conflict(format!(
                "{name} missed {missed} appointments this term: new bookings need the director. {name} can still walk in."
            )));
        }
    }
    let stamp = clock::format(now);
    tx.execute(
        "INSERT INTO appointments (student_id, tutor_id, day, start_minute, end_minute, period, course, teacher_name,
             assignment_type, working_on, booked_by, limit_overridden, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
        params![
            student.id,
            new.tutor_id,
            day,
            start,
            end,
            period,
            course,
            teacher_name,
            assignment_type,
            working_on,
            actor.as_str(),
            limit_overridden,
            stamp
        ],
    )?;
    let id = tx.last_insert_rowid();
    let mut changes = serde_json::Map::new();
    changes.insert("writer".into(), json!([null, name]));
    changes.insert("when".into(), json!([null, format!("{date} {}–{}", time_of(start), time_of(end))]));
    if limit_overridden {
        changes.insert("weeklyLimitOverridden".into(), json!([false, true]));
    }
    audit::record(tx, now, actor, "appointment", id, AuditAction::Create, changes)?;
    get(tx, id)
}

/// With "any tutor": some tutor who takes appointments then is not already booked, counting the
/// other "any tutor" bookings at that time.
fn any_tutor_free(conn: &Connection, term_id: i64, day: i64, (start, end): (i64, i64)) -> Result<()> {
    let covering = availability::tutors_covering(conn, term_id, day, start, end)?;
    let mut free = 0;
    for tutor in &covering {
        if overlap(conn, "tutor_id", *tutor, day, (start, end))?.is_none() {
            free += 1;
        }
    }
    let any_booked: i64 = conn.query_row(
        &format!(
            "SELECT count(*) FROM appointments WHERE tutor_id IS NULL AND day = ?1 AND status IN {HOLDING}
             AND start_minute < ?3 AND end_minute > ?2"
        ),
        params![day, start, end],
        |r| r.get(0),
    )?;
    if free as i64 <= any_booked {
        return Err(Error::Conflict(format!(
            "No tutor is free to take an appointment on {} {}–{}.",
            clock::date_of_day(day),
            time_of(start),
            time_of(end)
        )));
    }
    Ok(())
}

/// Why one more appointment of `minutes` would put the writer over the weekly limit, if it would.
fn over_weekly_limit(
    conn: &Connection,
    rules: &appointment_rules::AppointmentRules,
    student_id: i64,
    day: i64,
    minutes: i64,
) -> Result<Option<String>> {
    let monday = day - clock::weekday(day);
    let (count, booked): (i64, i64) = conn.query_row(
        "SELECT count(*), coalesce(sum(end_minute - start_minute), 0) FROM appointments
         WHERE student_id = ?1 AND day >= ?2 AND day < ?2 + 7
         AND status IN ('scheduled', 'checked_in', 'in_session', 'completed')",
        [student_id, monday],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let week = clock::date_of_day(monday);
    if rules.per_week > 0 && count >= rules.per_week {
        return Ok(Some(format!(
            "already has {count} appointments in the week of {week} (the limit is {})",
            rules.per_week
        )));
    }
    if rules.minutes_per_week > 0 && booked + minutes > rules.minutes_per_week {
        return Ok(Some(format!(
            "would have {} minutes of appointments in the week of {week} (the limit is {})",
            booked + minutes,
            rules.minutes_per_week
        )));
    }
    Ok(None)
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
pub fn cancel(tx: &Transaction, id: i64, by_tutor: bool, actor: Actor, now: NaiveDateTime) -> Result<Appointment> {
    let appointment = get(tx, id)?;
    still_to_come(&appointment)?;
    let late = now + Duration::hours(appointment_rules::get(tx)?.late_cancel_hours) >= appointment.starts_at;
    let to = match (by_tutor, late) {
        (true, _) => AppointmentStatus::CancelledByTutor,
        (false, true) => AppointmentStatus::CancelledLate,
        (false, false) => AppointmentStatus::Cancelled,
    };
    set_status(tx, &appointment, to, actor, now)
}

/// A writer who didn't come: only once the grace period after the start has passed, and only
/// if they were not checked in. The time is then free for a walk-in.
pub fn mark_missed(tx: &Transaction, id: i64, actor: Actor, now: NaiveDateTime) -> Result<Appointment> {
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
    set_status(tx, &appointment, AppointmentStatus::Missed, actor, now)
}

/// On sign-in: the writer's appointment today that is still scheduled, checked in with the visit.
pub fn check_in(tx: &Transaction, student_id: i64, visit_id: i64, now: NaiveDateTime) -> Result<Option<Appointment>> {
    let day = clock::day_number(now.date());
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
