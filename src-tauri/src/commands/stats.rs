//! The director's statistics and the settings they depend on.

use tauri::State;

use crate::clock;
use crate::db::Db;
use crate::director_lock::DirectorLock;
use crate::error::{Error, Result};
use crate::storage::settings::{self, StatsSettings};
use crate::storage::stats::{self, Dashboard};

/// The dashboard for the week containing `date` (YYYY-MM-DD), or this week.
#[tauri::command]
pub async fn weekly_dashboard(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    date: Option<String>,
) -> Result<Dashboard> {
    lock.check(&db)?;
    let date = match date.as_deref().map(str::trim) {
        None | Some("") => clock::now().date(),
        Some(text) => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| Error::Invalid(format!("\"{text}\" is not a date like 2026-11-16.")))?,
    };
    db.read(|conn| stats::dashboard(conn, date))
}

#[tauri::command]
pub async fn stats_settings(db: State<'_, Db>, lock: State<'_, DirectorLock>) -> Result<StatsSettings> {
    lock.check(&db)?;
    db.read(settings::stats_settings)
}

#[tauri::command]
pub async fn save_stats_settings(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    settings: StatsSettings,
) -> Result<()> {
    lock.check(&db)?;
    db.write(|tx| settings::set_stats_settings(tx, &settings))
}
