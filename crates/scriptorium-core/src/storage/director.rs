//! The director's PIN or passphrase, and the one-time recovery code that resets it. Both are
//! stored only as Argon2id hashes; wrong tries (of either) are counted in the database so the
//! pause after five of them survives a restart of the app. Unlocks, wrong tries and PIN changes
//! are audited.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{Duration, NaiveDateTime};
use rusqlite::{Connection, Transaction};
use serde::Serialize;
use serde_json::json;

use super::audit::{self, Actor};
use super::settings;
use crate::clock;
use crate::error::{Error, Result};
use crate::pin_strength;
use crate::vocabulary::AuditAction;

const PIN_HASH: &str = "director_pin_hash";
const RECOVERY_HASH: &str = "director_recovery_hash";
const FAILED_TRIES: &str = "director_failed_tries";
const PAUSED_UNTIL: &str = "director_paused_until";
/// When the pause began: a clock now earlier than this was moved back, and the pause restarts.
const PAUSED_FROM: &str = "director_paused_from";
/// Wrong tries allowed before the first pause.
pub const FREE_TRIES: i64 = 5;
const FIRST_PAUSE_SECONDS: i64 = 30;
const LONGEST_PAUSE_SECONDS: i64 = 15 * 60;
const LONGEST_PAUSE: Duration = Duration::seconds(LONGEST_PAUSE_SECONDS);

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "outcome")]
pub enum Unlock {
    /// The PIN was right; `failed_tries` wrong ones were made since the last unlock.
    Unlocked {
        failed_tries: i64,
    },
    WrongPin {
        tries_left: i64,
    },
    Paused {
        seconds: i64,
    },
}

pub fn pin_is_set(conn: &Connection) -> Result<bool> {
    Ok(settings::get(conn, PIN_HASH)?.is_some())
}

/// Shown once when a PIN is set or reset, to be printed and kept away from the desk. Stored only
/// as a hash: it resets the PIN once and is then replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryCode {
    pub recovery_code: String,
}

/// Letters and digits nobody confuses when reading a printout (no 0/O, 1/I/L, U/V).
const RECOVERY_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTWXYZ23456789";

fn new_recovery_code() -> String {
    let mut bytes = [0_u8; 20];
    OsRng.fill_bytes(&mut bytes);
    let letters: Vec<char> =
        bytes.iter().map(|b| RECOVERY_ALPHABET[*b as usize % RECOVERY_ALPHABET.len()] as char).collect();
    letters.chunks(5).map(|group| group.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

/// A recovery code as typed: case, spaces and dashes don't matter.
fn normalized_code(typed: &str) -> String {
    typed.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect()
}

fn hash(secret: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map_err(|e| Error::Invalid(format!("Could not protect the PIN: {e}")))?
        .to_string())
}

fn verifies(conn: &Connection, key: &str, secret: &str) -> Result<bool> {
    let stored = settings::get(conn, key)?.ok_or_else(|| Error::Conflict("No director PIN is set yet.".into()))?;
    let hash = PasswordHash::new(&stored)
        .map_err(|e| Error::Damaged(format!("the stored director PIN can't be read ({e}).")))?;
    Ok(Argon2::default().verify_password(secret.as_bytes(), &hash).is_ok())
}

fn audit_director(
    tx: &Transaction,
    now: NaiveDateTime,
    actor: Actor,
    action: AuditAction,
    what: serde_json::Value,
) -> Result<()> {
    let mut changes = serde_json::Map::new();
    changes.insert("director".into(), what);
    audit::record(tx, now, actor, "director", 0, action, changes)
}

/// Stores a new PIN and a new recovery code, which is returned to be shown once.
fn replace_pin(tx: &Transaction, pin: &str) -> Result<RecoveryCode> {
    pin_strength::check(pin)?;
    let recovery_code = new_recovery_code();
    settings::set(tx, PIN_HASH, &hash(pin)?)?;
    settings::set(tx, RECOVERY_HASH, &hash(&normalized_code(&recovery_code))?)?;
    Ok(RecoveryCode { recovery_code })
}

/// Sets the PIN on first use. Once set it is changed only with the current PIN or the recovery code.
pub fn set_pin(tx: &Transaction, pin: &str, now: NaiveDateTime) -> Result<RecoveryCode> {
    if pin_is_set(tx)? {
        return Err(Error::Conflict("A director PIN is already set.".into()));
    }
    let code = replace_pin(tx, pin)?;
    audit_director(tx, now, Actor::Director, AuditAction::PinChange, json!("PIN set on first use"))?;
    Ok(code)
}

/// Changes the PIN: the current one is checked as an unlock is (wrong tries count toward the pause).
pub fn change_pin(tx: &Transaction, current: &str, new_pin: &str, now: NaiveDateTime) -> Result<Unlock> {
    pin_strength::check(new_pin)?;
    let outcome = try_secret(tx, PIN_HASH, current, now)?;
    if let Unlock::Unlocked { .. } = outcome {
        settings::set(tx, PIN_HASH, &hash(new_pin)?)?;
        audit_director(tx, now, Actor::Director, AuditAction::PinChange, json!("PIN changed"))?;
    }
    Ok(outcome)
}

/// What resetting with the recovery code did: the new code on success, or why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reset {
    Reset(RecoveryCode),
    Refused(Unlock),
}

/// Resets a forgotten PIN with the recovery code, which is then replaced by a new one. A wrong
/// code counts as a wrong try.
pub fn reset_pin(tx: &Transaction, recovery_code: &str, new_pin: &str, now: NaiveDateTime) -> Result<Reset> {
    pin_strength::check(new_pin)?;
    match try_secret(tx, RECOVERY_HASH, &normalized_code(recovery_code), now)? {
        Unlock::Unlocked { .. } => {
            let code = replace_pin(tx, new_pin)?;
            audit_director(
                tx,
                now,
                Actor::Director,
                AuditAction::PinChange,
                json!("PIN reset with the recovery code"),
            )?;
            Ok(Reset::Reset(code))
        }
        refused => Ok(Reset::Refused(refused)),
    }
}

/// Whether a database (a file about to be restored) would accept `secret` as its director PIN
/// or recovery code; None when it has no PIN.
pub fn file_accepts(conn: &Connection, secret: &str) -> Result<Option<bool>> {
    if !pin_is_set(conn)? {
        return Ok(None);
    }
    let recovery_code =
        settings::get(conn, RECOVERY_HASH)?.is_some() && verifies(conn, RECOVERY_HASH, &normalized_code(secret))?;
    Ok(Some(recovery_code || verifies(conn, PIN_HASH, secret)?))
}

/// The pause after `failed` wrong tries: none for the first five, then 30 s doubling to 15 min.
pub fn pause_after(failed: i64) -> Option<Duration> {
    let over = failed - FREE_TRIES;
    (over >= 0).then(|| Duration::seconds((FIRST_PAUSE_SECONDS << over.min(10)).min(LONGEST_PAUSE_SECONDS)))
}

/// The pause on record: when it began and when it ends.
fn pause(conn: &Connection) -> Result<Option<(NaiveDateTime, NaiveDateTime)>> {
    let at = |key| -> Result<Option<NaiveDateTime>> { Ok(settings::get(conn, key)?.and_then(|v| clock::parse(&v))) };
    Ok(match (at(PAUSED_FROM)?, at(PAUSED_UNTIL)?) {
        (Some(from), Some(until)) => Some((from, until)),
        // Paused by a version that did not record the start: counted from its end back.
        (None, Some(until)) => Some((until - LONGEST_PAUSE, until)),
        _ => None,
    })
}

/// What is left of the pause on record at `now`, and whether the clock was set back to before
/// it began. Such a clock does not end it: the pause then counts in full from now.
fn pause_left(conn: &Connection, now: NaiveDateTime) -> Result<Option<(Duration, bool)>> {
    Ok(pause(conn)?.and_then(|(from, until)| {
        let clock_went_back = now < from;
        let left = if clock_went_back { until - from } else { until - now };
        (left > Duration::zero()).then_some((left, clock_went_back))
    }))
}

fn start_pause(conn: &Connection, now: NaiveDateTime, length: Duration) -> Result<()> {
    settings::set(conn, PAUSED_FROM, &clock::format(now))?;
    settings::set(conn, PAUSED_UNTIL, &clock::format(now + length))
}

/// Checks a PIN. The outcome is returned (not an error) so the caller commits the count of
/// wrong tries even when the PIN is wrong. Unlocks and wrong tries are audited.
pub fn unlock(tx: &Transaction, pin: &str, now: NaiveDateTime) -> Result<Unlock> {
    let outcome = try_secret(tx, PIN_HASH, pin, now)?;
    if let Unlock::Unlocked { failed_tries } = outcome {
        audit_director(tx, now, Actor::Director, AuditAction::Unlock, json!({ "failedTriesBefore": failed_tries }))?;
    }
    Ok(outcome)
}

/// Checks a secret (the PIN or the recovery code) against its stored hash, under the pause.
fn try_secret(tx: &Transaction, key: &str, secret: &str, now: NaiveDateTime) -> Result<Unlock> {
    if let Some((left, clock_went_back)) = pause_left(tx, now)? {
        if clock_went_back {
            start_pause(tx, now, left)?; // again from now, so it stays in force
        }
        return Ok(Unlock::Paused { seconds: left.num_seconds().max(1) });
    }
    let failed_before = settings::get(tx, FAILED_TRIES)?.and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    if verifies(tx, key, secret)? {
        settings::set(tx, FAILED_TRIES, "0")?;
        return Ok(Unlock::Unlocked { failed_tries: failed_before });
    }
    let failed = failed_before + 1;
    settings::set(tx, FAILED_TRIES, &failed.to_string())?;
    // Whoever tried is not known: the desk is where the app stands.
    audit_director(tx, now, Actor::FrontDesk, AuditAction::UnlockFailed, json!({ "failedTries": failed }))?;
    match pause_after(failed) {
        Some(pause) => {
            start_pause(tx, now, pause)?;
            Ok(Unlock::Paused { seconds: pause.num_seconds() })
        }
        None => Ok(Unlock::WrongPin { tries_left: FREE_TRIES - failed }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::{open_in_memory, write};

    fn at(seconds: i64) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap().and_hms_opt(8, 0, 0).unwrap() + Duration::seconds(seconds)
    }

    fn with_pin(pin: &str) -> (Connection, RecoveryCode) {
        let mut conn = open_in_memory().unwrap();
        let code = write(&mut conn, |tx| set_pin(tx, pin, at(0))).unwrap();
        (conn, code)
    }

    fn try_unlock(conn: &mut Connection, pin: &str, seconds: i64) -> Unlock {
        write(conn, |tx| unlock(tx, pin, at(seconds))).unwrap()
    }

    fn audited(conn: &Connection, action: &str) -> i64 {
        conn.query_row("SELECT count(*) FROM audit_log WHERE entity = 'director' AND action = ?1", [action], |r| {
            r.get(0)
        })
        .unwrap()
    }

    #[test]
    fn the_pin_and_recovery_code_are_stored_only_as_argon2id_hashes() {
        let (mut conn, code) = with_pin("271828");
        assert!(pin_is_set(&conn).unwrap());
        for key in [PIN_HASH, RECOVERY_HASH] {
            let stored = settings::get(&conn, key).unwrap().unwrap();
            assert!(stored.starts_with("$argon2id$"), "{stored}");
            assert!(!stored.contains("271828") && !stored.contains(&code.recovery_code[..5]));
        }
        assert_eq!(code.recovery_code.len(), 23, "four groups of five: {}", code.recovery_code);
        assert_eq!(try_unlock(&mut conn, "271828", 0), Unlock::Unlocked { failed_tries: 0 });
        assert!(matches!(write(&mut conn, |tx| set_pin(tx, "314159", at(1))), Err(Error::Conflict(_))));
        let mut fresh = open_in_memory().unwrap();
        assert!(matches!(write(&mut fresh, |tx| set_pin(tx, "4711", at(0))), Err(Error::Invalid(_))));
        assert!(!pin_is_set(&fresh).unwrap(), "a refused PIN sets nothing");
        assert_eq!((audited(&conn, "pin_change"), audited(&conn, "unlock")), (1, 1));
    }

    #[test]
    fn changing_the_pin_needs_the_current_one() {
        let (mut conn, _) = with_pin("271828");
        let wrong = write(&mut conn, |tx| change_pin(tx, "000001", "314159", at(1))).unwrap();
        assert_eq!(wrong, Unlock::WrongPin { tries_left: 4 }, "a wrong current PIN is a wrong try");
        let weak = write(&mut conn, |tx| change_pin(tx, "271828", "123456", at(2))).unwrap_err();
        assert!(weak.to_string().contains("one of the first anyone would try"), "{weak}");
        assert!(matches!(
            write(&mut conn, |tx| change_pin(tx, "271828", "314159", at(3))).unwrap(),
            Unlock::Unlocked { .. }
        ));
        assert!(matches!(try_unlock(&mut conn, "271828", 4), Unlock::WrongPin { .. }), "the old PIN no longer opens");
        assert!(matches!(try_unlock(&mut conn, "314159", 5), Unlock::Unlocked { .. }));
        assert_eq!(audited(&conn, "pin_change"), 2);
        assert_eq!(audited(&conn, "unlock_failed"), 2);
    }

    #[test]
    fn the_recovery_code_resets_the_pin_once_and_is_replaced() {
        let (mut conn, code) = with_pin("271828");
        let typed = code.recovery_code.to_lowercase().replace('-', " ");
        let Reset::Reset(next) = write(&mut conn, |tx| reset_pin(tx, &typed, "8406193", at(1))).unwrap() else {
            panic!("the code, typed in lower case with spaces, resets the PIN");
        };
        assert_ne!(next, code);
        assert!(matches!(try_unlock(&mut conn, "8406193", 2), Unlock::Unlocked { .. }));
        let used = write(&mut conn, |tx| reset_pin(tx, &code.recovery_code, "5551234", at(3))).unwrap();
        assert_eq!(used, Reset::Refused(Unlock::WrongPin { tries_left: 4 }), "the old code no longer works");
        assert!(matches!(
            write(&mut conn, |tx| reset_pin(tx, &next.recovery_code, "5551234", at(4))).unwrap(),
            Reset::Reset(_)
        ));
    }

    #[test]
    fn five_wrong_tries_then_a_growing_pause() {
        let (mut conn, _) = with_pin("correct horse");
        for left in (1..FREE_TRIES).rev() {
            assert_eq!(try_unlock(&mut conn, "nope", 0), Unlock::WrongPin { tries_left: left });
        }
        assert_eq!(try_unlock(&mut conn, "nope", 0), Unlock::Paused { seconds: 30 });
        // Even the right PIN waits out the pause.
        assert_eq!(try_unlock(&mut conn, "correct horse", 10), Unlock::Paused { seconds: 20 });
        assert_eq!(try_unlock(&mut conn, "nope", 31), Unlock::Paused { seconds: 60 });
        assert_eq!(try_unlock(&mut conn, "correct horse", 92), Unlock::Unlocked { failed_tries: 6 });
        assert_eq!(try_unlock(&mut conn, "nope", 93), Unlock::WrongPin { tries_left: 4 });
        assert_eq!(
            try_unlock(&mut conn, "correct horse", 94),
            Unlock::Unlocked { failed_tries: 1 },
            "since the last unlock"
        );
    }

    #[test]
    fn setting_the_clock_back_does_not_end_a_pause() {
        let (mut conn, _) = with_pin("correct horse");
        for _ in 0..FREE_TRIES {
            try_unlock(&mut conn, "nope", 0);
        }
        // An hour back: before the pause began. It restarts in full, and stays restarted.
        assert_eq!(try_unlock(&mut conn, "correct horse", -3600), Unlock::Paused { seconds: 30 });
        assert_eq!(try_unlock(&mut conn, "correct horse", -3590), Unlock::Paused { seconds: 20 });
        assert!(matches!(try_unlock(&mut conn, "correct horse", -3570), Unlock::Unlocked { .. }));
    }

    #[test]
    fn pauses_are_capped_at_fifteen_minutes() {
        assert_eq!(pause_after(4), None);
        assert_eq!(pause_after(5), Some(Duration::seconds(30)));
        assert_eq!(pause_after(7), Some(Duration::seconds(120)));
        assert_eq!(pause_after(40), Some(Duration::seconds(900)));
    }
}
