//! How far the database's opening has got, so that reads can begin before its quick check while
//! writes still wait for all of it; and when the check is due, so that on a two-core machine it
//! does not compete with the window's first frame.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Opening,
    /// The schema is current: other connections may read while the check waits or runs.
    Readable,
    /// Checked and migrated, or failed: the opening thread's result tells which.
    Finished,
}

struct Progress {
    stage: Stage,
    /// Someone needs the check's result (a write, or the window once it has painted).
    check_wanted: bool,
}

pub(super) struct StartupProgress {
    progress: Mutex<Progress>,
    changed: Condvar,
}

impl StartupProgress {
    pub(super) fn new() -> Self {
        StartupProgress {
            progress: Mutex::new(Progress { stage: Stage::Opening, check_wanted: false }),
            changed: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Progress> {
        self.progress.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(super) fn readable(&self) {
        self.lock().stage = Stage::Readable;
        self.changed.notify_all();
    }

    /// Asks for the check to start now, if it is still waiting.
    pub(super) fn want_check(&self) {
        self.lock().check_wanted = true;
        self.changed.notify_all();
    }

    /// On the opening thread: waits until the check is wanted, or at most `longest`.
    pub(super) fn wait_until_check_wanted(&self, longest: Duration) {
        let progress = self.lock();
        let _ = self.changed.wait_timeout_while(progress, longest, |p| !p.check_wanted);
    }

    /// Waits until reads may begin or the opening has finished. True while the check is still
    /// to come or running (a read goes ahead); false once it has finished (the caller takes
    /// the opening's result).
    pub(super) fn reads_may_begin_before_checked(&self) -> bool {
        let progress =
            self.changed.wait_while(self.lock(), |p| p.stage == Stage::Opening).unwrap_or_else(|p| p.into_inner());
        progress.stage == Stage::Readable
    }
}

/// Marks the opening finished when dropped, a panic included, so that no read waits forever.
pub(super) struct FinishedWhenDropped(pub(super) Arc<StartupProgress>);

impl Drop for FinishedWhenDropped {
    fn drop(&mut self) {
        self.0.lock().stage = Stage::Finished;
        self.0.changed.notify_all();
    }
}
