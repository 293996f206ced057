//! Front-desk commands: find, sign in, queue, start, log. The desk acts as `Actor::FrontDesk`.

use tauri::State;

use scriptorium_core::clock;
use scriptorium_core::db::Db;
use scriptorium_core::error::Result;
use scriptorium_core::storage::sessions::{self, SessionLog, SignedIn};
use scriptorium_core::storage::students::{self, DeskWriter, NewStudent};
use scriptorium_core::storage::visits::{self, DeskQueue, Visit, VisitRequest};
use scriptorium_core::storage::Actor;

const SEARCH_LIMIT: usize = 8;

#[tauri::command]
pub async fn search_writers(db: State<'_, Db>, query: String) -> Result<Vec<DeskWriter>> {
    db.read(|conn| students::desk_search(conn, &query, SEARCH_LIMIT))
}

#[tauri::command]
pub async fn sign_in(db: State<'_, Db>, student_id: i64) -> Result<SignedIn> {
    let now = clock::now();
    db.write(|tx| sessions::signed_in(tx, visits::sign_in(tx, student_id, now)?, now))
}

#[tauri::command]
pub async fn sign_in_by_number(db: State<'_, Db>, number: String) -> Result<SignedIn> {
    let now = clock::now();
    db.write(|tx| sessions::signed_in(tx, visits::sign_in_by_number(tx, &number, now)?, now))
}

/// Quick-add at the desk: the new writer is added and signed in in one step, or neither.
#[tauri::command]
pub async fn quick_add_and_sign_in(db: State<'_, Db>, student: NewStudent) -> Result<SignedIn> {
    db.write(|tx| {
        let now = clock::now();
        let added = students::add(tx, &student, Actor::FrontDesk, now)?;
        sessions::signed_in(tx, visits::sign_in(tx, added.id, now)?, now)
    })
}

#[tauri::command]
pub async fn set_visit_request(db: State<'_, Db>, visit_id: i64, request: VisitRequest) -> Result<Visit> {
    db.write(|tx| visits::set_request(tx, visit_id, &request))
}

#[tauri::command]
pub async fn desk_queue(db: State<'_, Db>) -> Result<DeskQueue> {
    db.read(|conn| visits::queue(conn, clock::now()))
}

#[tauri::command]
pub async fn start_session(db: State<'_, Db>, visit_id: i64, tutor_id: i64) -> Result<Visit> {
    db.write(|tx| visits::start(tx, visit_id, tutor_id, clock::now()))
}

#[tauri::command]
pub async fn mark_left(db: State<'_, Db>, visit_id: i64) -> Result<Visit> {
    db.write(|tx| visits::mark_left(tx, visit_id, clock::now()))
}

#[tauri::command]
pub async fn log_session(db: State<'_, Db>, log: SessionLog) -> Result<i64> {
    db.write(|tx| sessions::log(tx, &log, Actor::FrontDesk, clock::now()))
}
