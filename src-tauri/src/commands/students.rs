use tauri::State;

use crate::clock;
use crate::db::Db;
use crate::director_lock::DirectorLock;
use crate::error::Result;
use crate::storage::students::{self, NewStudent, Student};
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
    include_inactive: bool,
    limit: i64,
    offset: i64,
) -> Result<Vec<Student>> {
    lock.check(&db)?;
    db.read(|conn| students::list(conn, include_inactive, limit.clamp(1, 1000), offset.max(0)))
}
