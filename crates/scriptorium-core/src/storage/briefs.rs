//! Assignment briefs: what a teacher asked for (course, title, due date, what to focus on, and
//! whether a visit earns credit, in which window), entered by the director from the teacher's
//! email and shown at the desk beside the session form when a writer names that teacher or
//! course, or was referred with it.

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::clock;
use crate::error::{Error, Result};
use crate::text;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NewBrief {
    pub teacher_id: i64,
    pub course: String,
    pub title: String,
    pub focus: String,
    pub due_date: String,
    /// The window a visit counts in; empty: from today until the due date.
    pub from: String,
    pub until: String,
    pub earns_credit: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Brief {
    pub id: i64,
    pub teacher_id: i64,
    pub teacher_name: String,
    pub course: String,
    pub title: String,
    pub focus: String,
    pub due_date: String,
    pub from: String,
    pub until: String,
    pub earns_credit: bool,
}

const SELECT: &str =
    "SELECT b.id, b.teacher_id, t.name, b.course, b.title, b.focus, b.due_day, b.first_day, b.last_day,
        b.earns_credit
    FROM assignment_briefs b JOIN teachers t ON t.id = b.teacher_id";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Brief> {
    let date = |i: usize| r.get::<_, i64>(i).map(|day| clock::date_of_day(day).to_string());
    Ok(Brief {
        id: r.get(0)?,
        teacher_id: r.get(1)?,
        teacher_name: r.get(2)?,
        course: r.get(3)?,
        title: r.get(4)?,
        focus: r.get(5)?,
        due_date: date(6)?,
        from: date(7)?,
        until: date(8)?,
        earns_credit: r.get(9)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Brief> {
    conn.query_row(&format!("{SELECT} WHERE b.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("No assignment brief with id {id}.")))
}

pub fn add(tx: &Transaction, new: &NewBrief, now: NaiveDateTime) -> Result<Brief> {
    let teacher: String = tx
        .query_row("SELECT name FROM teachers WHERE id = ?1", [new.teacher_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("No teacher with id {}.", new.teacher_id)))?;
    let course = text::optional("Course or period", &new.course, 80)?;
    let title = text::required("Assignment title", &new.title, 120)?;
    let focus = text::multiline("What to focus on", &new.focus, 1000)?;
    let due = clock::parse_date("Due date", &new.due_date)?;
    let from = clock::parse_optional_date("Counts from", Some(&new.from))?.unwrap_or(now.date());
    let until = clock::parse_optional_date("Counts until", Some(&new.until))?.unwrap_or(due);
    if due < from {
        return Err(Error::Invalid(format!("The due date {due} is before the window starts ({from}).")));
    }
    if until < from {
        return Err(Error::Invalid(format!("The window ends ({until}) before it starts ({from}).")));
    }
    tx.execute(
        "INSERT INTO assignment_briefs (teacher_id, course, title, focus, due_day, first_day, last_day, earns_credit, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            new.teacher_id,
            course,
            title,
            focus,
            clock::day_number(due),
            clock::day_number(from),
            clock::day_number(until),
            new.earns_credit,
            clock::format(now)
        ],
    )?;
    let brief = get(tx, tx.last_insert_rowid())?;
    debug_assert_eq!(brief.teacher_name, teacher);
    Ok(brief)
}

pub fn of_teacher(conn: &Connection, teacher_id: i64) -> Result<Vec<Brief>> {
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE b.teacher_id = ?1 ORDER BY b.due_day DESC, b.id"))?;
    let rows = stmt.query_map([teacher_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The briefs to show beside the session form on `day`: in their window, and for the teacher or
/// course the writer named, or one the writer was referred with.
pub fn for_session(
    conn: &Connection,
    teacher_name: &str,
    course: &str,
    student_id: i64,
    day: i64,
) -> Result<Vec<Brief>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE b.first_day <= ?1 AND b.last_day >= ?1 AND (
             (?2 <> '' AND t.name = ?2 COLLATE NOCASE)
             OR (?3 <> '' AND b.course <> '' AND b.course = ?3 COLLATE NOCASE)
             OR b.id IN (SELECT brief_id FROM referrals WHERE student_id = ?4 AND brief_id IS NOT NULL))
         ORDER BY b.due_day, b.id"
    ))?;
    let rows = stmt.query_map(params![day, teacher_name.trim(), course.trim(), student_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
