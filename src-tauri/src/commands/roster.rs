//! Roster imports (students, tutors, teachers): the window sends the chosen file's bytes and,
//! for a workbook, the sheet to read; nothing is written by a preview.

use tauri::State;

use scriptorium_core::clock;
use scriptorium_core::db::Db;
use scriptorium_core::director_lock::DirectorLock;
use scriptorium_core::error::Result;
use scriptorium_core::storage::roster::{self, Preview, RosterFile};
use scriptorium_core::storage::Actor;
use scriptorium_core::storage::{roster_sheet, teacher_roster, tutor_roster};

fn file<'a>(bytes: &'a [u8], sheet: &'a Option<String>) -> RosterFile<'a> {
    RosterFile { bytes, sheet: sheet.as_deref() }
}

/// A workbook's sheets, offered before the preview; none for a text file.
#[tauri::command]
pub async fn roster_sheets(db: State<'_, Db>, lock: State<'_, DirectorLock>, csv: Vec<u8>) -> Result<Vec<String>> {
    lock.check(&db)?;
    roster_sheet::sheet_names(&csv)
}

#[tauri::command]
pub async fn preview_roster(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    csv: Vec<u8>,
    sheet: Option<String>,
    deactivate_missing: bool,
) -> Result<Preview> {
    lock.check(&db)?;
    db.read(|conn| roster::preview(conn, file(&csv, &sheet), deactivate_missing))
}

#[tauri::command]
pub async fn import_roster(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    csv: Vec<u8>,
    sheet: Option<String>,
    deactivate_missing: bool,
) -> Result<Preview> {
    lock.check(&db)?;
    db.write(|tx| roster::import(tx, file(&csv, &sheet), deactivate_missing, Actor::Director, clock::now()))
}

#[tauri::command]
pub async fn preview_tutor_roster(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    csv: Vec<u8>,
    sheet: Option<String>,
) -> Result<Preview> {
    lock.check(&db)?;
    db.read(|conn| tutor_roster::preview(conn, file(&csv, &sheet)))
}

#[tauri::command]
pub async fn import_tutor_roster(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    csv: Vec<u8>,
    sheet: Option<String>,
) -> Result<Preview> {
    lock.check(&db)?;
    db.write(|tx| tutor_roster::import(tx, file(&csv, &sheet), Actor::Director, clock::now()))
}

#[tauri::command]
pub async fn preview_teacher_roster(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    csv: Vec<u8>,
    sheet: Option<String>,
) -> Result<Preview> {
    lock.check(&db)?;
    db.read(|conn| teacher_roster::preview(conn, file(&csv, &sheet)))
}

#[tauri::command]
pub async fn import_teacher_roster(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    csv: Vec<u8>,
    sheet: Option<String>,
) -> Result<Preview> {
    lock.check(&db)?;
    db.write(|tx| teacher_roster::import(tx, file(&csv, &sheet), clock::now()))
}
