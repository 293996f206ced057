//! Partner reports. The window asks the native save dialog for a path and passes it here; when
//! `SCRIPTORIUM_EXPORT_DIR` is set (tests, scripted exports) reports go there without a dialog.

use std::path::{Path, PathBuf};

use tauri::State;

use scriptorium_core::clock::{self, Days};
use scriptorium_core::db::Db;
use scriptorium_core::director_lock::DirectorLock;
use scriptorium_core::error::{Error, Result};
use scriptorium_core::export::data_package::{self, Described, Packaged};
use scriptorium_core::export::package_schemas;
use scriptorium_core::export::reports::{self, DateRange, DeidentifiedFile, Disclosure, Exported};
use scriptorium_core::storage::exports::{self, ExportRecord};
use scriptorium_core::storage::{settings, Connection};

pub const EXPORT_DIR_ENV: &str = "SCRIPTORIUM_EXPORT_DIR";

/// The path the window chose, or `file_name` in the fixed export folder when one is set.
pub(super) fn save_target(path: Option<String>, file_name: &str) -> Result<PathBuf> {
    match (path, std::env::var_os(EXPORT_DIR_ENV)) {
        (Some(path), _) if !path.trim().is_empty() => Ok(PathBuf::from(path)),
        (_, Some(dir)) => Ok(PathBuf::from(dir).join(file_name)),
        _ => Err(Error::Invalid("Choose where to save the file.".into())),
    }
}

/// Whether reports are saved without asking (the folder), or the window must ask for a path.
#[tauri::command]
pub async fn export_folder() -> Result<Option<String>> {
    Ok(std::env::var_os(EXPORT_DIR_ENV).map(|dir| PathBuf::from(dir).display().to_string()))
}

/// What the audit log keeps of a file written: the days it covers, its rows, and rows withheld.
type Audited = (Days, usize, usize);

/// How a partner report is described inside a data package, from what it wrote.
type Describe<T> = fn(&Connection, &T) -> Result<Described>;

/// Checks the lock and the dates, picks the file, runs one report on a read connection (so the
/// desk keeps signing writers in while it runs) and audits what left, as `audited` reads it from
/// the report's result and the typed days. With `package`, the CSV goes into a data package (a
/// zip with its `datapackage.json`) that `package` describes.
#[allow(clippy::too_many_arguments)] // each is one named part of the export
fn export<T: Send + Packaged>(
    db: &Db,
    lock: &DirectorLock,
    (from, to): (&str, &str),
    path: Option<String>,
    (file_stem, partner_id): (&str, Option<i64>),
    package: Option<Describe<T>>,
    report: impl FnOnce(&Connection, Days, &Path) -> Result<T> + Send,
    audited: impl FnOnce(&T, Days) -> Result<Audited>,
) -> Result<T> {
    lock.check(db)?;
    let days = Days::typed(from, to)?;
    let csv_name = format!("{file_stem}-{from}-to-{to}.csv");
    let written = match package {
        None => {
            let path = save_target(path, &csv_name)?;
            db.long_read(|conn| report(conn, days, &path))?
        }
        Some(describe) => {
            let zip = save_target(path, &format!("{file_stem}-{from}-to-{to}.zip"))?;
            db.long_read(|conn| {
                let write = |csv: &Path| report(conn, days, csv);
                data_package::save(&zip, &csv_name, write, |written| describe(conn, written), clock::now())
            })?
        }
    };
    let (days, rows, withheld) = audited(&written, days)?;
    let record = ExportRecord { report: file_stem, partner_id, days, rows, withheld };
    db.write(|tx| exports::record_export(tx, &record, clock::now()))?;
    Ok(written)
}

/// A report that writes every row of the days asked for.
fn every_row(exported: &Exported, days: Days) -> Result<Audited> {
    Ok((days, exported.rows, 0))
}

/// What the de-identified file for these dates would hold: the weeks it covers, and how many
/// rows would be written as recorded, generalized and withheld.
#[tauri::command]
pub async fn preview_deidentified_sessions(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    partner_id: i64,
    from: String,
    to: String,
) -> Result<Disclosure> {
    lock.check(&db)?;
    let days = Days::typed(&from, &to)?;
    db.long_read(|conn| reports::deidentified_preview(conn, partner_id, days, clock::now().date()))
}

#[tauri::command]
pub async fn export_deidentified_sessions(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    partner_id: i64,
    from: String,
    to: String,
    path: Option<String>,
    package: bool,
) -> Result<DeidentifiedFile> {
    lock.check(&db)?; // before the write that makes this machine's key for writer codes
    db.write(exports::ensure_pseudonym_secret)?;
    let today = clock::now().date();
    export(
        &db,
        &lock,
        (&from, &to),
        path,
        ("sessions-deidentified", Some(partner_id)),
        package.then_some(package_schemas::deidentified_sessions),
        |conn, days, path| reports::deidentified_sessions(conn, partner_id, days, today, path),
        |file, _| Ok((file.disclosure.weeks, file.rows, file.disclosure.withheld)),
    )
}

#[tauri::command]
pub async fn export_activities(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    partner_id: i64,
    from: String,
    to: String,
    path: Option<String>,
    package: bool,
) -> Result<Exported> {
    export(
        &db,
        &lock,
        (&from, &to),
        path,
        ("partnership-activities", Some(partner_id)),
        package.then_some(package_schemas::activities),
        |conn, days, path| reports::activities(conn, partner_id, days, path),
        every_row,
    )
}

#[tauri::command]
pub async fn export_weekly_summary(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    partner_id: i64,
    from: String,
    to: String,
    path: Option<String>,
    package: bool,
) -> Result<Exported> {
    // The summary covers the whole ended weeks of the range: the audit says which.
    let today = clock::now().date();
    export(
        &db,
        &lock,
        (&from, &to),
        path,
        ("weekly-summary", Some(partner_id)),
        package.then_some(package_schemas::weekly_summary),
        |conn, days, path| reports::weekly_summary(conn, partner_id, days, today, path),
        |exported, days| Ok((reports::covered_weeks(days, today)?, exported.rows, 0)),
    )
}

#[tauri::command]
#[allow(clippy::too_many_arguments)] // a command's arguments are the window's named fields
pub async fn export_service_hours(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    partner_id: i64,
    include_peer_tutors: bool,
    from: String,
    to: String,
    path: Option<String>,
    package: bool,
) -> Result<Exported> {
    export(
        &db,
        &lock,
        (&from, &to),
        path,
        ("tutor-service-hours", Some(partner_id)),
        package.then_some(package_schemas::service_hours),
        |conn, days, path| reports::service_hours(conn, partner_id, include_peer_tutors, days, path),
        every_row,
    )
}

/// Names, notes and next steps: only once the director has confirmed the file stays in the school.
#[tauri::command]
pub async fn export_identified_sessions(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    acknowledged: bool,
    from: String,
    to: String,
    path: Option<String>,
) -> Result<Exported> {
    if !acknowledged {
        return Err(Error::Invalid("Confirm that this file stays in the school before exporting it.".into()));
    }
    export(
        &db,
        &lock,
        (&from, &to),
        path,
        ("sessions-IDENTIFIED-internal", None),
        None,
        reports::identified_sessions,
        every_row,
    )
}

/// The reports' default dates: from the first day of this school year (Settings) to today.
#[tauri::command]
pub async fn school_year_so_far(db: State<'_, Db>, lock: State<'_, DirectorLock>) -> Result<DateRange> {
    lock.check(&db)?;
    db.read(|conn| reports::school_year_so_far(conn, clock::now().date()))
}

#[tauri::command]
pub async fn suppression_threshold(db: State<'_, Db>, lock: State<'_, DirectorLock>) -> Result<i64> {
    lock.check(&db)?;
    db.read(settings::suppression_threshold)
}

#[tauri::command]
pub async fn set_suppression_threshold(db: State<'_, Db>, lock: State<'_, DirectorLock>, threshold: i64) -> Result<()> {
    lock.check(&db)?;
    db.write(|tx| settings::set_suppression_threshold(tx, threshold))
}
