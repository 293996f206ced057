//! The one open database the app shares between commands. If it could not be opened (too new,
//! unreadable) the app still starts and shows why, instead of crashing before a window appears.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, Transaction};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::storage;

pub struct Db {
    data_dir: PathBuf,
    conn: Mutex<Option<Connection>>,
    startup_problem: Option<StartupProblem>,
}

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
    pub schema_version: i64,
    pub startup_problem: Option<StartupProblem>,
}

impl Db {
    pub fn open(data_dir: &Path) -> Db {
        let opened = std::fs::create_dir_all(data_dir)
            .map_err(Error::from)
            .and_then(|()| storage::open(&data_dir.join(storage::DATABASE_FILE)));
        let (conn, startup_problem) = match opened {
            Ok(conn) => (Some(conn), None),
            Err(err) => (None, Some(StartupProblem { kind: err.kind(), message: err.to_string() })),
        };
        Db { data_dir: data_dir.to_owned(), conn: Mutex::new(conn), startup_problem }
    }

    pub fn status(&self) -> Status {
        Status {
            data_dir: self.data_dir.clone(),
            database_file: self.data_dir.join(storage::DATABASE_FILE),
            schema_version: storage::SCHEMA_VERSION,
            startup_problem: self.startup_problem.clone(),
        }
    }

    /// Runs a read against the open database.
    pub fn read<T>(&self, read: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let guard = self.lock();
        read(guard.as_ref().ok_or_else(|| self.unavailable())?)
    }

    /// Runs a write in one IMMEDIATE transaction; nothing is kept if it fails.
    pub fn write<T>(&self, write: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let mut guard = self.lock();
        let conn = guard.as_mut().ok_or_else(|| self.unavailable())?;
        storage::write(conn, write)
    }

    fn lock(&self) -> MutexGuard<'_, Option<Connection>> {
        // A panic mid-command rolled its transaction back when the Transaction dropped,
        // so the connection is still sound: keep serving.
        self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn unavailable(&self) -> Error {
        let why = self.startup_problem.as_ref().map_or("it is not open", |p| p.message.as_str());
        Error::Conflict(format!("The database is not available: {why}"))
    }
}
