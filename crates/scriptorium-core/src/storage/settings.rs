//! Center-wide settings kept in the database, with the defaults a new center starts from.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::{params, Connection, OptionalExtension};

use crate::clock::{self, Days};
use crate::error::{Error, Result};

pub const CLOSING_TIME: &str = "closing_time";
pub const AUTO_LOCK_MINUTES: &str = "auto_lock_minutes";
const DEFAULT_AUTO_LOCK_MINUTES: i64 = 10;

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

pub fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// When the center closes: shifts left open are closed at this time.
pub fn closing_time(conn: &Connection) -> Result<NaiveTime> {
    let stored = get(conn, CLOSING_TIME)?;
    Ok(stored
        .and_then(|text| clock::parse_time("Closing time", &text).ok())
        .unwrap_or(NaiveTime::from_hms_opt(16, 30, 0).expect("valid time")))
}

/// When something left open since `opened` (a shift, a visit) counts as closed: that day's
/// closing time, or `opened` itself if it came after closing.
pub fn closed_at(opened: NaiveDateTime, closing: NaiveTime) -> NaiveDateTime {
    opened.max(opened.date().and_time(closing))
}

/// Minutes without director activity before the director area locks itself.
pub fn auto_lock_minutes(conn: &Connection) -> Result<i64> {
    Ok(get(conn, AUTO_LOCK_MINUTES)?.and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_AUTO_LOCK_MINUTES))
}

pub fn set_auto_lock_minutes(conn: &Connection, minutes: i64) -> Result<()> {
    if !(1..=240).contains(&minutes) {
        return Err(Error::Invalid(format!("Auto-lock must be between 1 and 240 minutes, not {minutes}.")));
    }
    set(conn, AUTO_LOCK_MINUTES, &minutes.to_string())
}

pub const SUPPRESSION_THRESHOLD: &str = "suppression_threshold";
const DEFAULT_SUPPRESSION_THRESHOLD: i64 = 10;

/// Counts under this are hidden in reports a partner receives.
pub fn suppression_threshold(conn: &Connection) -> Result<i64> {
    Ok(get(conn, SUPPRESSION_THRESHOLD)?.and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_SUPPRESSION_THRESHOLD))
}

pub fn set_suppression_threshold(conn: &Connection, threshold: i64) -> Result<()> {
    if !(5..=30).contains(&threshold) {
        return Err(Error::Invalid(format!("The small-count threshold must be between 5 and 30, not {threshold}.")));
    }
    set(conn, SUPPRESSION_THRESHOLD, &threshold.to_string())
}

const STATS: &str = "stats";

/// One period of the bell schedule, e.g. "Period 1" 08:00–08:55.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Period {
    pub name: String,
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GradeEnrollment {
    pub grade: i64,
    pub students: i64,
}

/// What the statistics need to know about the school: its week, year, enrollment and bells.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatsSettings {
    /// The school's name, for the first-run checklist and printed sheets; empty until given.
    #[serde(default)]
    pub school_name: String,
    /// 0 = Monday … 6 = Sunday.
    pub week_start_day: i64,
    /// YYYY-MM-DD; when absent, August 1 to July 31.
    pub school_year_start: Option<String>,
    pub school_year_end: Option<String>,
    pub enrollment: Vec<GradeEnrollment>,
    pub periods: Vec<Period>,
}

impl Default for StatsSettings {
    fn default() -> Self {
        let period =
            |name: &str, start: &str, end: &str| Period { name: name.into(), start: start.into(), end: end.into() };
        StatsSettings {
            school_name: String::new(),
            week_start_day: 0,
            school_year_start: None,
            school_year_end: None,
            enrollment: Vec::new(),
            periods: vec![
                period("Before school", "07:00", "08:00"),
                period("Period 1", "08:00", "08:55"),
                period("Period 2", "09:00", "09:55"),
                period("Period 3", "10:00", "10:55"),
                period("Lunch", "11:00", "11:40"),
                period("Period 4", "11:45", "12:40"),
                period("Period 5", "12:45", "13:40"),
                period("Period 6", "13:45", "14:40"),
                period("After school", "14:40", "17:30"),
            ],
        }
    }
}

pub fn stats_settings(conn: &Connection) -> Result<StatsSettings> {
    Ok(get(conn, STATS)?.and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default())
}

impl StatsSettings {
    /// The school year holding `date`: the one set here, or August 1 to July 31.
    pub fn school_year(&self, date: NaiveDate) -> Days {
        let set = |text: &Option<String>| text.as_deref().and_then(|t| clock::parse_date("", t).ok());
        clock::school_year(date, set(&self.school_year_start).zip(set(&self.school_year_end)))
    }
}

/// Whether the director has saved these settings at least once (the first-run checklist).
pub fn stats_settings_saved(conn: &Connection) -> Result<bool> {
    Ok(get(conn, STATS)?.is_some())
}

pub fn set_stats_settings(conn: &Connection, new: &StatsSettings) -> Result<()> {
    let school_name = crate::text::optional("School name", &new.school_name, 120)?;
    if !(0..=6).contains(&new.week_start_day) {
        return Err(Error::Invalid("The week must start on a day from Monday to Sunday.".into()));
    }
    match (&new.school_year_start, &new.school_year_end) {
        (None, None) => {}
        (Some(start), Some(end)) => {
            if clock::parse_date("School year start", start)? >= clock::parse_date("School year end", end)? {
                return Err(Error::Invalid("The school year must end after it starts.".into()));
            }
        }
        _ => return Err(Error::Invalid("Give both the first and the last day of the school year, or neither.".into())),
    }
    for row in &new.enrollment {
        if !(6..=12).contains(&row.grade) || !(0..=20_000).contains(&row.students) {
            return Err(Error::Invalid(format!("Enrollment for grade {} must be 0 to 20,000 students.", row.grade)));
        }
    }
    if new.periods.len() > 20 {
        return Err(Error::Invalid("At most 20 periods.".into()));
    }
    let mut previous_end = None;
    for period in &new.periods {
        let name = crate::text::required("Period name", &period.name, 30)?;
        let (start, end) = (clock::parse_time(&name, &period.start)?, clock::parse_time(&name, &period.end)?);
        if start >= end {
            return Err(Error::Invalid(format!("{name} must end after it starts.")));
        }
        if previous_end.is_some_and(|previous| start < previous) {
            return Err(Error::Invalid(format!("{name} overlaps the period before it; list periods in order.")));
        }
        previous_end = Some(end);
    }
    let stored = StatsSettings { school_name, ..new.clone() };
    set(conn, STATS, &serde_json::to_string(&stored).expect("settings serialize"))
}
