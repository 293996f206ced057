//! Backups and restore. With the database open, restoring and backing up are director work. A
//! database that failed to open can be restored from the recovery screen, where the backup
//! vouches for itself (its own PIN, or the app's backups folder: `Db::restore`).

use std::path::PathBuf;

use tauri::State;

use scriptorium_core::clock;
use scriptorium_core::db::{Db, RestoreBy};
use scriptorium_core::director_lock::DirectorLock;
use scriptorium_core::error::{Error, Result};
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
/// have another director PIN, or none. `secret` is the backup's PIN or recovery code, asked for
/// on the recovery screen only.
#[tauri::command]
pub async fn restore_backup(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    path: String,
    secret: Option<String>,
) -> Result<BackupSummary> {
    let secret = secret.unwrap_or_default();
    let by = if db.is_unavailable() {
        if let Some(seconds) = lock.paused_for() {
            return Err(Error::TooManyTries { seconds });
        }
        RestoreBy::Recovery { secret: &secret }
    } else {
        lock.check(&db)?;
        RestoreBy::Director
    };
    let restored = db.restore(&PathBuf::from(path), by, clock::now());
    lock.close();
    match restored {
        Err(Error::WrongPin { .. }) => Err(lock.wrong_recovery_secret()),
        other => other,
    }
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
    let summary = backup::verify(&path)?;
    db.write(|tx| backup::record_backup_elsewhere(tx, &path, clock::now()))?;
    Ok(summary)
}
