use tauri::State;

use scriptorium_core::db::{Db, Status};
use scriptorium_core::error::Result;

/// Where the data lives and whether the database opened, for the shell and Settings.
#[tauri::command]
pub async fn app_status(db: State<'_, Db>) -> Result<Status> {
    Ok(db.status())
}
