//! Center-wide settings kept in the database, with the defaults a new center starts from.

use chrono::NaiveTime;
use rusqlite::{params, Connection, OptionalExtension};

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
        .and_then(|text| NaiveTime::parse_from_str(&text, "%H:%M").ok())
        .unwrap_or(NaiveTime::from_hms_opt(16, 30, 0).expect("valid time")))
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
