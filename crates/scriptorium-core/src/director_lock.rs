//! The director lock as the running app enforces it: director commands call `check` first, so
//! the lock holds even if the UI were bypassed. Unlocking lasts until the director locks again
//! or has been idle (no director command) for the configured minutes.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::db::Db;
use crate::error::{Error, Result};
use crate::storage::{director, settings};

fn idle_limit(db: &Db) -> Result<Duration> {
    Ok(Duration::from_secs(60 * db.read(settings::auto_lock_minutes)?.max(1) as u64))
}

#[derive(Default)]
pub struct DirectorLock {
    last_activity: Mutex<Option<Instant>>,
    /// The end of the pause after wrong tries, on the monotonic clock: setting the wall clock
    /// forward does not shorten it while the app runs (the database keeps it across restarts).
    paused_until: Mutex<Option<Instant>>,
    /// Wrong PINs typed for a backup on the recovery screen, where there is no database to count
    /// them in.
    recovery_failures: Mutex<i64>,
}

impl DirectorLock {
    /// Passes if the director area is unlocked and not idle too long, and counts as activity.
    pub fn check(&self, db: &Db) -> Result<()> {
        self.check_at(idle_limit(db)?, Instant::now())
    }

    fn check_at(&self, idle_limit: Duration, now: Instant) -> Result<()> {
        let mut last = self.last_activity.lock().unwrap_or_else(|p| p.into_inner());
        match *last {
            Some(at) if now.saturating_duration_since(at) < idle_limit => {
                *last = Some(now);
                Ok(())
            }
            _ => {
                *last = None;
                Err(Error::Locked)
            }
        }
    }

    /// Whether the area is open, without counting the question as activity (the shell asks on
    /// every navigation, including at the front desk).
    pub fn is_unlocked(&self, db: &Db) -> bool {
        let last = *self.last_activity.lock().unwrap_or_else(|p| p.into_inner());
        match (last, idle_limit(db)) {
            (Some(at), Ok(limit)) => at.elapsed() < limit,
            _ => false,
        }
    }

    /// Starts a pause of `seconds` after wrong tries.
    pub fn pause(&self, seconds: i64) {
        let until = Instant::now() + Duration::from_secs(seconds.max(0) as u64);
        *self.paused_until.lock().unwrap_or_else(|p| p.into_inner()) = Some(until);
    }

    /// Seconds left in a pause started in this run, if any.
    pub fn paused_for(&self) -> Option<i64> {
        self.paused_for_at(Instant::now())
    }

    fn paused_for_at(&self, now: Instant) -> Option<i64> {
        let until = (*self.paused_until.lock().unwrap_or_else(|p| p.into_inner()))?;
        let left = until.saturating_duration_since(now);
        (!left.is_zero()).then(|| left.as_secs_f64().ceil() as i64)
    }

    /// Counts a wrong PIN for a backup on the recovery screen, pausing as wrong unlocks do.
    pub fn wrong_recovery_secret(&self) -> Error {
        let mut failed = self.recovery_failures.lock().unwrap_or_else(|p| p.into_inner());
        *failed += 1;
        match director::pause_after(*failed) {
            Some(pause) => {
                self.pause(pause.num_seconds());
                Error::TooManyTries { seconds: pause.num_seconds() }
            }
            None => Error::WrongPin { tries_left: director::FREE_TRIES - *failed },
        }
    }

    pub fn open(&self) {
        *self.last_activity.lock().unwrap_or_else(|p| p.into_inner()) = Some(Instant::now());
    }

    pub fn close(&self) {
        *self.last_activity.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activity_keeps_it_open_and_idleness_locks_it() {
        let lock = DirectorLock::default();
        let limit = Duration::from_secs(600);
        let start = Instant::now();
        assert!(matches!(lock.check_at(limit, start), Err(Error::Locked)), "locked until opened");
        lock.open();
        let opened = Instant::now();
        assert!(lock.check_at(limit, opened + Duration::from_secs(540)).is_ok());
        assert!(lock.check_at(limit, opened + Duration::from_secs(1080)).is_ok(), "activity restarts the clock");
        assert!(matches!(lock.check_at(limit, opened + Duration::from_secs(1700)), Err(Error::Locked)));
        assert!(matches!(lock.check_at(limit, opened + Duration::from_secs(1701)), Err(Error::Locked)), "stays locked");
        lock.open();
        lock.close();
        assert!(matches!(lock.check_at(limit, Instant::now()), Err(Error::Locked)));
    }

    #[test]
    fn a_pause_is_timed_on_the_monotonic_clock() {
        let lock = DirectorLock::default();
        assert_eq!(lock.paused_for(), None);
        lock.pause(30);
        let started = Instant::now();
        assert!(lock.paused_for_at(started).is_some_and(|s| (29..=30).contains(&s)));
        assert!(lock.paused_for_at(started + Duration::from_secs(20)).is_some_and(|s| s <= 10));
        assert_eq!(lock.paused_for_at(started + Duration::from_secs(31)), None);
    }
}
