//! The one date module: local wall-clock time as the app stores it, every date or time a person
//! types, day ranges, weeks and school years. One school, one machine, one time zone: times are
//! kept as local text ('YYYY-MM-DDTHH:MM:SS') and dates as integer day numbers for grouping.

use chrono::{Datelike, Local, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::Serialize;

use crate::error::{Error, Result};

const STORED_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// The dates a person may type: a writing center's records start after 2000 and a typo such as
/// `0000-01-01` or `+262143-12-25` must not reach the database.
pub const EARLIEST: NaiveDate = NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid date");
pub const LATEST: NaiveDate = NaiveDate::from_ymd_opt(2100, 12, 31).expect("valid date");

/// Now, to the second, in the machine's local time.
pub fn now() -> NaiveDateTime {
    let now = Local::now().naive_local();
    now.with_nanosecond(0).unwrap_or(now)
}

pub fn format(at: NaiveDateTime) -> String {
    at.format(STORED_FORMAT).to_string()
}

/// A stored time (written by [`format`]); None for anything else.
pub fn parse(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, STORED_FORMAT).ok()
}

/// A date a person typed as YYYY-MM-DD, within [`EARLIEST`]..=[`LATEST`].
pub fn parse_date(label: &str, text: &str) -> Result<NaiveDate> {
    let text = text.trim();
    let shaped = text.len() == 10 && text.bytes().enumerate().all(|(i, b)| matches!(i, 4 | 7) == (b == b'-'));
    let date = shaped.then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()).flatten();
    let date = date.ok_or_else(|| Error::Invalid(format!("{label} \"{text}\" is not a date like 2026-11-22.")))?;
    if !(EARLIEST..=LATEST).contains(&date) {
        return Err(Error::Invalid(format!(
            "{label} {date} is outside the years {} to {}.",
            EARLIEST.year(),
            LATEST.year()
        )));
    }
    Ok(date)
}

/// An optional date field: empty means none.
pub fn parse_optional_date(label: &str, text: Option<&str>) -> Result<Option<NaiveDate>> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => parse_date(label, text).map(Some),
    }
}

/// A time of day a person typed as HH:MM (24-hour).
pub fn parse_time(label: &str, text: &str) -> Result<NaiveTime> {
    let text = text.trim();
    let shaped = text.len() == 5 && text.as_bytes()[2] == b':';
    shaped
        .then(|| NaiveTime::parse_from_str(text, "%H:%M").ok())
        .flatten()
        .ok_or_else(|| Error::Invalid(format!("{label} \"{text}\" is not a time like 14:05.")))
}

/// Days since 1970-01-01: the integer date key reports group on.
pub fn day_number(date: NaiveDate) -> i64 {
    date.signed_duration_since(NaiveDate::default()).num_days()
}

pub fn date_of_day(day: i64) -> NaiveDate {
    NaiveDate::default() + chrono::Duration::days(day)
}

/// The app's one convention for a span of days: day numbers from `first` up to, not including,
/// `end`. Every list, statistic and report takes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Days {
    pub first: i64,
    pub end: i64,
}

impl Days {
    /// From the first to the last date, both included.
    pub fn through(first: NaiveDate, last: NaiveDate) -> Days {
        Days { first: day_number(first), end: day_number(last) + 1 }
    }

    /// The seven days from `first`.
    pub fn week(first: i64) -> Days {
        Days { first, end: first + 7 }
    }

    /// Every day a record can have.
    pub fn all() -> Days {
        Days::through(EARLIEST, LATEST)
    }

    /// The last day in the span.
    pub fn last(&self) -> i64 {
        self.end - 1
    }

    /// The whole ISO weeks (Monday to Sunday) this span touches that ended before `today`: what a
    /// partner file covers, so two files never hold different parts of one week.
    pub fn whole_ended_weeks(&self, today: NaiveDate) -> Option<Days> {
        let monday = |day: i64| day - weekday(day);
        let first = monday(self.first);
        let end = (monday(self.last()) + 7).min(monday(day_number(today)));
        (first < end).then_some(Days { first, end })
    }

    /// A range a person typed as two dates, both required (reports).
    pub fn typed(from: &str, to: &str) -> Result<Days> {
        let (first, last) = (parse_date("From", from)?, parse_date("To", to)?);
        if first > last {
            return Err(Error::Invalid("The report must end on or after the day it starts.".into()));
        }
        Ok(Days::through(first, last))
    }

    /// A filter a person typed: either end may be left empty, meaning no limit on that side.
    pub fn filter(from: Option<&str>, to: Option<&str>) -> Result<Days> {
        let first = parse_optional_date("From", from)?.unwrap_or(EARLIEST);
        let last = parse_optional_date("To", to)?.unwrap_or(LATEST);
        if first > last {
            return Err(Error::Invalid("\"From\" must be on or before \"To\".".into()));
        }
        Ok(Days::through(first, last))
    }
}

/// The day number of the first day of the week holding `date`; `week_start_day` counts from
/// Monday = 0.
pub fn week_start(date: NaiveDate, week_start_day: i64) -> i64 {
    let day = day_number(date);
    day - (weekday(day) - week_start_day).rem_euclid(7)
}

/// Monday = 0 … Sunday = 6.
pub fn weekday(day: i64) -> i64 {
    i64::from(date_of_day(day).weekday().num_days_from_monday())
}

/// The school year holding `date`: the one set in Settings when it holds the date, or else
/// August 1 to July 31.
pub fn school_year(date: NaiveDate, set: Option<(NaiveDate, NaiveDate)>) -> Days {
    if let Some((start, end)) = set.filter(|(start, end)| (*start..=*end).contains(&date)) {
        return Days::through(start, end);
    }
    let year = if date.month() >= 8 { date.year() } else { date.year() - 1 };
    let start = NaiveDate::from_ymd_opt(year, 8, 1).expect("valid date");
    let end = NaiveDate::from_ymd_opt(year + 1, 8, 1).expect("valid date");
    Days { first: day_number(start), end: day_number(end) }
}

/// ISO week as YYYYWW (e.g. 202647).
pub fn iso_week_key(date: NaiveDate) -> i64 {
    let week = date.iso_week();
    i64::from(week.year()) * 100 + i64::from(week.week())
}

/// An ISO week key as people read it, e.g. 202647 -> "2026-W47".
pub fn iso_week_label(key: i64) -> String {
    format!("{}-W{:02}", key / 100, key % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn partner_files_cover_the_whole_weeks_that_have_ended() {
        // Wednesday 2026-11-04 to Tuesday 2026-11-24, asked on Thursday 2026-11-26.
        let days = Days::through(date(2026, 11, 4), date(2026, 11, 24));
        let weeks = days.whole_ended_weeks(date(2026, 11, 26)).unwrap();
        assert_eq!(
            weeks,
            Days::through(date(2026, 11, 2), date(2026, 11, 22)),
            "Monday of the first week to last Sunday"
        );
        let later = days.whole_ended_weeks(date(2026, 12, 30)).unwrap();
        assert_eq!(later, Days::through(date(2026, 11, 2), date(2026, 11, 29)), "the last week, ended, is whole");
        assert_eq!(Days::through(date(2026, 11, 23), date(2026, 11, 26)).whole_ended_weeks(date(2026, 11, 26)), None);
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day_number(date(1970, 1, 2)), 1);
        assert_eq!(date_of_day(day_number(date(2026, 11, 22))), date(2026, 11, 22));
    }

    #[test]
    fn iso_week_of_year_boundary() {
        assert_eq!(iso_week_key(date(2026, 11, 22)), 202647);
        assert_eq!(iso_week_key(date(2027, 1, 1)), 202653);
    }

    #[test]
    fn stored_format_round_trips() {
        let at = date(2026, 3, 4).and_hms_opt(9, 5, 0).unwrap();
        assert_eq!(format(at), "2026-03-04T09:05:00");
        assert_eq!(parse("2026-03-04T09:05:00"), Some(at));
    }

    #[test]
    fn typed_dates_outside_the_bounds_are_refused() {
        assert_eq!(parse_date("Date", " 2026-11-22 ").unwrap(), date(2026, 11, 22));
        let err = parse_date("Date", "0000-01-01").unwrap_err();
        assert_eq!(err.to_string(), "Date 0000-01-01 is outside the years 2000 to 2100.");
        let err = parse_date("Date", "+262143-12-25").unwrap_err();
        assert_eq!(err.to_string(), "Date \"+262143-12-25\" is not a date like 2026-11-22.");
        assert!(parse_date("Date", "2026-1-5").is_err(), "one shape only");
        assert!(parse_date("Date", "2026-02-30").is_err());
        assert_eq!(parse_date("Date", "2100-12-31").unwrap(), LATEST);
    }

    #[test]
    fn typed_times_have_one_shape() {
        assert_eq!(parse_time("Start", "09:05").unwrap(), NaiveTime::from_hms_opt(9, 5, 0).unwrap());
        assert!(parse_time("Start", "9:05").is_err());
        assert!(parse_time("Start", "24:00").is_err());
        assert_eq!(parse_time("Start", "x").unwrap_err().to_string(), "Start \"x\" is not a time like 14:05.");
    }

    #[test]
    fn ranges_include_both_typed_days() {
        let days = Days::typed("2026-11-16", "2026-11-22").unwrap();
        assert_eq!(days.end - days.first, 7);
        assert_eq!(days.last(), day_number(date(2026, 11, 22)), "the last day typed is in the range");
        assert!(Days::typed("2026-11-23", "2026-11-22").is_err());
        assert_eq!(Days::filter(None, Some("")).unwrap(), Days::all());
    }

    #[test]
    fn weeks_start_on_the_chosen_day() {
        // 2026-11-18 is a Wednesday.
        assert_eq!(date_of_day(week_start(date(2026, 11, 18), 0)), date(2026, 11, 16));
        assert_eq!(date_of_day(week_start(date(2026, 11, 18), 6)), date(2026, 11, 15));
        assert_eq!(date_of_day(week_start(date(2026, 11, 15), 6)), date(2026, 11, 15));
    }

    #[test]
    fn school_year_from_the_settings_or_august_to_july() {
        let year = school_year(date(2027, 3, 1), None);
        assert_eq!((date_of_day(year.first), date_of_day(year.last())), (date(2026, 8, 1), date(2027, 7, 31)));
        let set = Some((date(2026, 8, 24), date(2027, 6, 11)));
        let year = school_year(date(2027, 3, 1), set);
        assert_eq!((date_of_day(year.first), date_of_day(year.last())), (date(2026, 8, 24), date(2027, 6, 11)));
        assert_eq!(school_year(date(2027, 7, 1), set), school_year(date(2027, 7, 1), None), "outside the set year");
    }
}
