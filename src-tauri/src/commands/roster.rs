//! Roster imports (students, tutors, teachers): the window sends the path the open dialog
//! returned and, for a workbook, the sheet to read; Rust reads the file. Nothing is written by a
//! preview.

use std::path::Path;

use tauri::State;

use scriptorium_core::clock;
use scriptorium_core::db::Db;
use scriptorium_core::director_lock::DirectorLock;
use scriptorium_core::error::Result;
use scriptorium_core::storage::roster::{self, Preview, RosterFile};
use scriptorium_core::storage::Actor;
use scriptorium_core::storage::{roster_sheet, roster_text, teacher_roster, tutor_roster};

fn file<'a>(bytes: &'a [u8], sheet: &'a Option<String>) -> RosterFile<'a> {
    RosterFile { bytes, sheet: sheet.as_deref() }
}

fn read(path: &str) -> Result<Vec<u8>> {
    roster_text::read_file(Path::new(path))
}

/// A workbook's sheets, offered before the preview; none for a text file.
#[tauri::command]
pub async fn roster_sheets(db: State<'_, Db>, lock: State<'_, DirectorLock>, path: String) -> Result<Vec<String>> {
    lock.check(&db)?;
    roster_sheet::sheet_names(&read(&path)?)
}

#[tauri::command]
pub async fn preview_roster(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    path: String,
    sheet: Option<String>,
    deactivate_missing: bool,
) -> Result<Preview> {
    lock.check(&db)?;
    let bytes = read(&path)?;
    db.read(|conn| roster::preview(conn, file(&bytes, &sheet), deactivate_missing))
}

#[tauri::command]
pub async fn import_roster(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    path: String,
    sheet: Option<String>,
    deactivate_missing: bool,
) -> Result<Preview> {
    lock.check(&db)?;
    let bytes = read(&path)?;
    db.write(|tx| roster::import(tx, file(&bytes, &sheet), deactivate_missing, Actor::Director, clock::now()))
}

#[tauri::command]
pub async fn preview_tutor_roster(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    path: String,
    sheet: Option<String>,
) -> Result<Preview> {
    lock.check(&db)?;
    let bytes = read(&path)?;
    db.read(|conn| tutor_roster::preview(conn, file(&bytes, &sheet)))
}

#[tauri::command]
pub async fn import_tutor_roster(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    path: String,
    sheet: Option<String>,
) -> Result<Preview> {
    lock.check(&db)?;
    let bytes = read(&path)?;
    db.write(|tx| tutor_roster::import(tx, file(&bytes, &sheet), Actor::Director, clock::now()))
}

#[tauri::command]
pub async fn preview_teacher_roster(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    path: String,
    sheet: Option<String>,
) -> Result<Preview> {
    lock.check(&db)?;
    let bytes = read(&path)?;
    db.read(|conn| teacher_roster::preview(conn, file(&bytes, &sheet)))
}

#[tauri::command]
pub async fn import_teacher_roster(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    path: String,
    sheet: Option<String>,
) -> Result<Preview> {
    lock.check(&db)?;
    let bytes = read(&path)?;
    db.write(|tx| teacher_roster::import(tx, file(&bytes, &sheet), clock::now()))
}
