//! Center-wide settings kept in the database, with the defaults a new center starts from.

use chrono::NaiveTime;
use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;

const CLOSING_TIME: &str = "closing_time";
const DEFAULT_CLOSING_TIME: NaiveTime = match NaiveTime::from_hms_opt(16, 30, 0) {
    Some(time) => time,
    None => panic!("valid default closing time"),
};

fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

/// When the center closes: shifts left open are closed at this time.
pub fn closing_time(conn: &Connection) -> Result<NaiveTime> {
    let stored = get(conn, CLOSING_TIME)?;
    Ok(stored.and_then(|text| NaiveTime::parse_from_str(&text, "%H:%M").ok()).unwrap_or(DEFAULT_CLOSING_TIME))
}
