//! A tutor's service beyond shifts: training, workshops led, class visits and outreach. A tutor
//! enters their own at the desk and it waits for the director's approval (audited); the
//! director's own entries, and the hours an event gives the tutors who led it, count at once.
//! Only approved hours reach the service record and the partner's service hours report.

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::audit::{self, Actor};
use super::tutors;
use crate::clock::{self, Days};
use crate::error::{Error, Result};
use crate::text;
use crate::vocabulary::{AuditAction, TutorHoursKind};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NewHours {
    pub tutor_id: i64,
    /// YYYY-MM-DD
    pub date: String,
    /// Hours as typed: "1.5", "2", "0.75".
    pub hours: String,
    pub kind: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HoursEntry {
    pub id: i64,
    pub tutor_id: i64,
    pub tutor_name: String,
    pub date: String,
    pub minutes: i64,
    pub kind: TutorHoursKind,
    pub description: String,
    /// Made by an event the director recorded.
    pub from_event: bool,
    pub approved: bool,
}

/// "1.5" hours → 90 minutes; whole minutes only, a quarter of an hour to a day.
fn minutes_of(hours: &str) -> Result<i64> {
    let typed = hours.trim().replace(',', ".");
    let value: f64 = typed
        .parse()
        .ok()
        .filter(|h: &f64| h.is_finite())
        .ok_or_else(|| Error::Invalid(format!("Hours must be a number such as 1.5, not \"{}\".", hours.trim())))?;
    let minutes = (value * 60.0).round() as i64;
    if !(15..=1440).contains(&minutes) {
        return Err(Error::Invalid(format!("Hours must be between 0.25 and 24, not {typed}.")));
    }
    Ok(minutes)
}

/// Records hours; approved at once when the director enters them, waiting otherwise.
pub fn add(tx: &Transaction, new: &NewHours, actor: Actor, now: NaiveDateTime) -> Result<HoursEntry> {
    tutors::get(tx, new.tutor_id)?;
    let date = clock::parse_date("Date", &new.date)?;
    if date > now.date() {
        return Err(Error::Invalid(format!("Hours are entered once served: {date} is after today.")));
    }
    let minutes = minutes_of(&new.hours)?;
    let kind = TutorHoursKind::parse(&new.kind)?;
    let description = text::required("What it was", &new.description, 200)?;
    let stamp = clock::format(now);
    let approved = (actor == Actor::Director).then_some(&stamp);
    tx.execute(
        "INSERT INTO tutor_hours (tutor_id, day, minutes, kind, description, entered_by, approved_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![new.tutor_id, clock::day_number(date), minutes, kind, description, actor.as_str(), approved, stamp],
    )?;
    let id = tx.last_insert_rowid();
    let mut changes = serde_json::Map::new();
    changes.insert("hours".into(), json!([null, format!("{} {}", minutes as f64 / 60.0, kind.label())]));
    audit::record(tx, now, actor, "tutor_hours", id, AuditAction::Create, changes)?;
    get(tx, id)
}

/// The hours an event gives one of the tutors who led it: approved, since the director recorded it.
#[allow(clippy::too_many_arguments)] // the event's facts, each a column
pub(super) fn add_for_event(
    tx: &Transaction,
    tutor_id: i64,
    day: i64,
    minutes: i64,
    kind: TutorHoursKind,
    topic: &str,
    event_id: i64,
    now: NaiveDateTime,
) -> Result<()> {
    let stamp = clock::format(now);
    tx.execute(
        "INSERT INTO tutor_hours (tutor_id, day, minutes, kind, description, event_id, entered_by, approved_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'director', ?7, ?7)",
        params![tutor_id, day, minutes, kind, topic, event_id, stamp],
    )?;
    Ok(())
}

/// Takes back the hours an event gave (corrected or deleted): kept, no longer counted.
pub(super) fn withdraw_for_event(tx: &Transaction, event_id: i64, now: NaiveDateTime) -> Result<()> {
    tx.execute(
        "UPDATE tutor_hours SET deleted_at = ?2 WHERE event_id = ?1 AND deleted_at IS NULL",
        params![event_id, clock::format(now)],
    )?;
    Ok(())
}

/// The director approves a tutor's entry (audited); approving twice is refused.
pub fn approve(tx: &Transaction, id: i64, now: NaiveDateTime) -> Result<HoursEntry> {
    let entry = get(tx, id)?;
    if entry.approved {
        return Err(Error::Conflict("These hours are already approved.".into()));
    }
    tx.execute("UPDATE tutor_hours SET approved_at = ?2 WHERE id = ?1", params![id, clock::format(now)])?;
    let mut changes = serde_json::Map::new();
    changes.insert("approved".into(), json!([false, true]));
    audit::record(tx, now, Actor::Director, "tutor_hours", id, AuditAction::Update, changes)?;
    get(tx, id)
}

/// The director turns an entry down: it is deleted (kept, never counted), the reason audited.
pub fn decline(tx: &Transaction, id: i64, reason: &str, now: NaiveDateTime) -> Result<()> {
    let entry = get(tx, id)?;
    if entry.from_event {
        return Err(Error::Conflict("These hours come from an event: correct or delete the event instead.".into()));
    }
    let reason = text::required("Reason", reason, 200)?;
    tx.execute("UPDATE tutor_hours SET deleted_at = ?2 WHERE id = ?1", params![id, clock::format(now)])?;
    let mut changes = serde_json::Map::new();
    changes.insert("reason".into(), json!(reason));
    audit::record(tx, now, Actor::Director, "tutor_hours", id, AuditAction::Delete, changes)
}

const COLUMNS: &str = "h.id, h.tutor_id, t.name, h.day, h.minutes, h.kind, h.description, h.event_id IS NOT NULL,
    h.approved_at IS NOT NULL FROM tutor_hours h JOIN tutors t ON t.id = h.tutor_id";

fn from_row(row: &rusqlite::Row) -> rusqlite::Result<HoursEntry> {
    Ok(HoursEntry {
        id: row.get(0)?,
        tutor_id: row.get(1)?,
        tutor_name: row.get(2)?,
        date: clock::date_of_day(row.get(3)?).to_string(),
        minutes: row.get(4)?,
        kind: row.get(5)?,
        description: row.get(6)?,
        from_event: row.get(7)?,
        approved: row.get(8)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<HoursEntry> {
    conn.query_row(&format!("SELECT {COLUMNS} WHERE h.id = ?1 AND h.deleted_at IS NULL"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("No hours entry with id {id}.")))
}

/// Entries waiting for the director, oldest first.
pub fn waiting(conn: &Connection) -> Result<Vec<HoursEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} WHERE h.deleted_at IS NULL AND h.approved_at IS NULL ORDER BY h.day, h.id"
    ))?;
    let entries = stmt.query_map([], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(entries)
}

/// One tutor's entries over these days, approved or not, oldest first.
pub fn of_tutor(conn: &Connection, tutor_id: i64, days: Days) -> Result<Vec<HoursEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} WHERE h.deleted_at IS NULL AND h.tutor_id = ?1 AND h.day >= ?2 AND h.day < ?3
         ORDER BY h.day, h.id"
    ))?;
    let entries =
        stmt.query_map(params![tutor_id, days.first, days.end], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(entries)
}

/// Approved minutes per tutor and kind over these days.
pub fn approved_minutes(conn: &Connection, days: Days) -> Result<Vec<(i64, TutorHoursKind, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT tutor_id, kind, sum(minutes) FROM tutor_hours
         WHERE deleted_at IS NULL AND approved_at IS NOT NULL AND day >= ?1 AND day < ?2
         GROUP BY tutor_id, kind",
    )?;
    let rows = stmt
        .query_map([days.first, days.end], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_read_as_people_type_them() {
        assert_eq!(minutes_of("1.5").unwrap(), 90);
        assert_eq!(minutes_of(" 2 ").unwrap(), 120);
        assert_eq!(minutes_of("0,75").unwrap(), 45);
        assert_eq!(minutes_of("two").unwrap_err().to_string(), "Hours must be a number such as 1.5, not \"two\".");
        assert_eq!(minutes_of("0.1").unwrap_err().to_string(), "Hours must be between 0.25 and 24, not 0.1.");
        assert!(minutes_of("NaN").is_err() && minutes_of("inf").is_err() && minutes_of("1e300").is_err());
    }
}
