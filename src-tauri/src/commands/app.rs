use tauri::State;

use scriptorium_core::db::{Db, StartupProblem, Status};
use scriptorium_core::error::Result;
use scriptorium_core::storage::first_run::{self, Checklist};

/// Where the data lives and whether the database opened, for the shell and Settings.
#[tauri::command]
pub async fn app_status(db: State<'_, Db>) -> Result<Status> {
    Ok(db.status())
}

/// Waits for the startup check of the database (reads began before it ended): what it found
/// wrong, if anything. The window asks once, after its first view.
#[tauri::command]
pub async fn startup_check(db: State<'_, Db>) -> Result<Option<StartupProblem>> {
    Ok(db.startup_check())
}

/// What a new director still has to set up. Open to the desk: it holds no one's data, and the
/// desk's empty state points to it.
#[tauri::command]
pub async fn first_run_checklist(db: State<'_, Db>) -> Result<Checklist> {
    db.read(first_run::checklist)
}
