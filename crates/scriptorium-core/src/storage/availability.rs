//! When each tutor takes appointments in a term: weekly times by weekday, or by day type on a
//! rotation, replaced as a whole. A tutor with no times takes walk-ins only. Times a tutor is
//! away are exceptions (`availability_exceptions.rs`).

use rusqlite::{params, Connection, Transaction};
use serde::Serialize;

use super::terms::{self, OpenDay};
use super::{settings, tutors};
use crate::clock;
use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WeeklyTime {
    /// Monday = 0 … Sunday = 6; None when the time is by day type.
    pub weekday: Option<i64>,
    /// One of the term's day types, or '' when the time is by weekday.
    pub day_type: String,
    pub start: String,
    pub end: String,
}

const WEEKDAY_SHORT: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

impl WeeklyTime {
    /// As the director types it: "Mon 11:45-12:40" or "A 11:45-12:40".
    pub fn line(&self) -> String {
        let day = self.weekday.map_or(self.day_type.as_str(), |d| WEEKDAY_SHORT[d as usize]);
        format!("{day} {}-{}", self.start, self.end)
    }
}

pub(super) fn minute_of(label: &str, time: &str) -> Result<i64> {
    let time = clock::parse_time(label, time)?;
    Ok(i64::from(chrono::Timelike::hour(&time)) * 60 + i64::from(chrono::Timelike::minute(&time)))
}

/// The bell schedule's period called `name` (any case): its name as the schedule spells it, and
/// its start and end minutes.
pub(super) fn period_named(periods: &[settings::Period], name: &str) -> Result<Option<(String, i64, i64)>> {
    let Some(period) = periods.iter().find(|p| p.name.eq_ignore_ascii_case(name.trim())) else { return Ok(None) };
    Ok(Some((period.name.clone(), minute_of(&period.name, &period.start)?, minute_of(&period.name, &period.end)?)))
}

pub(super) fn time_of(minute: i64) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// One typed line: a weekday ("Mon", "Monday") or one of the term's day types, then a time
/// ("11:45-12:40") or a period of the bell schedule ("Lunch").
fn parse_line(
    line: &str,
    day_types: &[String],
    periods: &[settings::Period],
) -> Result<(Option<i64>, String, i64, i64)> {
    let refuse = || {
        let by_type = day_types.first().map(|t| format!(" or \"{t} Lunch\"")).unwrap_or_default();
        Error::Invalid(format!("\"{line}\" is not a weekly time like \"Mon 11:45-12:40\"{by_type}."))
    };
    let (day, rest) = match line.split_once(char::is_whitespace) {
        Some((word, rest)) if terms::is_weekday_name(word).is_some() => (terms::is_weekday_name(word), rest),
        _ => {
            let day_type = day_types
                .iter()
                .filter(|t| line.len() > t.len() && line.is_char_boundary(t.len()))
                .find(|t| line[..t.len()].eq_ignore_ascii_case(t) && line[t.len()..].starts_with(char::is_whitespace))
                .ok_or_else(refuse)?;
            return parse_time_part(&line[day_type.len()..], periods, refuse)
                .map(|(s, e)| (None, day_type.clone(), s, e));
        }
    };
    parse_time_part(rest, periods, refuse).map(|(s, e)| (day, String::new(), s, e))
}

fn parse_time_part(text: &str, periods: &[settings::Period], refuse: impl Fn() -> Error) -> Result<(i64, i64)> {
    let text = text.trim();
    if let Some((_, start, end)) = period_named(periods, text)? {
        return Ok((start, end));
    }
    let (start, end) = text.split_once(['-', '–']).ok_or_else(&refuse)?;
    let (start, end) = (minute_of("Start", &pad_hour(start.trim()))?, minute_of("End", &pad_hour(end.trim()))?);
    if end <= start {
        return Err(Error::Invalid(format!(
            "End {} must be after the start {} in \"{text}\".",
            time_of(end),
            time_of(start)
        )));
    }
    Ok((start, end))
}

/// "9:05" as "09:05", as a tutor writes an hour.
fn pad_hour(time: &str) -> String {
    if time.len() == 4 && time.as_bytes()[1] == b':' {
        format!("0{time}")
    } else {
        time.to_owned()
    }
}

/// Replaces the tutor's weekly times in the term with the typed lines (one time each; none:
/// walk-ins only). Refused whole if any line is wrong or two overlap.
pub fn set(tx: &Transaction, term_id: i64, tutor_id: i64, typed: &str) -> Result<Vec<WeeklyTime>> {
    let term = terms::get(tx, term_id)?;
    let tutor = tutors::get(tx, tutor_id)?;
    let periods = settings::stats_settings(tx)?.periods;
    let mut parsed = Vec::new();
    for line in typed.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if parsed.len() == 50 {
            return Err(Error::Invalid("At most 50 weekly times for one tutor.".into()));
        }
        parsed.push(parse_line(line, &term.day_types, &periods)?);
    }
    parsed.sort();
    if let Some(pair) = parsed.windows(2).find(|p| (&p[0].0, &p[0].1) == (&p[1].0, &p[1].1) && p[1].2 < p[0].3) {
        return Err(Error::Invalid(format!(
            "{}'s times {}–{} and {}–{} on the same day overlap.",
            tutor.name,
            time_of(pair[0].2),
            time_of(pair[0].3),
            time_of(pair[1].2),
            time_of(pair[1].3)
        )));
    }
    tx.execute("DELETE FROM tutor_availability WHERE term_id = ?1 AND tutor_id = ?2", [term_id, tutor_id])?;
    for (weekday, day_type, start, end) in &parsed {
        tx.execute(
            "INSERT INTO tutor_availability (term_id, tutor_id, weekday, day_type, start_minute, end_minute)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![term_id, tutor_id, weekday, day_type, start, end],
        )?;
    }
    get(tx, term_id, tutor_id)
}

pub fn get(conn: &Connection, term_id: i64, tutor_id: i64) -> Result<Vec<WeeklyTime>> {
    let mut stmt = conn.prepare_cached(
        "SELECT weekday, day_type, start_minute, end_minute FROM tutor_availability
         WHERE term_id = ?1 AND tutor_id = ?2 ORDER BY weekday IS NULL, weekday, day_type, start_minute",
    )?;
    let rows = stmt.query_map([term_id, tutor_id], |r| {
        Ok(WeeklyTime { weekday: r.get(0)?, day_type: r.get(1)?, start: time_of(r.get(2)?), end: time_of(r.get(3)?) })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The tutor's weekly times as the director types them, one a line.
pub fn typed(conn: &Connection, term_id: i64, tutor_id: i64) -> Result<String> {
    Ok(get(conn, term_id, tutor_id)?.iter().map(WeeklyTime::line).collect::<Vec<_>>().join("\n"))
}

/// The rows of tutor_availability that apply on `day`: its weekday, or its day type.
const ON_THE_DAY: &str = "a.term_id = ?1 AND (a.weekday = ?2 OR (a.day_type <> '' AND a.day_type = ?3))";

/// Whether the tutor takes appointments for the whole of `start`..`end` on `day` by the weekly
/// times (exceptions are checked apart).
pub fn covers(conn: &Connection, open: &OpenDay, tutor_id: i64, day: i64, start: i64, end: i64) -> Result<bool> {
    let found: i64 = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM tutor_availability a
             WHERE {ON_THE_DAY} AND a.tutor_id = ?4 AND a.start_minute <= ?5 AND a.end_minute >= ?6"
        ))?
        .query_row(params![open.term_id, clock::weekday(day), open.day_type, tutor_id, start, end], |r| r.get(0))?;
    Ok(found > 0)
}

/// The active tutors who take appointments for the whole of `start`..`end` on `day`.
pub fn tutors_covering(conn: &Connection, open: &OpenDay, day: i64, start: i64, end: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT DISTINCT a.tutor_id FROM tutor_availability a JOIN tutors t ON t.id = a.tutor_id
         WHERE {ON_THE_DAY} AND a.start_minute <= ?4 AND a.end_minute >= ?5 AND t.active = 1"
    ))?;
    let rows = stmt.query_map(params![open.term_id, clock::weekday(day), open.day_type, start, end], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every active tutor's weekly times that apply on `day`, as (tutor, start, end).
pub fn on_day(conn: &Connection, open: &OpenDay, day: i64) -> Result<Vec<(i64, i64, i64)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT a.tutor_id, a.start_minute, a.end_minute FROM tutor_availability a JOIN tutors t ON t.id = a.tutor_id
         WHERE {ON_THE_DAY} AND t.active = 1 ORDER BY a.tutor_id, a.start_minute"
    ))?;
    let rows = stmt.query_map(params![open.term_id, clock::weekday(day), open.day_type], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn periods() -> Vec<settings::Period> {
        vec![settings::Period { name: "Lunch".into(), start: "11:00".into(), end: "11:40".into() }]
    }

    #[test]
    fn lines_by_weekday_day_type_and_period() {
        let types = vec!["A".to_owned(), "Day 2".to_owned()];
        assert_eq!(parse_line("Mon 11:45-12:40", &types, &periods()).unwrap(), (Some(0), String::new(), 705, 760));
        assert_eq!(parse_line("tuesday 9:05 – 10:00", &types, &periods()).unwrap(), (Some(1), String::new(), 545, 600));
        assert_eq!(parse_line("a lunch", &types, &periods()).unwrap(), (None, "A".into(), 660, 700));
        assert_eq!(parse_line("Day 2 08:00-09:00", &types, &periods()).unwrap(), (None, "Day 2".into(), 480, 540));
        for wrong in ["Mon 9 to 5", "B 08:00-09:00", "Mon", "Mon 10:00-09:00", "Mo 08:00-09:00", "Mon 25:00-26:00"] {
            assert!(parse_line(wrong, &types, &periods()).is_err(), "{wrong}");
        }
    }
}
