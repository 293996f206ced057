//! Backups: copies taken with SQLite's online backup API while the app runs, each verified
//! before it counts, and the checks a file must pass before it may replace the live database.
//! A backup is one self-contained file (rollback journal, not WAL) so it can be copied anywhere.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::migrations::SCHEMA_VERSION;
use crate::error::{Error, Result};

/// The folder inside the data directory that holds automatic backups.
pub const BACKUP_DIR: &str = "backups";
const DAILY_PREFIX: &str = "scriptorium-";
pub const KEEP_DAILY: usize = 14;
pub const KEEP_WEEKLY: usize = 8;

/// Copies the live database into `path` (replacing it), then checks the copy. The copy is
/// written beside `path` and renamed into place, so `path` is either the old file or a good one.
pub fn backup_to(conn: &Connection, path: &Path) -> Result<()> {
    let partial = path.with_extension("partial");
    let copied = (|| -> Result<()> {
        let _ = std::fs::remove_file(&partial);
        crate::private_files::create_file(&partial)?; // SQLite takes an empty file as a new database
        let mut copy = Connection::open(&partial)?;
        // All pages in one step: one read transaction, so writes by the app meanwhile (WAL lets
        // them through) can't make the copy start over.
        if Backup::new(conn, &mut copy)?.step(-1)? != StepResult::Done {
            return Err(Error::Conflict("The database was busy, so no backup was taken; try again.".into()));
        }
        copy.pragma_update_and_check(None, "journal_mode", "DELETE", |_| Ok(()))?;
        quick_check(&copy)?;
        drop(copy);
        std::fs::File::open(&partial)?.sync_all()?;
        crate::durable::rename(&partial, path)?;
        Ok(())
    })();
    if copied.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    copied
}

/// SQLite's fast structural check; a damaged file fails it with the first problems found.
pub fn quick_check(conn: &Connection) -> Result<()> {
    check(conn, "quick_check")
}

fn check(conn: &Connection, pragma: &str) -> Result<()> {
    let mut stmt = conn.prepare(&format!("PRAGMA {pragma}(5)"))?;
    let problems: Vec<String> = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<_>>()?;
    if problems == ["ok"] {
        Ok(())
    } else {
        Err(Error::Damaged(problems.join("; ")))
    }
}

/// Audits a backup written to a place the director chose: the file leaves the app's folder.
pub fn record_backup_elsewhere(tx: &rusqlite::Transaction, path: &Path, now: NaiveDateTime) -> Result<()> {
    let mut changes = serde_json::Map::new();
    changes.insert("to".into(), serde_json::json!(path.display().to_string()));
    super::audit::record(
        tx,
        now,
        super::Actor::Director,
        "database",
        0,
        crate::vocabulary::AuditAction::Backup,
        changes,
    )
}

/// What a candidate for restoring holds, once it has passed every check.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupSummary {
    pub path: String,
    pub schema_version: i64,
    pub students: i64,
    pub sessions: i64,
    /// Start of the newest live session in the file.
    pub last_session: Option<String>,
}

/// Opens `path` read-only and refuses it unless it is a Scriptorium database this app can read
/// and SQLite's full `integrity_check` passes. Nothing is written to the file.
pub fn verify(path: &Path) -> Result<BackupSummary> {
    verify_copy(path, path)
}

/// [`verify`] for a copy of `original` (what a restore checks and swaps in), named in messages
/// and in the summary as the original.
pub fn verify_copy(copy: &Path, original: &Path) -> Result<BackupSummary> {
    let path = original;
    if !copy.is_file() {
        return Err(Error::NotFound(format!("There is no file at {}.", path.display())));
    }
    let unreadable =
        |e: rusqlite::Error| Error::Damaged(format!("{} can't be read as a database ({e})", path.display()));
    let conn = Connection::open_with_flags(copy, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(unreadable)?;
    let schema_version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(unreadable)?;
    if schema_version > SCHEMA_VERSION {
        return Err(Error::DatabaseTooNew { found: schema_version, supported: SCHEMA_VERSION });
    }
    check(&conn, "integrity_check")?;
    let is_ours: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('students', 'sessions', 'settings')",
        [],
        |r| r.get(0),
    )?;
    if schema_version < 1 || is_ours != 3 {
        return Err(Error::Invalid(format!("{} is not a Scriptorium database.", path.display())));
    }
    let (students, sessions, last_session) = conn.query_row(
        "SELECT (SELECT count(*) FROM students),
                (SELECT count(*) FROM sessions WHERE deleted_at IS NULL),
                (SELECT max(started_at) FROM sessions WHERE deleted_at IS NULL)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    Ok(BackupSummary { path: path.display().to_string(), schema_version, students, sessions, last_session })
}

/// One backup file in the backups folder.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupFile {
    pub path: String,
    pub name: String,
    pub bytes: u64,
    /// The day of a daily backup; None for other files kept there (e.g. before a restore).
    pub day: Option<NaiveDate>,
}

fn daily_name(day: NaiveDate) -> String {
    format!("{DAILY_PREFIX}{day}.db")
}

fn daily_day(name: &str) -> Option<NaiveDate> {
    let date = name.strip_prefix(DAILY_PREFIX)?.strip_suffix(".db")?;
    crate::clock::parse_date("Backup date", date).ok()
}

/// The backups in `dir`, newest first (daily backups by day, then the others by name).
pub fn list(dir: &Path) -> Result<Vec<BackupFile>> {
    let mut files = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(files),
        Err(e) => return Err(e.into()),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".db") || !entry.file_type()?.is_file() {
            continue;
        }
        files.push(BackupFile {
            path: entry.path().display().to_string(),
            day: daily_day(&name),
            bytes: entry.metadata()?.len(),
            name,
        });
    }
    files.sort_by(|a, b| b.day.cmp(&a.day).then_with(|| b.name.cmp(&a.name)));
    Ok(files)
}

/// Takes today's automatic backup unless there already is one, then prunes old ones. Returns the
/// new backup's path, or None when today's exists.
pub fn daily(conn: &Connection, dir: &Path, today: NaiveDate) -> Result<Option<PathBuf>> {
    let path = dir.join(daily_name(today));
    if path.exists() {
        return Ok(None);
    }
    crate::private_files::create_folder(dir)?;
    backup_to(conn, &path)?;
    prune(dir)?;
    Ok(Some(path))
}

/// Keeps the newest `KEEP_DAILY` daily backups and the newest one of each of the `KEEP_WEEKLY`
/// most recent ISO weeks; deletes other daily backups. Files not named by day are left alone.
pub fn prune(dir: &Path) -> Result<Vec<NaiveDate>> {
    let days: Vec<NaiveDate> = list(dir)?.into_iter().filter_map(|f| f.day).collect(); // newest first
    let mut keep: Vec<NaiveDate> = days.iter().take(KEEP_DAILY).copied().collect();
    let mut weeks = Vec::new();
    for day in &days {
        let week = day.iso_week();
        if !weeks.contains(&week) {
            weeks.push(week);
            if weeks.len() > KEEP_WEEKLY {
                break;
            }
            keep.push(*day);
        }
    }
    let mut removed = Vec::new();
    for day in days {
        if !keep.contains(&day) {
            std::fs::remove_file(dir.join(daily_name(day)))?;
            removed.push(day);
        }
    }
    Ok(removed)
}

/// The file name of the copy of the live database taken just before a restore replaces it.
pub fn before_restore_name(now: NaiveDateTime) -> String {
    format!("before-restore-{}.db", now.format("%Y-%m-%dT%H%M%S"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::{open, write};

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("scriptorium-backup-unit-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_backup_is_a_verified_self_contained_copy() {
        let dir = temp_dir("copy");
        let mut conn = open(&dir.join("live.db")).unwrap();
        write(&mut conn, |tx| super::super::settings::set(tx, "closing_time", "15:00")).unwrap();
        let copy = dir.join("copy.db");
        backup_to(&conn, &copy).unwrap();
        assert!(!dir.join("copy.db-wal").exists() && !dir.join("copy.partial").exists());
        let summary = verify(&copy).unwrap();
        assert_eq!((summary.schema_version, summary.sessions), (SCHEMA_VERSION, 0));
        let copied = Connection::open(&copy).unwrap();
        let closing: String =
            copied.query_row("SELECT value FROM settings WHERE key = 'closing_time'", [], |r| r.get(0)).unwrap();
        assert_eq!(closing, "15:00");
    }

    #[test]
    fn verify_refuses_what_is_not_a_good_scriptorium_database() {
        let dir = temp_dir("verify");
        let text = dir.join("notes.db");
        std::fs::write(&text, "not a database at all, just some text that is long enough").unwrap();
        assert_eq!(verify(&text).unwrap_err().kind(), "damaged");
        let other = dir.join("other.db");
        Connection::open(&other).unwrap().execute_batch("CREATE TABLE t (x); PRAGMA user_version = 1;").unwrap();
        assert_eq!(
            verify(&other).unwrap_err().to_string(),
            format!("{} is not a Scriptorium database.", other.display())
        );
        let newer = dir.join("newer.db");
        open(&newer).unwrap().pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
        assert_eq!(verify(&newer).unwrap_err().kind(), "database_too_new");
        assert_eq!(verify(&dir.join("missing.db")).unwrap_err().kind(), "not_found");
    }

    #[test]
    fn pruning_keeps_fourteen_days_and_eight_weekly_copies() {
        let dir = temp_dir("prune");
        let first = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let days: Vec<NaiveDate> = (0..120).map(|i| first + chrono::Duration::days(i)).collect();
        for day in &days {
            std::fs::write(dir.join(daily_name(*day)), b"x").unwrap();
        }
        std::fs::write(dir.join(before_restore_name(first.and_hms_opt(9, 0, 0).unwrap())), b"x").unwrap();
        prune(&dir).unwrap();
        let kept: Vec<NaiveDate> = list(&dir).unwrap().into_iter().filter_map(|f| f.day).collect();
        let newest = *days.last().unwrap();
        // The last 14 days, plus the newest day of each of the 8 most recent ISO weeks.
        assert!(kept[..14].iter().zip(0..).all(|(d, i)| *d == newest - chrono::Duration::days(i)));
        let mut weeks: Vec<_> = kept.iter().map(|d| d.iso_week()).collect();
        weeks.dedup();
        assert_eq!(weeks.len(), KEEP_WEEKLY, "{kept:?}");
        assert_eq!(kept.len(), 14 + (KEEP_WEEKLY - 3), "the 14 days span 3 ISO weeks: {kept:?}");
        assert!(dir.join("before-restore-2026-06-01T090000.db").exists(), "other backups are not pruned");
    }

    #[test]
    fn only_one_automatic_backup_a_day() {
        let dir = temp_dir("daily");
        let conn = open(&dir.join("live.db")).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let backups = dir.join(BACKUP_DIR);
        assert!(daily(&conn, &backups, today).unwrap().is_some());
        assert!(daily(&conn, &backups, today).unwrap().is_none());
        assert_eq!(list(&backups).unwrap().len(), 1);
    }
}
