//! The school's list of departments: read by the session form, kept by the director.

use tauri::State;

use scriptorium_core::clock;
use scriptorium_core::db::Db;
use scriptorium_core::director_lock::DirectorLock;
use scriptorium_core::error::Result;
use scriptorium_core::storage::departments;

#[tauri::command]
pub async fn list_departments(db: State<'_, Db>) -> Result<Vec<String>> {
    db.read(departments::list)
}

#[tauri::command]
pub async fn add_department(db: State<'_, Db>, lock: State<'_, DirectorLock>, name: String) -> Result<Vec<String>> {
    lock.check(&db)?;
    db.write(|tx| departments::add(tx, &name, clock::now()))
}

#[tauri::command]
pub async fn remove_department(db: State<'_, Db>, lock: State<'_, DirectorLock>, name: String) -> Result<Vec<String>> {
    lock.check(&db)?;
    db.write(|tx| departments::remove(tx, &name, clock::now()))
}
