//! The storage layer: every SQL statement of the app lives under this module, as plain
//! functions over `&Connection` / `&Transaction`, with no Tauri in sight. That keeps the rules
//! testable on in-memory SQLite and lets the commands stay thin.

pub mod appointment_rules;
pub mod appointment_stats;
pub mod appointments;
mod audit;
pub mod availability;
pub mod availability_exceptions;
pub mod backup;
pub mod briefs;
mod bulk_load;
pub mod data_sharing;
pub mod departments;
pub mod director;
mod event_partner_log;
pub mod event_stats;
pub mod exports;
pub mod feedback;
pub mod first_run;
pub mod group_events;
mod migrations;
pub mod partners;
pub mod referrals;
pub mod roster;
pub mod roster_sheet;
mod roster_table;
pub mod roster_text;
pub mod service_hours;
pub mod service_record;
pub mod session_records;
pub mod sessions;
pub mod settings;
pub mod shifts;
pub mod stats;
pub mod students;
pub mod teacher_reports;
pub mod teacher_roster;
pub mod teachers;
pub mod terms;
pub mod tutor_hours;
pub mod tutor_roster;
pub mod tutors;
pub mod visits;
pub mod waitlist;

pub(crate) use audit::record as write_audit_line;
pub use audit::Actor;

use std::path::Path;

use rusqlite::{ErrorCode, OpenFlags, TransactionBehavior};
use rustc_hash::FxHashMap;

use crate::error::{Error, Result};
pub use migrations::{migrate, SCHEMA_VERSION};
pub use rusqlite::{Connection, Transaction};

/// The database file inside the data directory.
pub const DATABASE_FILE: &str = "scriptorium.db";

/// Opens (creating if needed) the database file, checks it, and brings its schema up to date.
/// A database written by a newer app is refused before anything in the file is touched; one that
/// fails SQLite's quick check (or isn't a database at all) is refused as damaged, also untouched.
pub fn open(path: &Path) -> Result<Connection> {
    open_reporting_readable(path, || {})
}

/// `open`, calling `readable` as soon as other connections may read the file, before the quick
/// check: when its schema is already current and it is in WAL mode. A large school's check takes
/// seconds; reads need not wait for it, writes do (they wait for this function to return).
pub fn open_reporting_readable(path: &Path, readable: impl FnOnce()) -> Result<Connection> {
    // Created private (SQLite gives its -wal and -shm files the database file's mode), and made
    // private if an earlier version created it.
    if !path.exists() {
        crate::private_files::create_file(path)?;
    }
    for suffix in ["", "-wal", "-shm"] {
        crate::private_files::restrict(Path::new(&format!("{}{suffix}", path.display())))?;
    }
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let checked = (|| {
        let current = migrations::refuse_newer(&conn)?;
        let journal: String = conn.pragma_query_value(None, "journal_mode", |row| row.get(0))?;
        if current && journal.eq_ignore_ascii_case("wal") {
            readable();
        }
        backup::quick_check(&conn)?;
        // The check read every page once; none of them is worth keeping in memory for the desk.
        conn.execute_batch("PRAGMA shrink_memory")?;
        configure(&conn)?;
        migrate(&mut conn)
    })();
    checked.map_err(damaged_if_corrupt)?;
    Ok(conn)
}

/// A read-only connection to a database another connection has opened (and migrated): for
/// reads that must not wait on the writer, or make it wait. `query_only` refuses any write that
/// slipped into a read.
pub fn open_reader(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "query_only", true)?;
    conn.pragma_update(None, "cache_size", -8192)?;
    Ok(conn)
}

/// SQLite's "corrupt" and "not a database" failures, as the app names them.
fn damaged_if_corrupt(err: Error) -> Error {
    match err {
        Error::Database(rusqlite::Error::SqliteFailure(failure, message))
            if matches!(failure.code, ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) =>
        {
            Error::Damaged(message.unwrap_or_else(|| failure.to_string()))
        }
        other => other,
    }
}

/// A fresh in-memory database with the current schema, for tests and benchmarks.
pub fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// Durability first: a logged session must survive a power cut, so WAL with full syncs.
fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // 8 MiB of page cache (default 2 MiB). A connection keeps the pages it has read, up to this
    // size, for its whole life, so this is how much the app grows as the director reads through
    // years of sessions: 32 MiB made the million-session dashboard 46 → 38 ms, not worth 24 MB
    // more of the desk's memory.
    conn.pragma_update(None, "cache_size", -8192)?;
    Ok(())
}

/// A text column read in place, without copying it out of SQLite: for the passes that tally or
/// export hundreds of thousands of rows.
pub(super) fn text_at<'row>(row: &'row rusqlite::Row, column: usize) -> Result<&'row str> {
    Ok(row.get_ref(column)?.as_str().map_err(rusqlite::Error::from)?)
}

/// A small table read whole into a map from its first column (an id), for passes over many
/// sessions that would otherwise look each id up.
pub(super) fn map_by_id<V>(
    conn: &Connection,
    sql: &str,
    value: impl Fn(&rusqlite::Row) -> rusqlite::Result<V>,
) -> Result<FxHashMap<i64, V>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, value(r)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Runs `write` in an IMMEDIATE transaction (the write lock is taken up front, so a busy
/// database fails at the start rather than halfway) and commits only if it succeeds.
pub fn write<T>(conn: &mut Connection, write: impl FnOnce(&rusqlite::Transaction) -> Result<T>) -> Result<T> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let value = write(&tx)?;
    tx.commit()?;
    Ok(value)
}
