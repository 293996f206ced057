//! The one open database the app shares between commands: one writer connection, and read-only
//! connections (WAL) for everything that only reads, so a long export, dashboard or backup never
//! holds up a sign-in and a sign-in never waits for them. If the database could not be opened
//! (damaged, too new, unreadable) the app still starts and shows why, instead of crashing before
//! a window appears; a damaged one can then be replaced by a backup without restarting.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::thread::JoinHandle;

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::private_files;
use crate::storage::{self, backup};

mod restore;
mod startup;
pub use restore::RestoreBy;
use startup::{FinishedWhenDropped, StartupProgress};

pub struct Db {
    data_dir: PathBuf,
    /// The writer, and why the database is unavailable when it is.
    state: Mutex<State>,
    /// Whether the writer is open: reads check this instead of taking the writer's lock.
    available: AtomicBool,
    /// Reads may begin while the startup check runs; writes wait for its end.
    startup: Arc<StartupProgress>,
    /// Read-only connections not in use; a read takes one (or opens one) and puts it back.
    idle_readers: Mutex<Vec<Connection>>,
    /// Held shared by every read, and exclusively by a restore, so the file is swapped only when
    /// no read has it open.
    files: RwLock<()>,
}

struct State {
    /// The file being opened (checked and migrated) on a thread of its own while the window
    /// starts; the first caller that needs the database waits for it.
    opening: Option<JoinHandle<Opened>>,
    conn: Option<Connection>,
    problem: Option<StartupProblem>,
}

type Opened = (Option<Connection>, Option<StartupProblem>);

/// The startup check starts by then even if nothing has asked for its result.
const CHECK_AT_THE_LATEST: std::time::Duration = std::time::Duration::from_secs(3);

/// Read connections kept open between reads: the desk asks for two things at once. More are
/// opened when more reads run together, and closed when they finish.
const IDLE_READERS: usize = 2;

/// Why the database is not available, as the UI shows it.
#[derive(Debug, Clone, Serialize)]
pub struct StartupProblem {
    pub kind: &'static str,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    pub data_dir: PathBuf,
    pub database_file: PathBuf,
    pub backup_dir: PathBuf,
    pub schema_version: i64,
    pub startup_problem: Option<StartupProblem>,
}

fn open_file(path: &Path) -> Opened {
    open_file_reporting_readable(path, || {})
}

fn open_file_reporting_readable(path: &Path, readable: impl FnOnce()) -> Opened {
    let opened = path
        .parent()
        .map_or(Ok(()), private_files::create_folder)
        .map_err(Error::from)
        .and_then(|()| storage::open_reporting_readable(path, readable));
    match opened {
        Ok(conn) => (Some(conn), None),
        Err(err) => (None, Some(StartupProblem { kind: err.kind(), message: err.to_string() })),
    }
}

impl Db {
    /// Starts opening the database in `data_dir` and returns at once. Reads begin as soon as the
    /// file's schema is known to be current. The startup check (quick_check, then migrations)
    /// waits until its result is wanted (the first write, or the window once its first view is
    /// painted; at most `CHECK_AT_THE_LATEST`) and runs at a lower CPU priority, so that on two
    /// cores it does not hold back the window. A file to migrate is checked and migrated at once,
    /// at normal priority: nothing can be read before. No write is made before the check passes.
    pub fn open(data_dir: &Path) -> Db {
        Db::open_pausing_when_readable(data_dir, || {})
    }

    /// `open`, with `pause` run on the opening thread once reads may begin, before the check:
    /// tests hold the check there.
    fn open_pausing_when_readable(data_dir: &Path, pause: impl FnOnce() + Send + 'static) -> Db {
        let file = data_dir.join(storage::DATABASE_FILE);
        let startup = Arc::new(StartupProgress::new());
        let progress = Arc::clone(&startup);
        let opening = std::thread::spawn(move || {
            let finished = FinishedWhenDropped(progress);
            let opened = open_file_reporting_readable(&file, || {
                finished.0.readable();
                finished.0.wait_until_check_wanted(CHECK_AT_THE_LATEST);
                lower_this_threads_priority();
                pause();
            });
            drop(finished);
            opened
        });
        Db {
            data_dir: data_dir.to_owned(),
            state: Mutex::new(State { opening: Some(opening), conn: None, problem: None }),
            available: AtomicBool::new(false),
            startup,
            idle_readers: Mutex::new(Vec::new()),
            files: RwLock::new(()),
        }
    }

    pub fn database_file(&self) -> PathBuf {
        self.data_dir.join(storage::DATABASE_FILE)
    }

    pub fn backup_dir(&self) -> PathBuf {
        self.data_dir.join(backup::BACKUP_DIR)
    }

    /// Where the data lives, and why the database is unavailable when that is known: while the
    /// startup check still runs on a readable file, no problem is reported yet (see
    /// `startup_check`).
    pub fn status(&self) -> Status {
        let startup_problem =
            if self.startup.reads_may_begin_before_checked() { None } else { self.lock().problem.clone() };
        Status {
            data_dir: self.data_dir.clone(),
            database_file: self.database_file(),
            backup_dir: self.backup_dir(),
            schema_version: storage::SCHEMA_VERSION,
            startup_problem,
        }
    }

    /// Runs the startup check now if it is still waiting, and waits for its end: what it found
    /// wrong, if anything.
    pub fn startup_check(&self) -> Option<StartupProblem> {
        self.lock().problem.clone()
    }

    /// Runs a read on a read-only connection of its own: it sees the last committed state and
    /// neither waits for the writer nor makes it wait.
    pub fn read<T>(&self, read: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let _files = self.files.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        if !self.available.load(Ordering::Acquire) && !self.startup.reads_may_begin_before_checked() {
            let state = self.lock();
            if state.conn.is_none() {
                return Err(unavailable(&state));
            }
        }
        let idle = self.idle_readers.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let conn = match idle {
            Some(conn) => conn,
            None => storage::open_reader(&self.database_file())?,
        };
        let value = read(&conn);
        let mut idle = self.idle_readers.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < IDLE_READERS {
            idle.push(conn);
        }
        value
    }

    /// A read that runs long (an export over years of sessions): on a thread of its own in the
    /// background class, so that on a two-core machine a sign-in's commit takes a core from it at
    /// once instead of waiting for one.
    pub fn long_read<T: Send>(&self, read: impl FnOnce(&Connection) -> Result<T> + Send) -> Result<T> {
        std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    run_this_thread_in_the_background();
                    self.read(read)
                })
                .join()
                .unwrap_or_else(|_| Err(Error::Io(std::io::Error::other("the read stopped unexpectedly"))))
        })
    }

    /// Runs a write in one IMMEDIATE transaction; nothing is kept if it fails.
    pub fn write<T>(&self, write: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let mut state = self.lock();
        match state.conn.as_mut() {
            Some(conn) => storage::write(conn, write),
            None => Err(unavailable(&state)),
        }
    }

    /// Today's automatic backup, unless it was already taken; None when there was nothing to do
    /// (or the database is not open).
    pub fn daily_backup(&self, today: NaiveDate) -> Result<Option<PathBuf>> {
        if self.is_unavailable() {
            return Ok(None);
        }
        backup::daily(&self.backup_reader()?, &self.backup_dir(), today)
    }

    /// A backup to `path` (a file the director chose).
    pub fn backup_to(&self, path: &Path) -> Result<()> {
        backup::backup_to(&self.backup_reader()?, path)
    }

    /// A read-only connection of its own for a backup: WAL lets it copy a consistent snapshot
    /// while the desk keeps writing, so a backup never holds up a sign-in.
    fn backup_reader(&self) -> Result<Connection> {
        storage::open_reader(&self.database_file())
    }

    /// Whether the database failed to open (a restore is then authorized by the backup's own PIN,
    /// not the director area: see `restore`).
    pub fn is_unavailable(&self) -> bool {
        self.lock().conn.is_none()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic mid-command rolled its transaction back when the Transaction dropped,
        // so the connection is still sound: keep serving.
        let mut state = self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(opening) = state.opening.take() {
            self.startup.want_check();
            (state.conn, state.problem) = opening.join().unwrap_or_else(|_| {
                let message = "Opening the database failed unexpectedly; restart Scriptorium.".to_owned();
                (None, Some(StartupProblem { kind: "database", message }))
            });
            self.available.store(state.conn.is_some(), Ordering::Release);
        }
        state
    }
}

/// Nice 10 for the calling thread and the threads it starts (on Linux the nice value is per
/// thread). Best effort: the read runs either way.
fn lower_this_threads_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only changes the scheduling weight of the calling thread (who = 0).
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

/// SCHED_IDLE for the calling thread and the threads it starts: it runs only on a core no
/// ordinary thread wants, and a waking ordinary thread preempts it at once (nice 10 still let a
/// sign-in wait a few ms behind the export's two threads). Best effort: the read runs either way.
fn run_this_thread_in_the_background() {
    #[cfg(target_os = "linux")]
    // SAFETY: sched_setscheduler with pid 0 changes only the calling thread's policy.
    unsafe {
        let param = libc::sched_param { sched_priority: 0 };
        libc::sched_setscheduler(0, libc::SCHED_IDLE, &param);
    }
}

fn unavailable(state: &State) -> Error {
    let why = state.problem.as_ref().map_or("it is not open", |p| p.message.as_str());
    Error::Conflict(format!("The database is not available: {why}"))
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;
    use crate::storage::settings;

    #[test]
    fn a_write_goes_through_while_a_read_is_in_progress() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(dir.path());
        db.write(|tx| settings::set(tx, "probe", "before")).unwrap();
        let (started, read_started) = mpsc::channel();
        let (wrote, written) = mpsc::channel();
        std::thread::scope(|scope| {
            let db = &db;
            let reader = scope.spawn(move || {
                db.read(|conn| {
                    let before = settings::get(conn, "probe")?;
                    started.send(()).unwrap();
                    // The read keeps its connection until the writer has committed.
                    written.recv_timeout(Duration::from_secs(5)).expect("the write waited for the read");
                    Ok(before)
                })
            });
            read_started.recv().unwrap();
            db.write(|tx| settings::set(tx, "probe", "after")).unwrap();
            wrote.send(()).unwrap();
            assert_eq!(reader.join().unwrap().unwrap().as_deref(), Some("before"));
        });
        assert_eq!(db.read(|conn| settings::get(conn, "probe")).unwrap().as_deref(), Some("after"));
    }

    /// A database file with one setting, closed.
    fn database_with_probe(dir: &Path) {
        let db = Db::open(dir);
        db.write(|tx| settings::set(tx, "probe", "kept")).unwrap();
    }

    #[test]
    fn reads_begin_before_the_startup_check_ends_and_writes_wait_for_it() {
        let dir = tempfile::tempdir().unwrap();
        database_with_probe(dir.path());
        let (release, held) = mpsc::channel::<()>();
        let db = Db::open_pausing_when_readable(dir.path(), move || {
            let _ = held.recv();
        });
        assert_eq!(db.read(|conn| settings::get(conn, "probe")).unwrap().as_deref(), Some("kept"));
        assert!(db.status().startup_problem.is_none());
        let (wrote, written) = mpsc::channel();
        std::thread::scope(|scope| {
            let db = &db;
            scope.spawn(move || {
                db.write(|tx| settings::set(tx, "probe", "changed")).unwrap();
                wrote.send(()).unwrap();
            });
            assert!(written.recv_timeout(Duration::from_millis(200)).is_err(), "the write waits for the check");
            release.send(()).unwrap();
            written.recv_timeout(Duration::from_secs(5)).expect("the write went through after the check");
        });
        assert!(db.startup_check().is_none());
        assert_eq!(db.read(|conn| settings::get(conn, "probe")).unwrap().as_deref(), Some("changed"));
    }

    #[test]
    fn the_startup_check_waits_until_its_result_is_wanted() {
        let dir = tempfile::tempdir().unwrap();
        database_with_probe(dir.path());
        let (started, check_started) = mpsc::channel();
        let db = Db::open_pausing_when_readable(dir.path(), move || started.send(()).unwrap());
        assert_eq!(db.read(|conn| settings::get(conn, "probe")).unwrap().as_deref(), Some("kept"));
        assert!(check_started.recv_timeout(Duration::from_millis(300)).is_err(), "the check ran unasked");
        assert!(db.startup_check().is_none());
        assert!(check_started.try_recv().is_ok());
    }

    #[test]
    fn a_schema_to_migrate_is_not_read_before_the_check_and_migration() {
        let dir = tempfile::tempdir().unwrap();
        database_with_probe(dir.path());
        let file = dir.path().join(storage::DATABASE_FILE);
        rusqlite::Connection::open(&file).unwrap().pragma_update(None, "user_version", 0).unwrap();
        let (let_in, reads_let_in) = mpsc::channel();
        let db = Db::open_pausing_when_readable(dir.path(), move || let_in.send(()).unwrap());
        db.startup_check();
        assert!(reads_let_in.try_recv().is_err(), "reads were let in before the migration");
    }

    #[test]
    fn damage_found_by_the_check_ends_the_early_reads() {
        let dir = tempfile::tempdir().unwrap();
        database_with_probe(dir.path());
        let file = dir.path().join(storage::DATABASE_FILE);
        let conn = rusqlite::Connection::open(&file).unwrap();
        conn.execute_batch("CREATE TABLE filler (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO filler SELECT randomblob(100) FROM n; PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
        drop(conn);
        // The filler's last pages overwritten: the header and the schema still read.
        let mut bytes = std::fs::read(&file).unwrap();
        let len = bytes.len();
        bytes[len - 8192..].fill(0x5A);
        std::fs::write(&file, &bytes).unwrap();
        let (release, held) = mpsc::channel::<()>();
        let db = Db::open_pausing_when_readable(dir.path(), move || {
            let _ = held.recv();
        });
        assert_eq!(db.read(|conn| settings::get(conn, "probe")).unwrap().as_deref(), Some("kept"));
        release.send(()).unwrap();
        let problem = db.startup_check().expect("the check found the damage");
        assert_eq!(problem.kind, "damaged");
        assert!(db.read(|conn| settings::get(conn, "probe")).is_err(), "no read after the check failed");
        assert!(db.status().startup_problem.is_some());
    }

    #[test]
    fn a_long_read_returns_what_it_read() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(dir.path());
        db.write(|tx| settings::set(tx, "probe", "kept")).unwrap();
        assert_eq!(db.long_read(|conn| settings::get(conn, "probe")).unwrap().as_deref(), Some("kept"));
    }
}
