//! Tutor shifts (service hours). A shift left open past the day it started is closed at the
//! center's closing time and flagged, so a forgotten clock-out never counts as a 20-hour shift;
//! the director then sets its real end (or confirms the closing time), audited.

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::{json, Map};

use super::{audit, settings, tutors, Actor};
use crate::clock;
use crate::error::{Error, Result};
use crate::vocabulary::AuditAction;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Shift {
    pub id: i64,
    pub tutor_id: i64,
    pub tutor_name: String,
    pub clock_in_at: String,
    pub clock_out_at: Option<String>,
    pub minutes: Option<i64>,
    pub auto_closed: bool,
}

pub fn clock_in(tx: &Transaction, tutor_id: i64, now: NaiveDateTime) -> Result<Shift> {
    close_forgotten(tx, now)?;
    let tutor = tutors::get_active(tx, tutor_id)?;
    if let Some(since) = tutor.on_shift_since {
        return Err(Error::Conflict(format!("{} is already clocked in (since {}).", tutor.name, hour_minute(&since))));
    }
    tx.execute(
        "INSERT INTO tutor_shifts (tutor_id, clock_in_at, day) VALUES (?1, ?2, ?3)",
        params![tutor_id, clock::format(now), clock::day_number(now.date())],
    )?;
    get(tx, tx.last_insert_rowid())
}

pub fn clock_out(tx: &Transaction, tutor_id: i64, now: NaiveDateTime) -> Result<Shift> {
    close_forgotten(tx, now)?;
    let tutor = tutors::get(tx, tutor_id)?;
    let Some(since) = tutor.on_shift_since else {
        return Err(Error::Conflict(format!("{} is not clocked in.", tutor.name)));
    };
    let started = clock::parse(&since).unwrap_or(now);
    let minutes = (now - started).num_minutes().max(0);
    let id = tx.query_row(
        "UPDATE tutor_shifts SET clock_out_at = ?1, minutes = ?2 WHERE tutor_id = ?3 AND clock_out_at IS NULL
         RETURNING id",
        params![clock::format(now), minutes, tutor_id],
        |r| r.get(0),
    )?;
    get(tx, id)
}

/// Whether a shift from an earlier day is still open (`close_forgotten` has work to do): a read,
/// so the desk's tutor list need not wait for the writer when there is nothing to close.
pub fn any_forgotten(conn: &Connection, now: NaiveDateTime) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM tutor_shifts WHERE clock_out_at IS NULL AND day < ?1)")?
        .query_row([clock::day_number(now.date())], |r| r.get(0))?)
}

/// Closes shifts opened on an earlier day at that day's closing time (or at clock-in, if they
/// clocked in after closing) and flags them for the director. Returns how many were closed.
pub fn close_forgotten(tx: &Transaction, now: NaiveDateTime) -> Result<usize> {
    let closing = settings::closing_time(tx)?;
    let today = clock::day_number(now.date());
    let mut stmt =
        tx.prepare_cached("SELECT id, clock_in_at FROM tutor_shifts WHERE clock_out_at IS NULL AND day < ?1")?;
    let open: Vec<(i64, String)> =
        stmt.query_map([today], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    for (id, clock_in_at) in &open {
        let started = clock::parse(clock_in_at).unwrap_or(now);
        let closed = settings::closed_at(started, closing);
        tx.execute(
            "UPDATE tutor_shifts SET clock_out_at = ?1, minutes = ?2, auto_closed = 1 WHERE id = ?3",
            params![clock::format(closed), (closed - started).num_minutes(), id],
        )?;
    }
    Ok(open.len())
}

const SELECT: &str = "SELECT s.id, s.tutor_id, t.name, s.clock_in_at, s.clock_out_at, s.minutes, s.auto_closed
     FROM tutor_shifts s JOIN tutors t ON t.id = s.tutor_id";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Shift> {
    Ok(Shift {
        id: r.get(0)?,
        tutor_id: r.get(1)?,
        tutor_name: r.get(2)?,
        clock_in_at: r.get(3)?,
        clock_out_at: r.get(4)?,
        minutes: r.get(5)?,
        auto_closed: r.get(6)?,
    })
}

fn get(conn: &Connection, id: i64) -> Result<Shift> {
    conn.query_row(&format!("{SELECT} WHERE s.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("No shift with id {id}.")))
}

/// Sets the real end (`HH:MM`, on the day the shift started) of a shift that was closed
/// automatically, or confirms the closing time it was given. Its minutes follow, and it is no
/// longer flagged, so service hours count it as checked.
pub fn set_checked_end(
    tx: &Transaction,
    shift_id: i64,
    end_time: &str,
    actor: Actor,
    now: NaiveDateTime,
) -> Result<Shift> {
    let shift = get(tx, shift_id)?;
    let started = clock::parse(&shift.clock_in_at).unwrap_or(now);
    if !shift.auto_closed {
        return Err(Error::Conflict(format!(
            "{}'s shift on {} was not closed automatically; nothing to check.",
            shift.tutor_name,
            started.date()
        )));
    }
    let ended = started.date().and_time(clock::parse_time("End time", end_time)?);
    if ended < started {
        return Err(Error::Invalid(format!(
            "The shift started at {}; the end time can't be earlier.",
            started.time().format("%H:%M")
        )));
    }
    if ended > now {
        return Err(Error::Invalid(format!("{} on {} is still to come.", ended.time().format("%H:%M"), ended.date())));
    }
    let minutes = (ended - started).num_minutes();
    tx.execute(
        "UPDATE tutor_shifts SET clock_out_at = ?1, minutes = ?2, auto_closed = 0 WHERE id = ?3",
        params![clock::format(ended), minutes, shift_id],
    )?;
    let mut changes = Map::new();
    changes.insert("clock out".into(), json!([shift.clock_out_at, clock::format(ended)]));
    changes.insert("minutes".into(), json!([shift.minutes, minutes]));
    changes.insert("closed automatically".into(), json!([true, false]));
    audit::record(tx, now, actor, "shift", shift_id, AuditAction::Update, changes)?;
    get(tx, shift_id)
}

/// Shifts closed automatically, newest first: their real end time is unknown, so the
/// director checks them.
pub fn auto_closed(conn: &Connection, limit: i64) -> Result<Vec<Shift>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} WHERE s.auto_closed = 1 ORDER BY s.clock_in_at DESC LIMIT ?1"))?;
    let rows = stmt.query_map([limit], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn hour_minute(stamp: &str) -> String {
    clock::parse(stamp).map_or_else(|| stamp.to_owned(), |at| at.time().format("%H:%M").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::{open_in_memory, tutors::NewTutor, write, Actor};
    use chrono::NaiveDate;

    fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap().and_hms_opt(h, m, 0).unwrap()
    }

    fn tutor(conn: &mut Connection) -> i64 {
        let new = NewTutor { name: "Sam Rivera".into(), kind: "peer".into(), ..Default::default() };
        write(conn, |tx| tutors::add(tx, &new, Actor::Director, at(2, 8, 0))).unwrap().id
    }

    #[test]
    fn clock_in_and_out_counts_minutes() {
        let mut conn = open_in_memory().unwrap();
        let id = tutor(&mut conn);
        write(&mut conn, |tx| clock_in(tx, id, at(2, 9, 5))).unwrap();
        assert!(tutors::get(&conn, id).unwrap().on_shift_since.is_some());
        let shift = write(&mut conn, |tx| clock_out(tx, id, at(2, 11, 35))).unwrap();
        assert_eq!((shift.minutes, shift.auto_closed), (Some(150), false));
        assert!(tutors::get(&conn, id).unwrap().on_shift_since.is_none());
    }

    #[test]
    fn double_clock_in_and_clock_out_without_shift_are_refused() {
        let mut conn = open_in_memory().unwrap();
        let id = tutor(&mut conn);
        let err = write(&mut conn, |tx| clock_out(tx, id, at(2, 9, 0))).unwrap_err();
        assert_eq!(err.to_string(), "Sam Rivera is not clocked in.");
        write(&mut conn, |tx| clock_in(tx, id, at(2, 9, 0))).unwrap();
        let err = write(&mut conn, |tx| clock_in(tx, id, at(2, 9, 30))).unwrap_err();
        assert_eq!(err.to_string(), "Sam Rivera is already clocked in (since 09:00).");
        let shifts: i64 = conn.query_row("SELECT count(*) FROM tutor_shifts", [], |r| r.get(0)).unwrap();
        assert_eq!(shifts, 1);
    }

    #[test]
    fn a_shift_left_open_overnight_closes_at_closing_time_and_is_flagged() {
        let mut conn = open_in_memory().unwrap();
        let id = tutor(&mut conn);
        write(&mut conn, |tx| clock_in(tx, id, at(2, 14, 0))).unwrap();
        assert!(!any_forgotten(&conn, at(2, 18, 0)).unwrap(), "still the same day");
        assert!(any_forgotten(&conn, at(3, 8, 0)).unwrap());
        // Next morning the tutor clocks in again: yesterday's shift is closed first.
        let today = write(&mut conn, |tx| clock_in(tx, id, at(3, 8, 0))).unwrap();
        assert!(!any_forgotten(&conn, at(3, 8, 0)).unwrap());
        assert_eq!(today.clock_out_at, None);
        let closed = get(&conn, today.id - 1).unwrap();
        assert_eq!(closed.clock_out_at.as_deref(), Some("2026-11-02T16:30:00"));
        assert_eq!((closed.minutes, closed.auto_closed), (Some(150), true));
        assert_eq!(auto_closed(&conn, 10).unwrap(), vec![closed]);
    }

    /// Sam's shift from 14:00 on the 2nd, left open and closed at 16:30; its id.
    fn forgotten_shift(conn: &mut Connection) -> i64 {
        let id = tutor(conn);
        write(conn, |tx| clock_in(tx, id, at(2, 14, 0))).unwrap();
        write(conn, |tx| close_forgotten(tx, at(3, 8, 0))).unwrap();
        auto_closed(conn, 1).unwrap()[0].id
    }

    #[test]
    fn the_director_sets_the_real_end_of_an_auto_closed_shift_audited() {
        let mut conn = open_in_memory().unwrap();
        let shift = forgotten_shift(&mut conn);
        let checked =
            write(&mut conn, |tx| set_checked_end(tx, shift, " 15:10 ", Actor::Director, at(4, 9, 0))).unwrap();
        assert_eq!(checked.clock_out_at.as_deref(), Some("2026-11-02T15:10:00"));
        assert_eq!((checked.minutes, checked.auto_closed), (Some(70), false));
        assert!(auto_closed(&conn, 10).unwrap().is_empty());
        let (actor, changes): (String, String) = conn
            .query_row("SELECT actor, changes FROM audit_log WHERE entity = 'shift' AND entity_id = ?1", [shift], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(actor, "director");
        let changes: serde_json::Value = serde_json::from_str(&changes).unwrap();
        assert_eq!(changes["clock out"], json!(["2026-11-02T16:30:00", "2026-11-02T15:10:00"]));
        assert_eq!(changes["minutes"], json!([150, 70]));
        assert_eq!(changes["closed automatically"], json!([true, false]));
        // Checked once: it is no longer open to checking.
        let err = write(&mut conn, |tx| set_checked_end(tx, shift, "15:20", Actor::Director, at(4, 9, 5))).unwrap_err();
        assert_eq!(err.to_string(), "Sam Rivera's shift on 2026-11-02 was not closed automatically; nothing to check.");
    }

    #[test]
    fn a_wrong_end_time_is_refused_and_changes_nothing() {
        let mut conn = open_in_memory().unwrap();
        let shift = forgotten_shift(&mut conn);
        for (end, now, message) in [
            ("3 pm", at(4, 9, 0), "End time \"3 pm\" is not a time like 14:05."),
            ("13:59", at(4, 9, 0), "The shift started at 14:00; the end time can't be earlier."),
            ("", at(4, 9, 0), "End time \"\" is not a time like 14:05."),
            ("16:00", at(2, 15, 0), "16:00 on 2026-11-02 is still to come."),
        ] {
            let err = write(&mut conn, |tx| set_checked_end(tx, shift, end, Actor::Director, now)).unwrap_err();
            assert_eq!(err.to_string(), message);
        }
        let err = write(&mut conn, |tx| set_checked_end(tx, 999, "15:00", Actor::Director, at(4, 9, 0))).unwrap_err();
        assert_eq!(err.to_string(), "No shift with id 999.");
        let unchanged = get(&conn, shift).unwrap();
        assert_eq!((unchanged.minutes, unchanged.auto_closed), (Some(150), true));
        let audited: i64 =
            conn.query_row("SELECT count(*) FROM audit_log WHERE entity = 'shift'", [], |r| r.get(0)).unwrap();
        assert_eq!(audited, 0);
    }
}
