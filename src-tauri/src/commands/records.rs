//! The director's records of logged sessions: browse, correct, delete, and read the history.

use tauri::State;

use scriptorium_core::clock;
use scriptorium_core::db::Db;
use scriptorium_core::director_lock::DirectorLock;
use scriptorium_core::error::{Error, Result};
use scriptorium_core::storage::session_records::{self, AuditEntry, SessionFilter, SessionRow};
use scriptorium_core::storage::sessions::{self, SessionLog};
use scriptorium_core::storage::Actor;

#[tauri::command]
pub async fn list_sessions(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    filter: SessionFilter,
    limit: i64,
    offset: i64,
) -> Result<Vec<SessionRow>> {
    lock.check(&db)?;
    let (limit, offset) = super::page_bounds(limit, offset);
    db.read(|conn| session_records::list(conn, &filter, limit, offset))
}

#[tauri::command]
pub async fn session_for_edit(db: State<'_, Db>, lock: State<'_, DirectorLock>, id: i64) -> Result<SessionLog> {
    lock.check(&db)?;
    db.read(|conn| session_records::as_log(conn, id))
}

#[tauri::command]
pub async fn correct_session(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    id: i64,
    edit: SessionLog,
) -> Result<()> {
    lock.check(&db)?;
    db.write(|tx| session_records::correct(tx, id, &edit, Actor::Director, clock::now()))
}

#[tauri::command]
pub async fn delete_session(db: State<'_, Db>, lock: State<'_, DirectorLock>, id: i64, reason: String) -> Result<()> {
    lock.check(&db)?;
    db.write(|tx| session_records::delete(tx, id, &reason, Actor::Director, clock::now()))
}

#[tauri::command]
pub async fn record_history(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    entity: String,
    id: i64,
) -> Result<Vec<AuditEntry>> {
    lock.check(&db)?;
    if !["session", "student", "tutor"].contains(&entity.as_str()) {
        return Err(Error::Invalid(format!("There is no history for \"{entity}\".")));
    }
    db.read(|conn| session_records::history(conn, &entity, id))
}

/// A session the desk can't log: a past one, or one without a visit (a writer who was helped
/// but never signed in). Director only; audited as the director's.
#[tauri::command]
pub async fn add_past_session(db: State<'_, Db>, lock: State<'_, DirectorLock>, log: SessionLog) -> Result<i64> {
    lock.check(&db)?;
    let log = SessionLog { visit_id: None, ..log };
    db.write(|tx| sessions::log(tx, &log, Actor::Director, clock::now()))
}
