//! The director lock: set the PIN on first use, unlock, lock, change or reset the PIN, and the
//! auto-lock setting.

use serde::Serialize;
use tauri::State;

use scriptorium_core::clock;
use scriptorium_core::db::Db;
use scriptorium_core::director_lock::DirectorLock;
use scriptorium_core::error::{Error, Result};
use scriptorium_core::storage::director::{self, RecoveryCode, Reset, Unlock};
use scriptorium_core::storage::settings;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DirectorStatus {
    pin_set: bool,
    unlocked: bool,
    auto_lock_minutes: i64,
}

#[tauri::command]
pub async fn director_status(db: State<'_, Db>, lock: State<'_, DirectorLock>) -> Result<DirectorStatus> {
    let (pin_set, auto_lock_minutes) =
        db.read(|conn| Ok((director::pin_is_set(conn)?, settings::auto_lock_minutes(conn)?)))?;
    Ok(DirectorStatus { pin_set, unlocked: lock.is_unlocked(&db), auto_lock_minutes })
}

/// First use: sets the PIN and opens the director area. The recovery code is shown once.
#[tauri::command]
pub async fn set_director_pin(db: State<'_, Db>, lock: State<'_, DirectorLock>, pin: String) -> Result<RecoveryCode> {
    let code = db.write(|tx| director::set_pin(tx, &pin, clock::now()))?;
    lock.open();
    Ok(code)
}

/// The wrong tries before an accepted PIN or code, or the refusal as the window reads it; a
/// pause is also kept on the monotonic clock.
fn checked(lock: &DirectorLock, outcome: Unlock) -> Result<i64> {
    match outcome {
        Unlock::Unlocked { failed_tries } => Ok(failed_tries),
        Unlock::WrongPin { tries_left } => Err(Error::WrongPin { tries_left }),
        Unlock::Paused { seconds } => {
            lock.pause(seconds);
            Err(Error::TooManyTries { seconds })
        }
    }
}

/// Changes the PIN; the current one is needed, and a wrong one counts as a wrong try.
#[tauri::command]
pub async fn change_director_pin(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    current: String,
    new_pin: String,
) -> Result<()> {
    lock.check(&db)?;
    if let Some(seconds) = lock.paused_for() {
        return Err(Error::TooManyTries { seconds });
    }
    checked(&lock, db.write(|tx| director::change_pin(tx, &current, &new_pin, clock::now()))?)?;
    Ok(())
}

/// A forgotten PIN: the recovery code sets a new one, opens the director area, and is replaced
/// by a new code, shown once.
#[tauri::command]
pub async fn reset_director_pin(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    recovery_code: String,
    new_pin: String,
) -> Result<RecoveryCode> {
    if let Some(seconds) = lock.paused_for() {
        return Err(Error::TooManyTries { seconds });
    }
    match db.write(|tx| director::reset_pin(tx, &recovery_code, &new_pin, clock::now()))? {
        Reset::Reset(code) => {
            lock.open();
            Ok(code)
        }
        Reset::Refused(outcome) => {
            checked(&lock, outcome)?;
            Err(Error::Conflict("The recovery code was not accepted.".into()))
        }
    }
}

/// What the director is told on unlocking.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Unlocked {
    /// Wrong PINs tried since the director last unlocked.
    failed_tries: i64,
}

#[tauri::command]
pub async fn unlock_director(db: State<'_, Db>, lock: State<'_, DirectorLock>, pin: String) -> Result<Unlocked> {
    // A pause started in this run is timed on the monotonic clock, whatever the wall clock says.
    if let Some(seconds) = lock.paused_for() {
        return Err(Error::TooManyTries { seconds });
    }
    let failed_tries = checked(&lock, db.write(|tx| director::unlock(tx, &pin, clock::now()))?)?;
    lock.open();
    Ok(Unlocked { failed_tries })
}

#[tauri::command]
pub async fn lock_director(lock: State<'_, DirectorLock>) -> Result<()> {
    lock.close();
    Ok(())
}

#[tauri::command]
pub async fn set_auto_lock_minutes(db: State<'_, Db>, lock: State<'_, DirectorLock>, minutes: i64) -> Result<()> {
    lock.check(&db)?;
    db.write(|tx| settings::set_auto_lock_minutes(tx, minutes))
}
