//! The director's statistics and the settings they depend on.

use tauri::State;

use scriptorium_core::clock;
use scriptorium_core::db::Db;
use scriptorium_core::director_lock::DirectorLock;
use scriptorium_core::error::Result;
use scriptorium_core::storage::settings::{self, StatsSettings};
use scriptorium_core::storage::stats::{self, Dashboard};

/// The dashboard for the week containing `date` (YYYY-MM-DD), or this week.
#[tauri::command]
pub async fn weekly_dashboard(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    date: Option<String>,
) -> Result<Dashboard> {
    lock.check(&db)?;
    let date = clock::parse_optional_date("Week of", date.as_deref())?.unwrap_or_else(|| clock::now().date());
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
