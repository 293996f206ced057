//! Booking an appointment. One that breaks any rule is refused whole, with the rule in the
//! message: a closed day, the past, an overlap for the writer or the tutor, a tutor who doesn't
//! take appointments then, the writer's weekly limit (the director may book past it, audited),
//! or too many no-shows this term (bookings then need the director).

use chrono::{Duration, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Deserialize;
use serde_json::json;

use super::{from_row, get, Appointment, HOLDING, SELECT};
use crate::clock;
use crate::error::{Error, Result};
use crate::storage::audit::{self, Actor};
use crate::storage::availability::{self, minute_of, period_named, time_of};
use crate::storage::availability_exceptions as exceptions;
use crate::storage::terms::OpenDay;
use crate::storage::{appointment_rules, settings, students, terms, tutors, waitlist};
use crate::text;
use crate::vocabulary::{AuditAction, ASSIGNMENT_TYPES};

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

/// The booked time: a period of the bell schedule, or a start and end.
fn booked_time(conn: &Connection, new: &NewAppointment) -> Result<(i64, i64, String)> {
    let period = new.period.trim();
    let (start, end, name) = if period.is_empty() {
        (minute_of("Start", &new.start)?, minute_of("End", &new.end)?, String::new())
    } else {
        let periods = settings::stats_settings(conn)?.periods;
        let (name, start, end) = period_named(&periods, period)?.ok_or_else(|| {
            let names: Vec<&str> = periods.iter().map(|p| p.name.as_str()).collect();
            Error::Invalid(format!("\"{period}\" is not a period of the bell schedule ({}).", names.join(", ")))
        })?;
        (start, end, name)
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
    let open = terms::open_on(tx, day)?;
    let starts = date.and_hms_opt(0, 0, 0).expect("midnight") + Duration::minutes(start);
    if starts < now {
        return Err(Error::Invalid(format!("{date} {} is in the past.", time_of(start))));
    }
    if let Some(closed) = exceptions::blocking(tx, None, day, start, end)? {
        return Err(Error::Conflict(format!(
            "The writing center is closed on {date} {}{}.",
            closed.time,
            because(&closed.reason)
        )));
    }
    if let Some(other) = overlap(tx, "student_id", student.id, day, (start, end))? {
        return Err(Error::Conflict(format!(
            "{name} already has an appointment {}–{} that day.",
            other.start, other.end
        )));
    }
    match &tutor {
        Some(tutor) => {
            if !availability::covers(tx, &open, tutor.id, day, start, end)? {
                let day_type =
                    if open.day_type.is_empty() { String::new() } else { format!(" ({} day)", open.day_type) };
                return Err(Error::Conflict(format!(
                    "{} doesn't take appointments on {}{day_type} {}–{}.",
                    tutor.name,
                    date.format("%A"),
                    time_of(start),
                    time_of(end)
                )));
            }
            if let Some(away) = exceptions::blocking(tx, Some(tutor.id), day, start, end)? {
                return Err(Error::Conflict(format!(
                    "{} is away on {date} {}{}.",
                    tutor.name,
                    away.time,
                    because(&away.reason)
                )));
            }
            if let Some(other) = overlap(tx, "tutor_id", tutor.id, day, (start, end))? {
                return Err(Error::Conflict(format!(
                    "{} is already booked {}–{} with {}.",
                    tutor.name, other.start, other.end, other.student_name
                )));
            }
        }
        None => any_tutor_free(tx, &open, day, (start, end))?,
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
            [student.id, open.term_id],
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
    waitlist::served(tx, student.id, day, now)?;
    get(tx, id)
}

fn because(reason: &str) -> String {
    if reason.is_empty() {
        String::new()
    } else {
        format!(" ({reason})")
    }
}

/// With "any tutor": some tutor who takes appointments then is not already booked, counting the
/// other "any tutor" bookings at that time.
fn any_tutor_free(conn: &Connection, open: &OpenDay, day: i64, (start, end): (i64, i64)) -> Result<()> {
    let covering = availability::tutors_covering(conn, open, day, start, end)?;
    let mut free = 0;
    for tutor in &covering {
        if overlap(conn, "tutor_id", *tutor, day, (start, end))?.is_none()
            && exceptions::blocking(conn, Some(*tutor), day, start, end)?.is_none()
        {
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
