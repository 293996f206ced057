//! Group events in the statistics, kept apart from one-to-one sessions (never added into their
//! counts): events and people reached per week over the trend's weeks, and over the school year
//! so far by kind and by inviting teacher.

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::clock::{self, Days};
use crate::error::Result;
use crate::vocabulary::EventKind;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EventWeek {
    pub week_start: String,
    pub events: i64,
    pub people: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EventGroup {
    pub label: String,
    pub events: i64,
    pub people: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EventStats {
    pub weeks: Vec<EventWeek>,
    pub by_kind: Vec<EventGroup>,
    pub by_teacher: Vec<EventGroup>,
}

/// `weeks` weeks from day `first`, and the groups over `year`.
pub fn event_stats(conn: &Connection, first: i64, weeks: i64, year: Days) -> Result<EventStats> {
    let mut out: Vec<EventWeek> = (0..weeks)
        .map(|w| EventWeek { week_start: clock::date_of_day(first + 7 * w).to_string(), ..Default::default() })
        .collect();
    let mut stmt = conn.prepare_cached(
        "SELECT (day - ?1) / 7, count(*), sum(headcount) FROM group_events
         WHERE deleted_at IS NULL AND day >= ?1 AND day < ?2 GROUP BY 1",
    )?;
    let mut rows = stmt.query(params![first, first + 7 * weeks])?;
    while let Some(row) = rows.next()? {
        let week: i64 = row.get(0)?;
        out[week as usize].events = row.get(1)?;
        out[week as usize].people = row.get(2)?;
    }
    let mut by_kind = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT kind, count(*), sum(headcount) FROM group_events
         WHERE deleted_at IS NULL AND day >= ?1 AND day < ?2 GROUP BY kind",
    )?;
    let mut rows = stmt.query(params![year.first, year.end])?;
    while let Some(row) = rows.next()? {
        let kind: EventKind = row.get(0)?;
        by_kind.push(EventGroup { label: kind.label().to_owned(), events: row.get(1)?, people: row.get(2)? });
    }
    by_kind.sort_by_key(|g| EventKind::ALL.iter().position(|k| k.label() == g.label));
    let by_teacher = conn
        .prepare_cached(
            "SELECT t.name, count(*), sum(e.headcount) FROM group_events e JOIN teachers t ON t.id = e.teacher_id
             WHERE e.deleted_at IS NULL AND e.day >= ?1 AND e.day < ?2
             GROUP BY t.id ORDER BY count(*) DESC, t.name",
        )?
        .query_map(params![year.first, year.end], |r| {
            Ok(EventGroup { label: r.get(0)?, events: r.get(1)?, people: r.get(2)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(EventStats { weeks: out, by_kind, by_teacher })
}
