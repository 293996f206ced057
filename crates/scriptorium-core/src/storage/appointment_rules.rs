//! The appointment settings a director sets once: the weekly limit per writer, the late-cancel
//! window, the grace period before a no-show, and the no-shows after which new bookings need the
//! director. Stored as one JSON setting.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::settings;
use crate::error::{Error, Result};

const KEY: &str = "appointment_rules";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentRules {
    /// Appointments a writer may have in one week (Monday to Sunday); 0 for no limit.
    pub per_week: i64,
    /// Minutes of appointments a writer may have in one week; 0 for no limit.
    pub minutes_per_week: i64,
    /// A cancellation this many hours or fewer before the start is late.
    pub late_cancel_hours: i64,
    /// Minutes after the start before an appointment nobody checked in to can be marked missed.
    pub grace_minutes: i64,
    /// Missed appointments in a term after which new bookings need the director; 0 for never.
    pub no_show_limit: i64,
    /// The week grid's slots: every this many minutes through the school day, or 0 for the bell
    /// schedule's periods.
    #[serde(default)]
    pub slot_minutes: i64,
}

impl Default for AppointmentRules {
    fn default() -> Self {
        AppointmentRules {
            per_week: 2,
            minutes_per_week: 0,
            late_cancel_hours: 2,
            grace_minutes: 10,
            no_show_limit: 3,
            slot_minutes: 0,
        }
    }
}

pub fn get(conn: &Connection) -> Result<AppointmentRules> {
    Ok(settings::get(conn, KEY)?.and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default())
}

pub fn set(conn: &Connection, rules: &AppointmentRules) -> Result<()> {
    let within = |value: i64, low: i64, high: i64, what: &str| {
        if (low..=high).contains(&value) {
            Ok(())
        } else {
            Err(Error::Invalid(format!("{what} must be between {low} and {high}, not {value}.")))
        }
    };
    within(rules.per_week, 0, 20, "Appointments per week")?;
    within(rules.minutes_per_week, 0, 1200, "Minutes per week")?;
    within(rules.late_cancel_hours, 0, 72, "The late-cancel window (hours)")?;
    within(rules.grace_minutes, 1, 60, "The grace period (minutes)")?;
    within(rules.no_show_limit, 0, 20, "No-shows before bookings need the director")?;
    if rules.slot_minutes != 0 {
        within(rules.slot_minutes, 10, 120, "Slot length (minutes; 0 for the bell schedule's periods)")?;
    }
    settings::set(conn, KEY, &serde_json::to_string(rules).expect("plain numbers"))
}
