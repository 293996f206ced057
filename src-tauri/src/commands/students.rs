use tauri::State;

use crate::clock;
use crate::db::Db;
use crate::director_lock::DirectorLock;
use crate::error::Result;
use crate::storage::students::{self, NewStudent, Student};
use crate::storage::visits::{self, Visit};
use crate::storage::Actor;

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
    let from = clock::optional_day("From", from.as_deref())?.unwrap_or(i64::MIN);
    let to = clock::optional_day("To", to.as_deref())?.unwrap_or(i64::MAX);
    let (limit, offset) = super::page_bounds(limit, offset);
    db.read(|conn| visits::list(conn, from, to, limit, offset))
}
