//! Partner reports. The window asks the native save dialog for a path and passes it here; when
//! `SCRIPTORIUM_EXPORT_DIR` is set (tests, scripted exports) reports go there without a dialog.

use std::path::{Path, PathBuf};

use tauri::State;

use crate::db::Db;
use crate::director_lock::DirectorLock;
use crate::error::{Error, Result};
use crate::export::reports::{self, Exported};

pub const EXPORT_DIR_ENV: &str = "SCRIPTORIUM_EXPORT_DIR";

fn target(path: Option<String>, file_name: &str) -> Result<PathBuf> {
    match (path, std::env::var_os(EXPORT_DIR_ENV)) {
        (Some(path), _) if !path.trim().is_empty() => Ok(PathBuf::from(path)),
        (_, Some(dir)) => Ok(PathBuf::from(dir).join(file_name)),
        _ => Err(Error::Invalid("Choose where to save the report.".into())),
    }
}

/// Whether reports are saved without asking (the folder), or the window must ask for a path.
#[tauri::command]
pub async fn export_folder() -> Result<Option<String>> {
    Ok(std::env::var_os(EXPORT_DIR_ENV).map(|dir| PathBuf::from(dir).display().to_string()))
}

/// Checks the lock and the dates, picks the file, and runs one report in one transaction (the
/// first report of a machine also creates its pseudonym secret).
fn export(
    db: &Db,
    lock: &DirectorLock,
    (from, to): (&str, &str),
    path: Option<String>,
    file_stem: &str,
    report: impl FnOnce(&rusqlite::Connection, i64, i64, &Path) -> Result<Exported>,
) -> Result<Exported> {
    lock.check(db)?;
    let (first, last) = reports::date_range(from, to)?;
    let path = target(path, &format!("{file_stem}-{from}-to-{to}.csv"))?;
    db.write(|tx| report(tx, first, last, &path))
}

#[tauri::command]
pub async fn export_deidentified_sessions(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    partner_id: i64,
    from: String,
    to: String,
    path: Option<String>,
) -> Result<Exported> {
    export(&db, &lock, (&from, &to), path, "sessions-deidentified", |conn, first, last, path| {
        reports::deidentified_sessions(conn, partner_id, first, last, path)
    })
}

#[tauri::command]
pub async fn export_activities(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    partner_id: i64,
    from: String,
    to: String,
    path: Option<String>,
) -> Result<Exported> {
    export(&db, &lock, (&from, &to), path, "partnership-activities", |conn, first, last, path| {
        reports::activities(conn, partner_id, first, last, path)
    })
}
