//! Terms: the stretch of days appointments are booked in, the weekdays the center is open, and
//! the days it is closed (holidays, testing days), and its day types for schools on an A/B
//! rotation. A new term can start from the last term's tutor availability.

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::clock;
use crate::error::{Error, Result};
use crate::text;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NewTerm {
    pub name: String,
    pub first_day: String,
    pub last_day: String,
    /// Monday = 0 … Sunday = 6.
    pub open_weekdays: Vec<i64>,
    /// The day types in rotation, e.g. "A, B"; empty when every week is alike.
    pub day_cycle: String,
    /// Start from this term's tutor availability.
    pub copy_availability_from: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Term {
    pub id: i64,
    pub name: String,
    pub first_day: String,
    pub last_day: String,
    pub open_weekdays: Vec<i64>,
    /// The day types in rotation; empty when every week is alike.
    pub day_types: Vec<String>,
}

/// The day a booking or a grid is about: its term and, on a rotation, its day type.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenDay {
    pub term_id: i64,
    /// '' when the term has no rotation.
    pub day_type: String,
}

fn weekdays_of(mask: i64) -> Vec<i64> {
    (0..7).filter(|d| mask & (1 << d) != 0).collect()
}

fn term_of(r: &rusqlite::Row) -> rusqlite::Result<Term> {
    Ok(Term {
        id: r.get(0)?,
        name: r.get(1)?,
        first_day: clock::date_of_day(r.get(2)?).to_string(),
        last_day: clock::date_of_day(r.get(3)?).to_string(),
        open_weekdays: weekdays_of(r.get(4)?),
        day_types: day_types_of(&r.get::<_, String>(5)?),
    })
}

const COLUMNS: &str = "id, name, first_day, last_day, open_weekdays, day_cycle";

fn day_types_of(stored: &str) -> Vec<String> {
    stored.split(',').filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

/// The weekday names a day type may not take: a weekly time "Mon 11:45-12:40" must mean Monday.
const WEEKDAY_NAMES: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

pub(super) fn is_weekday_name(word: &str) -> Option<i64> {
    let word = word.to_lowercase();
    (word.len() >= 3).then(|| WEEKDAY_NAMES.iter().position(|name| name.starts_with(&word))).flatten().map(|i| i as i64)
}

/// "A, B" or "Day 1, Day 2, Day 3": 2 to 6 distinct names, none a weekday.
fn parse_day_cycle(typed: &str) -> Result<Vec<String>> {
    if typed.trim().is_empty() {
        return Ok(Vec::new());
    }
    let mut types: Vec<String> = Vec::new();
    for part in typed.split(',') {
        let name = text::required("Day type", part, 12)?;
        if is_weekday_name(&name).is_some() {
            return Err(Error::Invalid(format!("A day type can't be called \"{name}\": that is a weekday.")));
        }
        if types.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
            return Err(Error::Invalid(format!("The day type \"{name}\" is named twice.")));
        }
        types.push(name);
    }
    if !(2..=6).contains(&types.len()) {
        return Err(Error::Invalid(format!(
            "A rotation has 2 to 6 day types separated by commas, like \"A, B\"; \"{}\" has {}.",
            typed.trim(),
            types.len()
        )));
    }
    Ok(types)
}

pub fn add(tx: &Transaction, new: &NewTerm, now: NaiveDateTime) -> Result<Term> {
    let name = text::required("Term name", &new.name, 60)?;
    let days = clock::Days::typed(&new.first_day, &new.last_day)?;
    if days.end - days.first > 400 {
        return Err(Error::Invalid("A term can be at most 400 days long.".into()));
    }
    if new.open_weekdays.is_empty() {
        return Err(Error::Invalid("Choose at least one weekday the center is open.".into()));
    }
    let day_types = parse_day_cycle(&new.day_cycle)?;
    let mut mask = 0;
    for &day in &new.open_weekdays {
        if !(0..7).contains(&day) {
            return Err(Error::Invalid(format!("Weekday {day} is not 0 (Monday) to 6 (Sunday).")));
        }
        mask |= 1 << day;
    }
    let overlapping: Option<String> = tx
        .query_row(
            "SELECT name FROM terms WHERE first_day <= ?2 AND last_day >= ?1",
            params![days.first, days.last()],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(other) = overlapping {
        return Err(Error::Conflict(format!("These dates overlap the term {other}.")));
    }
    if tx.query_row("SELECT 1 FROM terms WHERE name = ?1", [&name], |_| Ok(())).optional()?.is_some() {
        return Err(Error::Conflict(format!("There is already a term called {name}.")));
    }
    tx.execute(
        "INSERT INTO terms (name, first_day, last_day, open_weekdays, day_cycle, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![name, days.first, days.last(), mask, day_types.join(","), clock::format(now)],
    )?;
    let id = tx.last_insert_rowid();
    if let Some(from) = new.copy_availability_from {
        get(tx, from)?;
        tx.execute(
            "INSERT INTO tutor_availability (term_id, tutor_id, weekday, day_type, start_minute, end_minute)
             SELECT ?1, a.tutor_id, a.weekday, a.day_type, a.start_minute, a.end_minute FROM tutor_availability a
             JOIN tutors t ON t.id = a.tutor_id
             WHERE a.term_id = ?2 AND t.active = 1 AND (a.day_type = '' OR instr(',' || ?3 || ',', ',' || a.day_type || ','))",
            params![id, from, day_types.join(",")],
        )?;
    }
    get(tx, id)
}

pub fn get(conn: &Connection, id: i64) -> Result<Term> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM terms WHERE id = ?1"), [id], term_of)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("No term with id {id}.")))
}

pub fn list(conn: &Connection) -> Result<Vec<Term>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM terms ORDER BY first_day"))?;
    let terms = stmt.query_map([], term_of)?;
    Ok(terms.collect::<rusqlite::Result<_>>()?)
}

/// Marks a day of a term closed (a holiday, a testing day).
pub fn close_day(tx: &Transaction, term_id: i64, date: &str, reason: &str) -> Result<()> {
    let term = get(tx, term_id)?;
    let day = clock::day_number(clock::parse_date("Closed day", date)?);
    let reason = text::optional("Reason", reason, 80)?;
    let in_term: bool =
        tx.query_row("SELECT ?2 BETWEEN first_day AND last_day FROM terms WHERE id = ?1", [term_id, day], |r| {
            r.get(0)
        })?;
    if !in_term {
        return Err(Error::Invalid(format!("{date} is not in the term {}.", term.name)));
    }
    tx.execute(
        "INSERT INTO closed_days (term_id, day, reason) VALUES (?1, ?2, ?3)
         ON CONFLICT (term_id, day) DO UPDATE SET reason = excluded.reason",
        params![term_id, day, reason],
    )?;
    Ok(())
}

/// Whether appointments can be booked on `day`: in a term, on an open weekday, not closed.
/// The refusal says which.
pub fn open_on(conn: &Connection, day: i64) -> Result<OpenDay> {
    let date = clock::date_of_day(day);
    let Some(term) = containing(conn, day)? else {
        return Err(Error::Invalid(format!("{date} is in no term: set up a term in Settings → Appointments first.")));
    };
    if !term.open_weekdays.contains(&clock::weekday(day)) {
        return Err(Error::Invalid(format!(
            "The writing center is closed on {}s in {}.",
            date.format("%A"),
            term.name
        )));
    }
    let closed: Option<String> = conn
        .prepare_cached("SELECT reason FROM closed_days WHERE term_id = ?1 AND day = ?2")?
        .query_row([term.id, day], |r| r.get(0))
        .optional()?;
    if let Some(reason) = closed {
        let why = if reason.is_empty() { String::new() } else { format!(" ({reason})") };
        return Err(Error::Invalid(format!("The writing center is closed on {date}{why}.")));
    }
    let day_type = day_type_of(conn, &term, day)?;
    Ok(OpenDay { term_id: term.id, day_type })
}

/// On a rotation, the day types follow each other over the term's open days; closed days don't
/// take a turn.
fn day_type_of(conn: &Connection, term: &Term, day: i64) -> Result<String> {
    if term.day_types.is_empty() {
        return Ok(String::new());
    }
    let first = clock::day_number(clock::parse_date("First day", &term.first_day)?);
    let open = |d: &i64| term.open_weekdays.contains(&clock::weekday(*d));
    let open_before = (first..day).filter(open).count() as i64;
    let closed: Vec<i64> = conn
        .prepare_cached("SELECT day FROM closed_days WHERE term_id = ?1 AND day >= ?2 AND day < ?3")?
        .query_map([term.id, first, day], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let turns = open_before - closed.iter().filter(|d| open(d)).count() as i64;
    Ok(term.day_types[(turns as usize) % term.day_types.len()].clone())
}

/// The term a day falls in, if any.
pub fn containing(conn: &Connection, day: i64) -> Result<Option<Term>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM terms WHERE first_day <= ?1 AND last_day >= ?1"))?
        .query_row([day], term_of)
        .optional()?)
}
