//! The director's PIN or passphrase. Stored only as an Argon2id hash; wrong tries are counted
//! in the database so the pause after five of them survives a restart of the app.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{Duration, NaiveDateTime};
use rusqlite::Connection;
use serde::Serialize;

use super::settings;
use crate::clock;
use crate::error::{Error, Result};

const PIN_HASH: &str = "director_pin_hash";
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

fn valid_pin(pin: &str) -> Result<&str> {
    let length = pin.chars().count();
    if length < 4 {
        return Err(Error::Invalid("The PIN or passphrase needs at least 4 characters.".into()));
    }
    if length > 128 {
        return Err(Error::Invalid("The PIN or passphrase can have at most 128 characters.".into()));
    }
    Ok(pin)
}

/// Sets the PIN on first use. Once set it is not replaced here.
pub fn set_pin(conn: &Connection, pin: &str) -> Result<()> {
    if pin_is_set(conn)? {
        return Err(Error::Conflict("A director PIN is already set.".into()));
    }
    let salt = SaltString::generate(&mut OsRng);
    let hash = Argon2::default()
        .hash_password(valid_pin(pin)?.as_bytes(), &salt)
        .map_err(|e| Error::Invalid(format!("Could not protect the PIN: {e}")))?;
    settings::set(conn, PIN_HASH, &hash.to_string())
}

/// The pause after `failed` wrong tries: none for the first five, then 30 s doubling to 15 min.
fn pause_after(failed: i64) -> Option<Duration> {
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
/// wrong tries even when the PIN is wrong.
pub fn unlock(conn: &Connection, pin: &str, now: NaiveDateTime) -> Result<Unlock> {
    if let Some((left, clock_went_back)) = pause_left(conn, now)? {
        if clock_went_back {
            start_pause(conn, now, left)?; // again from now, so it stays in force
        }
        return Ok(Unlock::Paused { seconds: left.num_seconds().max(1) });
    }
    let stored = settings::get(conn, PIN_HASH)?.ok_or_else(|| Error::Conflict("No director PIN is set yet.".into()))?;
    let hash = PasswordHash::new(&stored).map_err(|e| Error::Invalid(format!("The stored PIN is unreadable: {e}")))?;
    let failed_before = settings::get(conn, FAILED_TRIES)?.and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    if Argon2::default().verify_password(pin.as_bytes(), &hash).is_ok() {
        settings::set(conn, FAILED_TRIES, "0")?;
        return Ok(Unlock::Unlocked { failed_tries: failed_before });
    }
    let failed = failed_before + 1;
    settings::set(conn, FAILED_TRIES, &failed.to_string())?;
    match pause_after(failed) {
        Some(pause) => {
            start_pause(conn, now, pause)?;
            Ok(Unlock::Paused { seconds: pause.num_seconds() })
        }
        None => Ok(Unlock::WrongPin { tries_left: FREE_TRIES - failed }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::open_in_memory;

    fn at(seconds: i64) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap().and_hms_opt(8, 0, 0).unwrap() + Duration::seconds(seconds)
    }

    #[test]
    fn the_pin_is_stored_only_as_an_argon2id_hash() {
        let conn = open_in_memory().unwrap();
        assert!(!pin_is_set(&conn).unwrap());
        set_pin(&conn, "4711").unwrap();
        let stored = settings::get(&conn, PIN_HASH).unwrap().unwrap();
        assert!(stored.starts_with("$argon2id$"), "{stored}");
        assert!(!stored.contains("4711"));
        assert_eq!(unlock(&conn, "4711", at(0)).unwrap(), Unlock::Unlocked { failed_tries: 0 });
        assert!(matches!(set_pin(&conn, "9999"), Err(Error::Conflict(_))));
        assert!(matches!(set_pin(&open_in_memory().unwrap(), "12"), Err(Error::Invalid(_))));
    }

    #[test]
    fn five_wrong_tries_then_a_growing_pause() {
        let conn = open_in_memory().unwrap();
        set_pin(&conn, "correct horse").unwrap();
        for left in (1..FREE_TRIES).rev() {
            assert_eq!(unlock(&conn, "nope", at(0)).unwrap(), Unlock::WrongPin { tries_left: left });
        }
        assert_eq!(unlock(&conn, "nope", at(0)).unwrap(), Unlock::Paused { seconds: 30 });
        // Even the right PIN waits out the pause.
        assert_eq!(unlock(&conn, "correct horse", at(10)).unwrap(), Unlock::Paused { seconds: 20 });
        assert_eq!(unlock(&conn, "nope", at(31)).unwrap(), Unlock::Paused { seconds: 60 });
        assert_eq!(unlock(&conn, "correct horse", at(92)).unwrap(), Unlock::Unlocked { failed_tries: 6 });
        assert_eq!(unlock(&conn, "nope", at(93)).unwrap(), Unlock::WrongPin { tries_left: 4 });
        assert_eq!(
            unlock(&conn, "correct horse", at(94)).unwrap(),
            Unlock::Unlocked { failed_tries: 1 },
            "since the last unlock"
        );
    }

    #[test]
    fn setting_the_clock_back_does_not_end_a_pause() {
        let conn = open_in_memory().unwrap();
        set_pin(&conn, "correct horse").unwrap();
        for _ in 0..FREE_TRIES {
            unlock(&conn, "nope", at(0)).unwrap();
        }
        // An hour back: before the pause began. It restarts in full, and stays restarted.
        assert_eq!(unlock(&conn, "correct horse", at(-3600)).unwrap(), Unlock::Paused { seconds: 30 });
        assert_eq!(unlock(&conn, "correct horse", at(-3590)).unwrap(), Unlock::Paused { seconds: 20 });
        assert!(matches!(unlock(&conn, "correct horse", at(-3570)).unwrap(), Unlock::Unlocked { .. }));
    }

    #[test]
    fn pauses_are_capped_at_fifteen_minutes() {
        assert_eq!(pause_after(4), None);
        assert_eq!(pause_after(5), Some(Duration::seconds(30)));
        assert_eq!(pause_after(7), Some(Duration::seconds(120)));
        assert_eq!(pause_after(40), Some(Duration::seconds(900)));
    }
}
