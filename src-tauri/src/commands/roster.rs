//! Roster imports (students, tutors, teachers): the window sends the chosen CSV file's bytes; nothing is
//! written by a preview.

use tauri::State;

use scriptorium_core::clock;
use scriptorium_core::db::Db;
use scriptorium_core::director_lock::DirectorLock;
use scriptorium_core::error::Result;
use scriptorium_core::storage::roster::{self, Preview};
use scriptorium_core::storage::Actor;
use scriptorium_core::storage::{teacher_roster, tutor_roster};

#[tauri::command]
pub async fn preview_roster(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    csv: Vec<u8>,
    deactivate_missing: bool,
) -> Result<Preview> {
    lock.check(&db)?;
    db.read(|conn| roster::preview(conn, &csv, deactivate_missing))
}

#[tauri::command]
pub async fn import_roster(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    csv: Vec<u8>,
    deactivate_missing: bool,
) -> Result<Preview> {
    lock.check(&db)?;
    db.write(|tx| roster::import(tx, &csv, deactivate_missing, Actor::Director, clock::now()))
}

#[tauri::command]
pub async fn preview_tutor_roster(db: State<'_, Db>, lock: State<'_, DirectorLock>, csv: Vec<u8>) -> Result<Preview> {
    lock.check(&db)?;
    db.read(|conn| tutor_roster::preview(conn, &csv))
}

#[tauri::command]
pub async fn import_tutor_roster(db: State<'_, Db>, lock: State<'_, DirectorLock>, csv: Vec<u8>) -> Result<Preview> {
    lock.check(&db)?;
    db.write(|tx| tutor_roster::import(tx, &csv, Actor::Director, clock::now()))
}

#[tauri::command]
pub async fn preview_teacher_roster(db: State<'_, Db>, lock: State<'_, DirectorLock>, csv: Vec<u8>) -> Result<Preview> {
    lock.check(&db)?;
    db.read(|conn| teacher_roster::preview(conn, &csv))
}

#[tauri::command]
pub async fn import_teacher_roster(db: State<'_, Db>, lock: State<'_, DirectorLock>, csv: Vec<u8>) -> Result<Preview> {
    lock.check(&db)?;
    db.write(|tx| teacher_roster::import(tx, &csv, clock::now()))
}
