//! Backups and restore. A database that failed to open can be restored from the recovery screen
//! without the director PIN (the PIN lives in the file that can't be read); otherwise restoring
//! and backing up are director work.

use std::path::PathBuf;

use tauri::State;

use scriptorium_core::clock;
use scriptorium_core::db::Db;
use scriptorium_core::director_lock::DirectorLock;
use scriptorium_core::error::Result;
use scriptorium_core::storage::backup::{self, BackupFile, BackupSummary};

use super::reports::save_target;

fn check_director(db: &Db, lock: &DirectorLock) -> Result<()> {
    if db.is_unavailable() {
        return Ok(());
    }
    lock.check(db)
}

/// The backups folder's files, newest first.
#[tauri::command]
pub async fn list_backups(db: State<'_, Db>, lock: State<'_, DirectorLock>) -> Result<Vec<BackupFile>> {
    check_director(&db, &lock)?;
    backup::list(&db.backup_dir())
}

/// The newest backup that passes every check, for the recovery screen.
#[tauri::command]
pub async fn newest_good_backup(db: State<'_, Db>, lock: State<'_, DirectorLock>) -> Result<Option<BackupSummary>> {
    check_director(&db, &lock)?;
    Ok(backup::list(&db.backup_dir())?.iter().find_map(|file| backup::verify(file.path.as_ref()).ok()))
}

/// What a backup file holds, after the checks a restore makes: shown before anything is replaced.
#[tauri::command]
pub async fn inspect_backup(db: State<'_, Db>, lock: State<'_, DirectorLock>, path: String) -> Result<BackupSummary> {
    check_director(&db, &lock)?;
    backup::verify(path.as_ref())
}

/// Every restore, whether it succeeds or not, locks the director area: the restored file may
/// have another director PIN, or none.
#[tauri::command]
pub async fn restore_backup(db: State<'_, Db>, lock: State<'_, DirectorLock>, path: String) -> Result<BackupSummary> {
    check_director(&db, &lock)?;
    let restored = db.restore(&PathBuf::from(path), clock::now());
    lock.close();
    restored
}

/// A backup to a file the director chooses (a USB stick, the school's share).
#[tauri::command]
pub async fn backup_now(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    path: Option<String>,
) -> Result<BackupSummary> {
    lock.check(&db)?;
    let stamp = clock::now().format("%Y-%m-%dT%H%M");
    let path = save_target(path, &format!("scriptorium-backup-{stamp}.db"))?;
    db.backup_to(&path)?;
    backup::verify(&path)
}
