//! Local wall-clock time as the app stores it. One school, one machine, one time zone: times are
//! kept as local text ('YYYY-MM-DDTHH:MM:SS') and dates as integer day numbers for grouping.

use chrono::{Datelike, Local, NaiveDate, NaiveDateTime, Timelike};

const STORED_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// Now, to the second, in the machine's local time.
pub fn now() -> NaiveDateTime {
    let now = Local::now().naive_local();
    now.with_nanosecond(0).unwrap_or(now)
}

pub fn format(at: NaiveDateTime) -> String {
    at.format(STORED_FORMAT).to_string()
}

pub fn parse(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, STORED_FORMAT).ok()
}

/// Days since 1970-01-01: the integer date key reports group on.
pub fn day_number(date: NaiveDate) -> i64 {
    date.signed_duration_since(NaiveDate::default()).num_days()
}

pub fn date_of_day(day: i64) -> NaiveDate {
    NaiveDate::default() + chrono::Duration::days(day)
}

/// The day number of an optional YYYY-MM-DD filter field; empty means no limit.
pub fn optional_day(label: &str, text: Option<&str>) -> crate::error::Result<Option<i64>> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map(|d| Some(day_number(d)))
            .map_err(|_| crate::error::Error::Invalid(format!("{label} \"{t}\" is not a date like 2026-11-22."))),
    }
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

    #[test]
    fn day_numbers_round_trip() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(day_number(NaiveDate::from_ymd_opt(1970, 1, 2).unwrap()), 1);
        assert_eq!(date_of_day(day_number(date)), date);
    }

    #[test]
    fn iso_week_of_year_boundary() {
        assert_eq!(iso_week_key(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()), 202647);
        assert_eq!(iso_week_key(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()), 202653);
    }

    #[test]
    fn stored_format_round_trips() {
        let at = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap().and_hms_opt(9, 5, 0).unwrap();
        assert_eq!(format(at), "2026-03-04T09:05:00");
        assert_eq!(parse("2026-03-04T09:05:00"), Some(at));
    }
}
