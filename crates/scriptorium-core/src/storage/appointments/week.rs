//! The week grid: days × slots (the bell schedule's periods, or times every N minutes when the
//! rules say so), with who is booked in each slot and which tutors are still free.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::Serialize;

use super::{from_row, Appointment, SELECT};
use crate::clock;
use crate::error::Result;
use crate::storage::availability::{self, minute_of, time_of};
use crate::storage::{appointment_rules, availability_exceptions as exceptions, settings, terms};
use crate::vocabulary::AppointmentStatus;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Slot {
    /// The period's name, or '' for a time slot.
    pub period: String,
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GridDay {
    pub date: String,
    /// Why no appointments can be booked that day, or None when it is open.
    pub closed: Option<String>,
    /// On a rotation, the day's type.
    pub day_type: String,
    /// One per slot, in the order of `WeekGrid::slots`.
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cell {
    /// The center is closed then (an exception), with the reason.
    pub closed: Option<String>,
    /// Tutors who take appointments for the whole slot and are not booked or away then.
    pub free_tutors: Vec<TutorName>,
    /// Appointments still holding the slot for "any tutor" take one of the free tutors each.
    pub openings: usize,
    pub bookings: Vec<Appointment>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TutorName {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WeekGrid {
    pub monday: String,
    pub slots: Vec<Slot>,
    pub days: Vec<GridDay>,
}

fn slots(conn: &Connection) -> Result<Vec<(Slot, i64, i64)>> {
    let periods = settings::stats_settings(conn)?.periods;
    let step = appointment_rules::get(conn)?.slot_minutes;
    let mut slots = Vec::new();
    if step == 0 {
        for p in periods {
            let (start, end) = (minute_of(&p.name, &p.start)?, minute_of(&p.name, &p.end)?);
            slots.push((Slot { period: p.name, start: p.start, end: p.end }, start, end));
        }
        return Ok(slots);
    }
    let mut bounds = Vec::new();
    for p in &periods {
        bounds.push((minute_of(&p.name, &p.start)?, minute_of(&p.name, &p.end)?));
    }
    let (first, last) =
        (bounds.iter().map(|b| b.0).min().unwrap_or(480), bounds.iter().map(|b| b.1).max().unwrap_or(960));
    let mut start = first;
    while start + step <= last {
        slots.push((
            Slot { period: String::new(), start: time_of(start), end: time_of(start + step) },
            start,
            start + step,
        ));
        start += step;
    }
    Ok(slots)
}

/// Holds its time: counts against the tutor (a missed or cancelled one has freed it).
fn holds_time(status: AppointmentStatus) -> bool {
    matches!(
        status,
        AppointmentStatus::Scheduled
            | AppointmentStatus::CheckedIn
            | AppointmentStatus::InSession
            | AppointmentStatus::Completed
    )
}

/// The grid for the week (Monday to Sunday) holding `date`. Weekend days appear only when a term
/// opens on them.
pub fn week(conn: &Connection, date: chrono::NaiveDate) -> Result<WeekGrid> {
    let monday = clock::day_number(date) - clock::weekday(clock::day_number(date));
    let slots = slots(conn)?;
    let names: HashMap<i64, String> = conn
        .prepare_cached("SELECT id, name FROM tutors WHERE active = 1")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut days = Vec::new();
    for day in monday..monday + 7 {
        let weekend = clock::weekday(day) >= 5;
        let open = match terms::open_on(conn, day) {
            Ok(open) => open,
            Err(_) if weekend => continue,
            Err(closed) => {
                let date = clock::date_of_day(day).to_string();
                days.push(GridDay {
                    date,
                    closed: Some(closed.to_string()),
                    day_type: String::new(),
                    cells: Vec::new(),
                });
                continue;
            }
        };
        days.push(grid_day(conn, &open, day, &slots, &names)?);
    }
    Ok(WeekGrid {
        monday: clock::date_of_day(monday).to_string(),
        slots: slots.into_iter().map(|s| s.0).collect(),
        days,
    })
}

fn grid_day(
    conn: &Connection,
    open: &terms::OpenDay,
    day: i64,
    slots: &[(Slot, i64, i64)],
    names: &HashMap<i64, String>,
) -> Result<GridDay> {
    let available = availability::on_day(conn, open, day)?;
    let away = exceptions::on_day(conn, day)?;
    let booked: Vec<(Appointment, i64, i64)> = conn
        .prepare_cached(&format!(
            "{SELECT} WHERE a.day = ?1 AND a.status NOT IN ('cancelled', 'cancelled_late', 'cancelled_by_tutor')
             ORDER BY a.start_minute, a.id"
        ))?
        .query_map([day], |r| Ok((from_row(r)?, r.get::<_, i64>(6)?, r.get::<_, i64>(7)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let overlaps = |(s, e): (i64, i64), (start, end): (i64, i64)| s < end && e > start;
    let mut cells = Vec::with_capacity(slots.len());
    for (_, start, end) in slots {
        let slot = (*start, *end);
        let center_closed = away.iter().find(|a| a.tutor_id.is_none() && overlaps((a.start, a.end), slot));
        let bookings: Vec<Appointment> =
            booked.iter().filter(|(_, s, e)| overlaps((*s, *e), slot)).map(|(a, _, _)| a.clone()).collect();
        let mut free_tutors: Vec<TutorName> = Vec::new();
        for (tutor, s, e) in &available {
            let whole_slot = *s <= slot.0 && *e >= slot.1;
            let busy = bookings.iter().any(|a| a.tutor_id == Some(*tutor) && holds_time(a.status));
            let is_away = away.iter().any(|a| a.tutor_id == Some(*tutor) && overlaps((a.start, a.end), slot));
            let name = names.get(tutor);
            if whole_slot && !busy && !is_away && !free_tutors.iter().any(|f| f.id == *tutor) {
                if let Some(name) = name {
                    free_tutors.push(TutorName { id: *tutor, name: name.clone() });
                }
            }
        }
        free_tutors.sort_by(|a, b| a.name.cmp(&b.name));
        let any_tutor = bookings.iter().filter(|a| a.tutor_id.is_none() && holds_time(a.status)).count();
        if center_closed.is_some() {
            free_tutors.clear();
        }
        let openings = free_tutors.len().saturating_sub(any_tutor);
        cells.push(Cell {
            closed: center_closed.map(|a| if a.reason.is_empty() { "Closed".to_owned() } else { a.reason.clone() }),
            free_tutors,
            openings,
            bookings,
        });
    }
    Ok(GridDay { date: clock::date_of_day(day).to_string(), closed: None, day_type: open.day_type.clone(), cells })
}
