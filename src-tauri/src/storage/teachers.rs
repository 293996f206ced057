//! Teachers whose courses writers bring work from; picked or added while logging a session.

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::clock;
use crate::error::Result;
use crate::text;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Teacher {
    pub id: i64,
    pub name: String,
    pub department: String,
}

pub fn list(conn: &Connection) -> Result<Vec<Teacher>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, name, department FROM teachers WHERE active = 1 ORDER BY name COLLATE NOCASE")?;
    let rows = stmt.query_map([], |r| Ok(Teacher { id: r.get(0)?, name: r.get(1)?, department: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The teacher with this name (any case), added with the department if new. An existing
/// teacher keeps the department on file.
pub fn find_or_add(conn: &Connection, name: &str, department: &str, now: NaiveDateTime) -> Result<i64> {
    let name = text::required("Teacher name", name, 80)?;
    let department = text::optional("Department", department, 60)?;
    let existing: Option<i64> =
        conn.query_row("SELECT id FROM teachers WHERE name = ?1", [&name], |r| r.get(0)).optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    conn.execute(
        "INSERT INTO teachers (name, department, created_at) VALUES (?1, ?2, ?3)",
        params![name, department, clock::format(now)],
    )?;
    Ok(conn.last_insert_rowid())
}
