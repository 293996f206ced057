//! Referrals: a teacher sends a named writer (maybe with a brief). The writer's sign-in card
//! shows a referral until a session follows it; the director sees, per teacher, how many
//! referrals a visit followed.

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::{briefs, students};
use crate::clock::{self, Days};
use crate::error::{Error, Result};
use crate::text;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NewReferral {
    pub teacher_id: i64,
    pub student_id: i64,
    pub brief_id: Option<i64>,
    /// When the teacher referred them; empty: today.
    pub date: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Referral {
    pub id: i64,
    pub teacher_name: String,
    pub student_id: i64,
    pub student_name: String,
    pub brief_title: Option<String>,
    pub date: String,
    pub note: String,
}

/// Per teacher: referrals made in a span of days, and how many a session followed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReferralsFollowed {
    pub teacher_id: i64,
    pub teacher_name: String,
    pub referrals: i64,
    pub followed: i64,
}

const SELECT: &str = "SELECT r.id, t.name, r.student_id, s.first_name || ' ' || s.last_name, b.title, r.day, r.note
    FROM referrals r JOIN teachers t ON t.id = r.teacher_id JOIN students s ON s.id = r.student_id
    LEFT JOIN assignment_briefs b ON b.id = r.brief_id";

/// A session on or after the referral's day: the referral was followed.
const FOLLOWED: &str =
    "EXISTS (SELECT 1 FROM sessions x WHERE x.student_id = r.student_id AND x.deleted_at IS NULL AND x.day >= r.day)";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Referral> {
    Ok(Referral {
        id: r.get(0)?,
        teacher_name: r.get(1)?,
        student_id: r.get(2)?,
        student_name: r.get(3)?,
        brief_title: r.get(4)?,
        date: clock::date_of_day(r.get(5)?).to_string(),
        note: r.get(6)?,
    })
}

pub fn add(tx: &Transaction, new: &NewReferral, now: NaiveDateTime) -> Result<Referral> {
    let teacher = tx.query_row("SELECT 1 FROM teachers WHERE id = ?1", [new.teacher_id], |_| Ok(())).optional()?;
    teacher.ok_or_else(|| Error::NotFound(format!("No teacher with id {}.", new.teacher_id)))?;
    let student = students::get(tx, new.student_id)?;
    if !student.active {
        return Err(Error::Conflict(format!("{} {} is marked inactive.", student.first_name, student.last_name)));
    }
    if let Some(brief) = new.brief_id.map(|id| briefs::get(tx, id)).transpose()? {
        if brief.teacher_id != new.teacher_id {
            return Err(Error::Invalid(format!(
                "The brief \"{}\" is {}'s, not this teacher's.",
                brief.title, brief.teacher_name
            )));
        }
    }
    let date = clock::parse_optional_date("Referred on", Some(&new.date))?.unwrap_or(now.date());
    if date > now.date() {
        return Err(Error::Invalid(format!("Referred on {date} is in the future.")));
    }
    let note = text::optional("Note", &new.note, 200)?;
    tx.execute(
        "INSERT INTO referrals (teacher_id, student_id, brief_id, day, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![new.teacher_id, student.id, new.brief_id, clock::day_number(date), note, clock::format(now)],
    )?;
    let id = tx.last_insert_rowid();
    Ok(tx.query_row(&format!("{SELECT} WHERE r.id = ?1"), [id], from_row)?)
}

/// The writer's referrals no session has followed yet, from the last 60 days: the sign-in card.
pub fn open_for_student(conn: &Connection, student_id: i64, today: i64) -> Result<Vec<Referral>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE r.student_id = ?1 AND r.day >= ?2 - 60 AND NOT {FOLLOWED} ORDER BY r.day, r.id"
    ))?;
    let rows = stmt.query_map([student_id, today], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn of_teacher(conn: &Connection, teacher_id: i64) -> Result<Vec<Referral>> {
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE r.teacher_id = ?1 ORDER BY r.day DESC, r.id DESC"))?;
    let rows = stmt.query_map([teacher_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Referrals made within `days` and how many a session followed, per teacher with any.
pub fn followed_by_teacher(conn: &Connection, days: Days) -> Result<Vec<ReferralsFollowed>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT t.id, t.name, count(*), sum({FOLLOWED}) FROM referrals r JOIN teachers t ON t.id = r.teacher_id
         WHERE r.day >= ?1 AND r.day < ?2 GROUP BY t.id ORDER BY t.name COLLATE NOCASE"
    ))?;
    let rows = stmt.query_map([days.first, days.end], |r| {
        Ok(ReferralsFollowed {
            teacher_id: r.get(0)?,
            teacher_name: r.get(1)?,
            referrals: r.get(2)?,
            followed: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
