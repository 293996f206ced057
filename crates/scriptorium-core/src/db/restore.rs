//! Restoring a backup in place of the open database, and who may. The director restores any
//! backup that passes every check. With no readable database there is no director area to
//! unlock, so the backup itself must vouch: a file with a director PIN is restored only with that
//! PIN or its recovery code, and a file with no PIN only from the app's own backups folder (a
//! PIN-less file brought on a USB stick would otherwise open the director area to anyone).

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use chrono::NaiveDateTime;
use rusqlite::{Connection, OpenFlags};
use serde_json::json;

use super::{open_file, Db};
use crate::error::{Error, Result};
use crate::private_files;
use crate::storage::{self, backup, director, write_audit_line, Actor};
use crate::vocabulary::AuditAction;

/// Who asks for a restore.
pub enum RestoreBy<'a> {
    /// The director, with the director area of the open database unlocked.
    Director,
    /// The recovery screen, with no readable database: the backup's own PIN or recovery code
    /// ("" when none was typed).
    Recovery { secret: &'a str },
}

impl Db {
    /// Replaces the database with the backup at `from`. The file is copied beside the live one
    /// first and the copy is what passes every check and is swapped in, so the file checked is
    /// the file restored. The database being replaced is kept: a healthy one as a backup, a
    /// damaged one renamed aside. If the restored file then fails to open, the previous
    /// database is put back and opened again, and nothing was restored.
    pub fn restore(&self, from: &Path, by: RestoreBy, now: NaiveDateTime) -> Result<backup::BackupSummary> {
        let live = self.database_file();
        let incoming = live.with_extension("db.restoring");
        let summary = (|| {
            if !from.is_file() {
                return backup::verify(from); // says there is no such file
            }
            std::fs::copy(from, &incoming)?;
            private_files::restrict(&incoming)?; // a copy keeps the chosen file's mode
            std::fs::File::open(&incoming)?.sync_all()?;
            let summary = backup::verify_copy(&incoming, from)?;
            if let RestoreBy::Recovery { secret } = by {
                self.vouch(&incoming, from, secret)?;
            }
            Ok(summary)
        })();
        let summary = summary.inspect_err(|_| {
            let _ = std::fs::remove_file(&incoming);
        })?;
        // No read may have the file open while it is swapped: wait for them, then close them all.
        let _files = self.files.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        self.idle_readers.lock().unwrap_or_else(|p| p.into_inner()).clear();
        let mut state = self.lock();
        if let Some(problem) = state.problem.as_ref().filter(|p| p.kind == "database_too_new") {
            let _ = std::fs::remove_file(&incoming);
            return Err(Error::Conflict(format!("Nothing was restored: {}", problem.message)));
        }
        let stamp = now.format("%Y-%m-%dT%H%M%S");
        private_files::create_folder(&self.backup_dir())?;
        if let Some(conn) = state.conn.as_ref() {
            backup::backup_to(conn, &self.backup_dir().join(backup::before_restore_name(now)))?;
        }
        self.available.store(false, Ordering::Release);
        state.conn = None; // the last connection closes: SQLite checkpoints and removes the WAL
        let previous = self.data_dir.join(format!("scriptorium-previous-{stamp}.db"));
        move_database(&live, &previous)?;
        crate::durable::rename(&incoming, &live)?;
        let (conn, problem) = open_file(&live);
        if let Some(problem) = problem {
            // Put the previous database back, as it was, and open it again.
            let _ = remove_database(&live);
            move_database(&previous, &live)?;
            (state.conn, state.problem) = open_file(&live);
            self.available.store(state.conn.is_some(), Ordering::Release);
            return Err(Error::Conflict(format!(
                "Nothing was restored: the backup could not be opened ({}). The previous database is back in place.",
                problem.message
            )));
        }
        match state.problem.take() {
            // The damaged file is kept aside, in case it is needed.
            Some(_) => move_database(&previous, &self.data_dir.join(format!("scriptorium-damaged-{stamp}.db")))?,
            // A healthy one was just backed up.
            None => remove_database(&previous)?,
        }
        let mut conn = conn.expect("opened without a problem");
        storage::write(&mut conn, |tx| {
            let mut changes = serde_json::Map::new();
            changes.insert("from".into(), json!(from.display().to_string()));
            changes.insert("sessions".into(), json!(summary.sessions));
            let actor = if matches!(by, RestoreBy::Director) { Actor::Director } else { Actor::FrontDesk };
            write_audit_line(tx, now, actor, "database", 0, AuditAction::Restore, changes)
        })?;
        state.conn = Some(conn);
        self.available.store(true, Ordering::Release);
        Ok(summary)
    }

    /// With no readable database, whether the backup itself allows its restore (see the module).
    fn vouch(&self, copy: &Path, from: &Path, secret: &str) -> Result<()> {
        let conn =
            Connection::open_with_flags(copy, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        match director::file_accepts(&conn, secret)? {
            Some(true) => Ok(()),
            Some(false) if secret.is_empty() => Err(Error::Invalid(
                "This backup has a director PIN. Enter its director PIN or recovery code to restore it.".into(),
            )),
            Some(false) => Err(Error::WrongPin { tries_left: 0 }),
            None if self.in_backups_folder(from) => Ok(()),
            None => Err(Error::Invalid(format!(
                "This backup has no director PIN, so it can be restored here only from Scriptorium's own backups folder ({}).",
                self.backup_dir().display()
            ))),
        }
    }

    fn in_backups_folder(&self, file: &Path) -> bool {
        let canonical = |path: &Path| path.canonicalize().ok();
        match (canonical(file).as_deref().and_then(Path::parent).map(Path::to_owned), canonical(&self.backup_dir())) {
            (Some(parent), Some(folder)) => parent == folder,
            _ => false,
        }
    }
}

/// The database file and its WAL and shared-memory files, each with this suffix.
fn database_files(main: &Path) -> [PathBuf; 3] {
    ["", "-wal", "-shm"].map(|suffix| PathBuf::from(format!("{}{suffix}", main.display())))
}

/// Renames a database with its WAL files (those that exist) to `to`.
fn move_database(from: &Path, to: &Path) -> Result<()> {
    for (source, target) in database_files(from).iter().zip(database_files(to)) {
        if source.exists() {
            std::fs::rename(source, target)?;
        }
    }
    Ok(())
}

fn remove_database(main: &Path) -> Result<()> {
    for file in database_files(main) {
        if file.exists() {
            std::fs::remove_file(file)?;
        }
    }
    Ok(())
}
