//! The school's departments: a list the director keeps in Settings. A teacher's department is
//! picked from it, so nothing typed at the desk (a name, a note) can reach a partner file as a
//! department.

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::json;

use super::audit::{self, Actor};
use crate::error::{Error, Result};
use crate::text;
use crate::vocabulary::AuditAction;

/// Where partner files put a department that is not on the list (typed before the list existed,
/// or removed from it since). It can't be removed.
pub const OTHER: &str = "Other";

pub fn list(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name FROM departments ORDER BY position, id")?;
    let names = stmt.query_map([], |r| r.get(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}

/// The list's spelling of a department typed or picked, "" for none; refuses one not on the list.
pub fn on_list(conn: &Connection, department: &str) -> Result<String> {
    let department = text::optional("Department", department, 60)?;
    if department.is_empty() {
        return Ok(department);
    }
    let listed: Option<String> = conn
        .prepare_cached("SELECT name FROM departments WHERE name = ?1")?
        .query_row([&department], |r| r.get(0))
        .optional()?;
    listed.ok_or_else(|| {
        Error::Invalid(format!(
            "Department \"{department}\" is not on the school's list ({}). The director can add it in Settings.",
            list(conn).map(|names| names.join(", ")).unwrap_or_default()
        ))
    })
}

/// The names a partner file may show: the list, then `OTHER` if the list lacks it, then "" (no
/// teacher recorded).
pub fn partner_file_names(conn: &Connection) -> Result<Vec<String>> {
    let mut names = list(conn)?;
    if !names.iter().any(|name| name == OTHER) {
        names.push(OTHER.to_owned());
    }
    names.push(String::new());
    Ok(names)
}

pub fn add(tx: &Transaction, name: &str, now: NaiveDateTime) -> Result<Vec<String>> {
    let name = text::required("Department", name, 60)?;
    let names = list(tx)?;
    if let Some(existing) = names.iter().find(|listed| listed.eq_ignore_ascii_case(&name)) {
        return Err(Error::Conflict(format!("{existing} is already on the list.")));
    }
    if names.len() >= 30 {
        return Err(Error::Invalid("The list holds up to 30 departments; remove one first.".into()));
    }
    tx.execute(
        "INSERT INTO departments (name, position) VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM departments))",
        params![name],
    )?;
    let mut changes = serde_json::Map::new();
    changes.insert("name".into(), json!([null, name]));
    audit::record(tx, now, Actor::Director, "department", tx.last_insert_rowid(), AuditAction::Create, changes)?;
    list(tx)
}

/// Takes a department off the list. Teachers keep it in the school's own records; partner files
/// show it as `OTHER`.
pub fn remove(tx: &Transaction, name: &str, now: NaiveDateTime) -> Result<Vec<String>> {
    if name.eq_ignore_ascii_case(OTHER) {
        return Err(Error::Invalid(format!(
            "\"{OTHER}\" stays on the list: partner files use it for departments not listed."
        )));
    }
    let found: Option<(i64, String)> = tx
        .query_row("SELECT id, name FROM departments WHERE name = ?1", [name.trim()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (id, listed) = found.ok_or_else(|| Error::NotFound(format!("\"{}\" is not on the list.", name.trim())))?;
    tx.execute("DELETE FROM departments WHERE id = ?1", [id])?;
    let mut changes = serde_json::Map::new();
    changes.insert("name".into(), json!([listed, null]));
    audit::record(tx, now, Actor::Director, "department", id, AuditAction::Delete, changes)?;
    list(tx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock;
    use crate::storage::{open_in_memory, write};

    #[test]
    fn the_list_starts_with_the_defaults_and_refuses_what_is_not_on_it() {
        let mut conn = open_in_memory().unwrap();
        let now = clock::parse("2026-11-20T10:00:00").unwrap();
        assert_eq!(
            list(&conn).unwrap(),
            ["English", "History/Social Studies", "Science", "Math", "World Languages", "Arts", "CTE", "Other"]
        );
        assert_eq!(on_list(&conn, " english ").unwrap(), "English");
        assert_eq!(on_list(&conn, "").unwrap(), "");
        let err = on_list(&conn, "Ms. Rivera's class").unwrap_err();
        assert!(
            err.to_string().starts_with("Department \"Ms. Rivera's class\" is not on the school's list (English,"),
            "{err}"
        );

        assert_eq!(write(&mut conn, |tx| add(tx, "Health", now)).unwrap().last().unwrap(), "Health");
        assert_eq!(on_list(&conn, "health").unwrap(), "Health");
        assert!(matches!(write(&mut conn, |tx| add(tx, "HEALTH", now)), Err(Error::Conflict(_))));
        assert!(write(&mut conn, |tx| remove(tx, "other", now)).is_err(), "Other stays");
        write(&mut conn, |tx| remove(tx, "Health", now)).unwrap();
        assert!(on_list(&conn, "Health").is_err());
        assert!(matches!(write(&mut conn, |tx| remove(tx, "Health", now)), Err(Error::NotFound(_))));
        let audited: i64 =
            conn.query_row("SELECT count(*) FROM audit_log WHERE entity = 'department'", [], |r| r.get(0)).unwrap();
        assert_eq!(audited, 2);
        assert_eq!(partner_file_names(&conn).unwrap().last().unwrap(), "", "none comes last");
    }
}
