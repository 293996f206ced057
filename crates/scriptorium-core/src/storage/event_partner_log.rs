//! The partnership log line a group event writes when the director asks for one. The line names
//! its event (`partnership_activities.group_event_id`), so correcting the event corrects the
//! line, and deleting the event, or taking its partner off, takes the line out of the log.

use chrono::NaiveDateTime;
use rusqlite::{params, OptionalExtension, Transaction};

use super::partners::{self, NewActivity};
use crate::clock;
use crate::error::Result;
use crate::vocabulary::{ActivityKind, Direction, EventKind};

/// What the line says of its event.
pub(super) struct EventFacts<'a> {
    pub(super) kind: EventKind,
    pub(super) day: i64,
    pub(super) minutes: i64,
    pub(super) headcount: i64,
    pub(super) topic: &'a str,
}

impl EventFacts<'_> {
    fn activity_kind(&self) -> ActivityKind {
        if self.kind == EventKind::ClassVisit {
            ActivityKind::Visit
        } else {
            ActivityKind::Other
        }
    }

    fn hours(&self) -> f64 {
        (self.minutes as f64 / 60.0 * 100.0).round() / 100.0
    }

    fn people(&self) -> String {
        format!("{} people", self.headcount)
    }

    fn notes(&self) -> String {
        format!("{}: {}", self.kind.label(), self.topic)
    }
}

/// Adds the event's line to the partner's log.
pub(super) fn write(
    tx: &Transaction,
    event_id: i64,
    institution_id: i64,
    direction: Direction,
    facts: &EventFacts,
    now: NaiveDateTime,
) -> Result<()> {
    let activity = NewActivity {
        institution_id,
        date: clock::date_of_day(facts.day).to_string(),
        kind: facts.activity_kind().stored().into(),
        direction: direction.stored().into(),
        hours: facts.hours(),
        people: facts.people(),
        notes: facts.notes(),
        ..Default::default()
    };
    let line = partners::add_activity(tx, &activity, now)?;
    tx.execute("UPDATE partnership_activities SET group_event_id = ?1 WHERE id = ?2", params![event_id, line.id])?;
    Ok(())
}

/// Brings the event's line, if it has one, in step with the event as corrected. An event with no
/// partner any more takes its line out; returns what that line said.
pub(super) fn follow(
    tx: &Transaction,
    event_id: i64,
    institution_id: Option<i64>,
    facts: &EventFacts,
) -> Result<Option<String>> {
    let Some(institution_id) = institution_id else { return remove(tx, event_id) };
    tx.execute(
        "UPDATE partnership_activities SET institution_id = ?2, day = ?3, kind = ?4, hours = ?5, people = ?6,
             notes = ?7
         WHERE group_event_id = ?1",
        params![
            event_id,
            institution_id,
            facts.day,
            facts.activity_kind(),
            facts.hours(),
            facts.people(),
            facts.notes()
        ],
    )?;
    Ok(None)
}

/// Takes the event's line, if it has one, out of the partner's log; returns what it said.
pub(super) fn remove(tx: &Transaction, event_id: i64) -> Result<Option<String>> {
    // At most one line names an event (a unique index).
    Ok(tx
        .query_row("DELETE FROM partnership_activities WHERE group_event_id = ?1 RETURNING notes", [event_id], |r| {
            r.get(0)
        })
        .optional()?)
}
