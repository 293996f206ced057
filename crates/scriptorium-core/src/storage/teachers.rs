//! Teachers whose courses writers bring work from; picked or added while logging a session.

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::json;

use super::audit::{self, Actor};
use super::departments;
use serde::{Deserialize, Serialize};

use crate::clock;
use crate::error::Result;
use crate::text;
use crate::vocabulary::AuditAction;

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

/// The teacher with this name, added with the department if new. A department given for a
/// teacher on file replaces theirs (a teacher has one department), audited; an empty one keeps it.
pub fn find_or_add(tx: &Transaction, name: &str, department: &str, actor: Actor, now: NaiveDateTime) -> Result<i64> {
    let name = text::required("Teacher name", name, 80)?;
    let department = departments::on_list(tx, department)?;
    let existing: Option<(i64, String)> = tx
        .query_row("SELECT id, department FROM teachers WHERE name = ?1", [&name], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((id, on_file)) = existing {
        if !department.is_empty() && department != on_file {
            tx.execute("UPDATE teachers SET department = ?1 WHERE id = ?2", params![department, id])?;
            let mut changes = serde_json::Map::new();
            changes.insert("department".into(), json!([on_file, department]));
            audit::record(tx, now, actor, "teacher", id, AuditAction::Update, changes)?;
        }
        return Ok(id);
    }
    tx.execute(
        "INSERT INTO teachers (name, department, created_at) VALUES (?1, ?2, ?3)",
        params![name, department, clock::format(now)],
    )?;
    Ok(tx.last_insert_rowid())
}
