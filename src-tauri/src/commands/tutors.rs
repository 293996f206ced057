//! Tutors, their shifts, and the lists the session form offers.

use tauri::State;

use scriptorium_core::clock;
use scriptorium_core::db::Db;
use scriptorium_core::director_lock::DirectorLock;
use scriptorium_core::error::Result;
use scriptorium_core::storage::shifts::{self, Shift};
use scriptorium_core::storage::teachers::{self, Teacher};
use scriptorium_core::storage::tutors::{self, NewTutor, Tutor};
use scriptorium_core::storage::Actor;
use scriptorium_core::vocabulary::{self, Vocabulary};

/// Active tutors with who is on shift; shifts forgotten overnight are closed first.
#[tauri::command]
pub async fn list_tutors(db: State<'_, Db>) -> Result<Vec<Tutor>> {
    // Only a morning after a forgotten shift needs the writer (which waits for the startup check).
    if db.read(|conn| shifts::any_forgotten(conn, clock::now()))? {
        db.write(|tx| shifts::close_forgotten(tx, clock::now()))?;
    }
    db.read(tutors::list_active)
}

#[tauri::command]
pub async fn add_tutor(db: State<'_, Db>, lock: State<'_, DirectorLock>, tutor: NewTutor) -> Result<Tutor> {
    lock.check(&db)?;
    db.write(|tx| tutors::add(tx, &tutor, Actor::Director, clock::now()))
}

#[tauri::command]
pub async fn set_tutor_institution(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    tutor_id: i64,
    institution_id: Option<i64>,
) -> Result<Tutor> {
    lock.check(&db)?;
    db.write(|tx| tutors::set_institution(tx, tutor_id, institution_id, Actor::Director, clock::now()))
}

#[tauri::command]
pub async fn clock_in(db: State<'_, Db>, tutor_id: i64) -> Result<Shift> {
    db.write(|tx| shifts::clock_in(tx, tutor_id, clock::now()))
}

#[tauri::command]
pub async fn clock_out(db: State<'_, Db>, tutor_id: i64) -> Result<Shift> {
    db.write(|tx| shifts::clock_out(tx, tutor_id, clock::now()))
}

/// Shifts closed automatically at closing time, for the director to check.
#[tauri::command]
pub async fn auto_closed_shifts(db: State<'_, Db>, lock: State<'_, DirectorLock>) -> Result<Vec<Shift>> {
    lock.check(&db)?;
    db.read(|conn| shifts::auto_closed(conn, 50))
}

/// The director sets the real end of a shift closed automatically (or confirms it).
#[tauri::command]
pub async fn set_shift_end(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    shift_id: i64,
    end_time: String,
) -> Result<Shift> {
    lock.check(&db)?;
    db.write(|tx| shifts::set_checked_end(tx, shift_id, &end_time, Actor::Director, clock::now()))
}

#[tauri::command]
pub async fn list_teachers(db: State<'_, Db>) -> Result<Vec<Teacher>> {
    db.read(teachers::list)
}

#[tauri::command]
pub async fn vocabulary() -> Result<Vocabulary> {
    Ok(vocabulary::vocabulary())
}
