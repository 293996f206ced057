//! Group events, tutors' hours beyond shifts, service records and writers' feedback.

use tauri::State;

use scriptorium_core::clock::{self, Days};
use scriptorium_core::db::Db;
use scriptorium_core::director_lock::DirectorLock;
use scriptorium_core::error::Result;
use scriptorium_core::storage::feedback::{self, Answers};
use scriptorium_core::storage::group_events::{self, GroupEvent, NewEvent};
use scriptorium_core::storage::service_record::{self, ServiceRecord};
use scriptorium_core::storage::tutor_hours::{self, HoursEntry, NewHours};
use scriptorium_core::storage::{settings, Actor, Connection};

fn this_school_year(conn: &Connection) -> Result<Days> {
    Ok(settings::stats_settings(conn)?.school_year(clock::now().date()))
}

#[tauri::command]
pub async fn list_events(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    from: String,
    to: String,
) -> Result<Vec<GroupEvent>> {
    lock.check(&db)?;
    let days = Days::typed(&from, &to)?;
    db.read(|conn| group_events::list(conn, days))
}

#[tauri::command]
pub async fn add_event(db: State<'_, Db>, lock: State<'_, DirectorLock>, event: NewEvent) -> Result<GroupEvent> {
    lock.check(&db)?;
    db.write(|tx| group_events::add(tx, &event, clock::now()))
}

#[tauri::command]
pub async fn correct_event(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    id: i64,
    event: NewEvent,
) -> Result<GroupEvent> {
    lock.check(&db)?;
    db.write(|tx| group_events::correct(tx, id, &event, clock::now()))
}

#[tauri::command]
pub async fn delete_event(db: State<'_, Db>, lock: State<'_, DirectorLock>, id: i64, reason: String) -> Result<()> {
    lock.check(&db)?;
    db.write(|tx| group_events::delete(tx, id, &reason, clock::now()))
}

/// A tutor's own entry at the desk: it waits for the director's approval.
#[tauri::command]
pub async fn log_tutor_hours(db: State<'_, Db>, hours: NewHours) -> Result<HoursEntry> {
    db.write(|tx| tutor_hours::add(tx, &hours, Actor::FrontDesk, clock::now()))
}

/// The director's entry: approved as made.
#[tauri::command]
pub async fn add_tutor_hours(db: State<'_, Db>, lock: State<'_, DirectorLock>, hours: NewHours) -> Result<HoursEntry> {
    lock.check(&db)?;
    db.write(|tx| tutor_hours::add(tx, &hours, Actor::Director, clock::now()))
}

#[tauri::command]
pub async fn waiting_tutor_hours(db: State<'_, Db>, lock: State<'_, DirectorLock>) -> Result<Vec<HoursEntry>> {
    lock.check(&db)?;
    db.read(tutor_hours::waiting)
}

#[tauri::command]
pub async fn approve_tutor_hours(db: State<'_, Db>, lock: State<'_, DirectorLock>, id: i64) -> Result<HoursEntry> {
    lock.check(&db)?;
    db.write(|tx| tutor_hours::approve(tx, id, clock::now()))
}

#[tauri::command]
pub async fn decline_tutor_hours(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    id: i64,
    reason: String,
) -> Result<()> {
    lock.check(&db)?;
    db.write(|tx| tutor_hours::decline(tx, id, &reason, clock::now()))
}

/// One tutor's service record for this school year.
#[tauri::command]
pub async fn service_record(db: State<'_, Db>, lock: State<'_, DirectorLock>, tutor_id: i64) -> Result<ServiceRecord> {
    lock.check(&db)?;
    db.read(|conn| service_record::service_record(conn, tutor_id, this_school_year(conn)?))
}

/// Every active peer tutor's record for this school year, to print at once.
#[tauri::command]
pub async fn peer_service_records(db: State<'_, Db>, lock: State<'_, DirectorLock>) -> Result<Vec<ServiceRecord>> {
    lock.check(&db)?;
    db.long_read(|conn| service_record::active_peer_records(conn, this_school_year(conn)?))
}

/// Whether the desk hands the screen to the writer after a session.
#[tauri::command]
pub async fn feedback_asked(db: State<'_, Db>) -> Result<bool> {
    db.read(feedback::asked)
}

#[tauri::command]
pub async fn set_feedback_asked(db: State<'_, Db>, lock: State<'_, DirectorLock>, asked: bool) -> Result<()> {
    lock.check(&db)?;
    db.write(|tx| feedback::set_asked(tx, asked))
}

/// A writer's answers: counted for the week, with nothing that says who gave them.
#[tauri::command]
pub async fn record_feedback(db: State<'_, Db>, answers: Answers) -> Result<()> {
    db.write(|tx| feedback::record(tx, &answers, clock::now()))
}
