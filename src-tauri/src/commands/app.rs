use tauri::State;

use crate::db::{Db, Status};
use crate::error::Result;

/// Where the data lives and whether the database opened, for the shell and Settings.
#[tauri::command]
pub async fn app_status(db: State<'_, Db>) -> Result<Status> {
    Ok(db.status())
}
