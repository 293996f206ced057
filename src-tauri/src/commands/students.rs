use tauri::State;

use scriptorium_core::clock;
use scriptorium_core::db::Db;
use scriptorium_core::director_lock::DirectorLock;
use scriptorium_core::error::Result;
use scriptorium_core::storage::students::{self, NewStudent, Student};
use scriptorium_core::storage::visits::{self, Visit};
use scriptorium_core::storage::Actor;

#[tauri::command]
pub async fn add_student(db: State<'_, Db>, lock: State<'_, DirectorLock>, student: NewStudent) -> Result<Student> {
    lock.check(&db)?;
    db.write(|tx| students::add(tx, &student, Actor::Director, clock::now()))
}

#[tauri::command]
pub async fn list_students(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    name: String,
    include_inactive: bool,
    limit: i64,
    offset: i64,
) -> Result<Vec<Student>> {
    lock.check(&db)?;
    let (limit, offset) = super::page_bounds(limit, offset);
    db.read(|conn| students::list(conn, &name, include_inactive, limit, offset))
}

/// Marks a student inactive (e.g. graduated or moved away) or active again; history is kept.
#[tauri::command]
pub async fn set_student_active(db: State<'_, Db>, lock: State<'_, DirectorLock>, id: i64, active: bool) -> Result<()> {
    lock.check(&db)?;
    db.write(|tx| students::set_active(tx, id, active, Actor::Director, clock::now()))
}

/// Visits between two dates (YYYY-MM-DD, inclusive; empty means no limit), newest first.
#[tauri::command]
pub async fn list_visits(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    from: Option<String>,
    to: Option<String>,
    limit: i64,
    offset: i64,
) -> Result<Vec<Visit>> {
    lock.check(&db)?;
    let days = clock::Days::filter(from.as_deref(), to.as_deref())?;
    let (limit, offset) = super::page_bounds(limit, offset);
    db.read(|conn| visits::list(conn, days, limit, offset))
}
