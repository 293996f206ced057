//! Work with a group: class visits at a teacher's invitation, workshops and presentations. The
//! director records them in Records with the same date and time rules as sessions, corrects
//! them (audited) and deletes them (kept, but no longer counted). They are counted apart from
//! one-to-one sessions, and a class visit or workshop gives each tutor who led it that time as
//! approved hours of service.

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::audit::{self, Actor};
use super::event_partner_log::{self, EventFacts};
use super::partners;
use super::{teachers, tutor_hours, tutors};
use crate::clock::{self, Days};
use crate::error::{Error, Result};
use crate::text;
use crate::vocabulary::{AuditAction, Direction, EventKind, TutorHoursKind};

/// An event as the director types it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NewEvent {
    pub kind: String,
    /// YYYY-MM-DD
    pub date: String,
    /// HH:MM
    pub start_time: String,
    pub end_time: String,
    /// The inviting teacher (class visits), found or added by name as sessions do.
    pub teacher_name: String,
    pub course: String,
    pub period: String,
    pub topic: String,
    pub headcount: i64,
    /// Lead first.
    pub tutor_ids: Vec<i64>,
    pub institution_id: Option<i64>,
    pub notes: String,
    /// "given" or "received": also log it with the partner; empty: don't.
    pub partner_log: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupEvent {
    pub id: i64,
    pub kind: EventKind,
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    pub minutes: i64,
    pub teacher_name: String,
    pub course: String,
    pub period: String,
    pub topic: String,
    pub headcount: i64,
    pub tutor_ids: Vec<i64>,
    pub tutor_names: Vec<String>,
    pub institution_id: Option<i64>,
    pub institution_name: Option<String>,
    /// The direction of its line in the partnership log, if it wrote one.
    pub partner_log: Option<Direction>,
    pub notes: String,
}

struct ValidEvent {
    kind: EventKind,
    day: i64,
    start_minute: i64,
    end_minute: i64,
    course: String,
    period: String,
    topic: String,
    headcount: i64,
    notes: String,
}

impl ValidEvent {
    fn facts(&self) -> EventFacts<'_> {
        EventFacts {
            kind: self.kind,
            day: self.day,
            minutes: self.end_minute - self.start_minute,
            headcount: self.headcount,
            topic: &self.topic,
        }
    }
}

fn minute_of(time: chrono::NaiveTime) -> i64 {
    i64::from(chrono::Timelike::num_seconds_from_midnight(&time) / 60)
}

fn validate(conn: &Connection, new: &NewEvent, now: NaiveDateTime) -> Result<ValidEvent> {
    let kind = EventKind::parse(&new.kind)?;
    let date = clock::parse_date("Date", &new.date)?;
    let start = date.and_time(clock::parse_time("Start time", &new.start_time)?);
    let end = date.and_time(clock::parse_time("End time", &new.end_time)?);
    if end <= start {
        return Err(Error::Invalid(format!(
            "End time {} must be after the start time {}.",
            end.format("%H:%M"),
            start.format("%H:%M")
        )));
    }
    if end > now + chrono::Duration::minutes(1) {
        return Err(Error::Invalid(format!(
            "An event is recorded once it has happened: it ends {} but it is now {}.",
            end.format("%Y-%m-%d %H:%M"),
            now.format("%Y-%m-%d %H:%M")
        )));
    }
    let topic = text::required("Topic", &new.topic, 120)?;
    if !(1..=2000).contains(&new.headcount) {
        return Err(Error::Invalid(format!("People reached must be between 1 and 2,000, not {}.", new.headcount)));
    }
    if new.tutor_ids.is_empty() {
        return Err(Error::Invalid("Choose the tutors who led it.".into()));
    }
    if new.tutor_ids.len() > 12 {
        return Err(Error::Invalid("An event can have at most 12 tutors.".into()));
    }
    for (i, id) in new.tutor_ids.iter().enumerate() {
        if new.tutor_ids[..i].contains(id) {
            return Err(Error::Invalid("Each tutor is listed once.".into()));
        }
        tutors::get(conn, *id)?;
    }
    if let Some(institution_id) = new.institution_id {
        partners::institution_name(conn, institution_id)?;
    }
    if !new.partner_log.trim().is_empty() && new.institution_id.is_none() {
        return Err(Error::Invalid("Choose the partner to log it with.".into()));
    }
    Ok(ValidEvent {
        kind,
        day: clock::day_number(date),
        start_minute: minute_of(start.time()),
        end_minute: minute_of(end.time()),
        course: text::optional("Course", &new.course, 80)?,
        period: text::optional("Period", &new.period, 40)?,
        topic,
        headcount: new.headcount,
        notes: text::multiline("Notes", &new.notes, 2000)?,
    })
}

fn teacher_id(tx: &Transaction, name: &str, now: NaiveDateTime) -> Result<Option<i64>> {
    let name = text::optional("Teacher", name, 80)?;
    if name.is_empty() {
        return Ok(None);
    }
    teachers::find_or_add(tx, &name, "", Actor::Director, now).map(Some)
}

/// The hours a class visit or workshop gives each tutor who led it, replacing any it gave before.
fn give_tutors_hours(
    tx: &Transaction,
    id: i64,
    event: &ValidEvent,
    tutor_ids: &[i64],
    now: NaiveDateTime,
) -> Result<()> {
    tutor_hours::withdraw_for_event(tx, id, now)?;
    let kind = match event.kind {
        EventKind::ClassVisit => TutorHoursKind::ClassVisit,
        EventKind::Workshop => TutorHoursKind::Workshop,
        EventKind::Presentation | EventKind::Other => return Ok(()),
    };
    for tutor_id in tutor_ids {
        tutor_hours::add_for_event(
            tx,
            *tutor_id,
            event.day,
            event.end_minute - event.start_minute,
            kind,
            &event.topic,
            id,
            now,
        )?;
    }
    Ok(())
}

fn set_tutors(tx: &Transaction, id: i64, tutor_ids: &[i64]) -> Result<()> {
    tx.execute("DELETE FROM group_event_tutors WHERE event_id = ?1", [id])?;
    for (position, tutor_id) in tutor_ids.iter().enumerate() {
        tx.execute(
            "INSERT INTO group_event_tutors (event_id, position, tutor_id) VALUES (?1, ?2, ?3)",
            params![id, position as i64, tutor_id],
        )?;
    }
    Ok(())
}

/// Writes a new event (`id` None) or over an existing one; returns its id.
fn store(
    tx: &Transaction,
    id: Option<i64>,
    event: &ValidEvent,
    teacher: Option<i64>,
    institution: Option<i64>,
    now: NaiveDateTime,
) -> Result<i64> {
    let values = params![
        event.kind,
        event.day,
        event.start_minute,
        event.end_minute,
        teacher,
        event.course,
        event.period,
        event.topic,
        event.headcount,
        institution,
        event.notes,
        clock::format(now),
        id
    ];
    match id {
        None => {
            tx.execute(
                "INSERT INTO group_events (kind, day, start_minute, end_minute, teacher_id, course, period, topic,
                     headcount, institution_id, notes, created_at, updated_at)
                 SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12 WHERE ?13 IS NULL",
                // ?13, the id (none yet), lets both statements take one parameter list.
                values,
            )?;
            Ok(tx.last_insert_rowid())
        }
        Some(id) => {
            tx.execute(
                "UPDATE group_events SET kind = ?1, day = ?2, start_minute = ?3, end_minute = ?4, teacher_id = ?5,
                     course = ?6, period = ?7, topic = ?8, headcount = ?9, institution_id = ?10, notes = ?11,
                     updated_at = ?12
                 WHERE id = ?13",
                values,
            )?;
            Ok(id)
        }
    }
}

/// Records an event, its tutors' hours, and (if asked) the matching line in the partnership log.
pub fn add(tx: &Transaction, new: &NewEvent, now: NaiveDateTime) -> Result<GroupEvent> {
    let event = validate(tx, new, now)?;
    let direction = match new.partner_log.trim() {
        "" => None,
        other => Some(Direction::parse(other)?),
    };
    let teacher = teacher_id(tx, &new.teacher_name, now)?;
    let id = store(tx, None, &event, teacher, new.institution_id, now)?;
    set_tutors(tx, id, &new.tutor_ids)?;
    give_tutors_hours(tx, id, &event, &new.tutor_ids, now)?;
    if let (Some(direction), Some(institution_id)) = (direction, new.institution_id) {
        event_partner_log::write(tx, id, institution_id, direction, &event.facts(), now)?;
    }
    let mut changes = serde_json::Map::new();
    changes.insert("topic".into(), json!([null, event.topic]));
    audit::record(tx, now, Actor::Director, "group_event", id, AuditAction::Create, changes)?;
    get(tx, id)
}

/// Corrects an event; every changed field is audited, and its tutors' hours follow.
pub fn correct(tx: &Transaction, id: i64, new: &NewEvent, now: NaiveDateTime) -> Result<GroupEvent> {
    let before = get(tx, id)?;
    let event = validate(tx, new, now)?;
    let teacher = teacher_id(tx, &new.teacher_name, now)?;
    store(tx, Some(id), &event, teacher, new.institution_id, now)?;
    set_tutors(tx, id, &new.tutor_ids)?;
    give_tutors_hours(tx, id, &event, &new.tutor_ids, now)?;
    let line_removed = event_partner_log::follow(tx, id, new.institution_id, &event.facts())?;
    let after = get(tx, id)?;
    let mut changes = serde_json::Map::new();
    if let Some(line) = line_removed {
        changes.insert("partnership log".into(), json!([line, null]));
    }
    let fields = [
        ("kind", json!(before.kind.label()), json!(after.kind.label())),
        ("date", json!(before.date), json!(after.date)),
        ("start", json!(before.start_time), json!(after.start_time)),
        ("end", json!(before.end_time), json!(after.end_time)),
        ("teacher", json!(before.teacher_name), json!(after.teacher_name)),
        ("course", json!(before.course), json!(after.course)),
        ("period", json!(before.period), json!(after.period)),
        ("topic", json!(before.topic), json!(after.topic)),
        ("headcount", json!(before.headcount), json!(after.headcount)),
        ("tutors", json!(before.tutor_names), json!(after.tutor_names)),
        ("partner", json!(before.institution_name), json!(after.institution_name)),
        ("notes", json!(before.notes), json!(after.notes)),
    ];
    for (field, old, new) in fields {
        if old != new {
            changes.insert(field.into(), json!([old, new]));
        }
    }
    if !changes.is_empty() {
        audit::record(tx, now, Actor::Director, "group_event", id, AuditAction::Update, changes)?;
    }
    Ok(after)
}

/// Deletes an event (kept, no longer counted), with the hours it gave; the reason is audited.
pub fn delete(tx: &Transaction, id: i64, reason: &str, now: NaiveDateTime) -> Result<()> {
    let event = get(tx, id)?;
    let reason = text::required("Reason", reason, 200)?;
    tx.execute("UPDATE group_events SET deleted_at = ?2 WHERE id = ?1", params![id, clock::format(now)])?;
    tutor_hours::withdraw_for_event(tx, id, now)?;
    let mut changes = serde_json::Map::new();
    changes.insert("topic".into(), json!([event.topic, null]));
    if let Some(line) = event_partner_log::remove(tx, id)? {
        changes.insert("partnership log".into(), json!([line, null]));
    }
    changes.insert("reason".into(), json!(reason));
    audit::record(tx, now, Actor::Director, "group_event", id, AuditAction::Delete, changes)
}

const COLUMNS: &str = "e.id, e.kind, e.day, e.start_minute, e.end_minute, coalesce(t.name, ''), e.course, e.period,
    e.topic, e.headcount, e.institution_id, i.name, e.notes,
    (SELECT group_concat(tutor_id, ',') FROM (SELECT tutor_id FROM group_event_tutors WHERE event_id = e.id ORDER BY position)),
    (SELECT group_concat(name, char(31)) FROM (SELECT u.name FROM group_event_tutors g JOIN tutors u ON u.id = g.tutor_id
        WHERE g.event_id = e.id ORDER BY g.position)),
    (SELECT direction FROM partnership_activities WHERE group_event_id = e.id)
    FROM group_events e LEFT JOIN teachers t ON t.id = e.teacher_id LEFT JOIN institutions i ON i.id = e.institution_id";

fn time_text(minute: i64) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

fn from_row(row: &rusqlite::Row) -> rusqlite::Result<GroupEvent> {
    let (start, end): (i64, i64) = (row.get(3)?, row.get(4)?);
    let ids: Option<String> = row.get(13)?;
    let names: Option<String> = row.get(14)?;
    Ok(GroupEvent {
        id: row.get(0)?,
        kind: row.get(1)?,
        date: clock::date_of_day(row.get(2)?).to_string(),
        start_time: time_text(start),
        end_time: time_text(end),
        minutes: end - start,
        teacher_name: row.get(5)?,
        course: row.get(6)?,
        period: row.get(7)?,
        topic: row.get(8)?,
        headcount: row.get(9)?,
        institution_id: row.get(10)?,
        institution_name: row.get(11)?,
        partner_log: row.get(15)?,
        notes: row.get(12)?,
        tutor_ids: ids.unwrap_or_default().split(',').filter_map(|id| id.parse().ok()).collect(),
        tutor_names: names.map(|n| n.split('\u{1f}').map(str::to_owned).collect()).unwrap_or_default(),
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<GroupEvent> {
    conn.query_row(&format!("SELECT {COLUMNS} WHERE e.id = ?1 AND e.deleted_at IS NULL"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("No event with id {id}.")))
}

/// The events of these days, newest first.
pub fn list(conn: &Connection, days: Days) -> Result<Vec<GroupEvent>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} WHERE e.deleted_at IS NULL AND e.day >= ?1 AND e.day < ?2
         ORDER BY e.day DESC, e.start_minute DESC"
    ))?;
    let events = stmt.query_map([days.first, days.end], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(events)
}
