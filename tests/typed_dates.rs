//! The one date module against anything a person (or a pasted cell) can type: no panic, a
//! precise refusal, and every date it accepts is within 2000-01-01 to 2100-12-31.

use chrono::{Datelike, NaiveDate, Timelike};
use proptest::prelude::*;
use scriptorium_core::clock::{self, Days};

/// Date-shaped text with wild years, months and days, signs and spaces, plus anything at all.
fn typed_date() -> impl Strategy<Value = String> {
    prop_oneof![
        (any::<i32>(), 0_u32..20, 0_u32..40).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        (-300_000_i32..300_000, 1_u32..13, 1_u32..32).prop_map(|(y, m, d)| format!("{y:+}-{m:02}-{d:02}")),
        "[0-9+ -]{0,14}",
        Just("0000-01-01".to_owned()),
        Just("+262143-12-25".to_owned()),
        Just("1999-12-31".to_owned()),
        Just("2101-01-01".to_owned()),
        "\\PC{0,20}",
    ]
}

proptest! {
    #[test]
    fn a_typed_date_is_within_bounds_or_refused_with_its_label(text in typed_date()) {
        match clock::parse_date("Date", &text) {
            Ok(date) => {
                prop_assert!((clock::EARLIEST..=clock::LATEST).contains(&date), "{date}");
                prop_assert_eq!(date.to_string(), text.trim(), "one spelling per date");
            }
            Err(err) => prop_assert!(err.to_string().starts_with("Date "), "{err}"),
        }
    }

    #[test]
    fn a_typed_range_is_within_bounds_and_in_order_or_refused(from in typed_date(), to in typed_date()) {
        if let Ok(days) = Days::typed(&from, &to) {
            prop_assert!(days.first < days.end);
            prop_assert!(clock::date_of_day(days.first) >= clock::EARLIEST);
            prop_assert!(clock::date_of_day(days.last()) <= clock::LATEST);
        }
        if !from.trim().is_empty() && !to.trim().is_empty() {
            // A filter with both ends typed follows the same rules (an empty end means no limit).
            prop_assert_eq!(Days::filter(Some(&from), Some(&to)).is_ok(), Days::typed(&from, &to).is_ok());
        }
    }

    #[test]
    fn a_typed_time_is_a_real_minute_or_refused(text in prop_oneof![
        (0_u32..40, 0_u32..100).prop_map(|(h, m)| format!("{h:02}:{m:02}")),
        "\\PC{0,8}",
    ]) {
        if let Ok(time) = clock::parse_time("Start time", &text) {
            prop_assert!(time.hour() < 24 && time.minute() < 60 && time.second() == 0);
        }
    }
}

#[test]
fn the_bounds_themselves_are_accepted() {
    assert_eq!(clock::parse_date("Date", "2000-01-01").unwrap(), NaiveDate::from_ymd_opt(2000, 1, 1).unwrap());
    assert_eq!(clock::parse_date("Date", "2100-12-31").unwrap().year(), 2100);
}
