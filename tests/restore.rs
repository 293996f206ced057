//! Restoring a backup: what may replace the live database, and what is kept when it does.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::Connection;
use scriptorium_core::db::{Db, RestoreBy};
use scriptorium_core::error::Error;
use scriptorium_core::storage::{self, backup, director, SCHEMA_VERSION};

fn now() -> NaiveDateTime {
    NaiveDateTime::parse_from_str("2026-11-23 09:00", "%Y-%m-%d %H:%M").unwrap()
}

/// A data folder of its own, removed when the first value is dropped.
fn data_dir(name: &str) -> (tempfile::TempDir, PathBuf) {
    let held = tempfile::Builder::new().prefix(&format!("scriptorium-restore-{name}-")).tempdir().unwrap();
    let dir = held.path().to_path_buf();
    (held, dir)
}

fn sessions(db: &Db) -> i64 {
    db.read(|conn| Ok(conn.query_row("SELECT count(*) FROM sessions", [], |r| r.get(0))?)).unwrap()
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn a_version_1_backup_is_restored_and_upgraded_and_the_replaced_data_kept() {
    let (_held, dir) = data_dir("v1");
    let db = Db::open(&dir);
    assert_eq!(sessions(&db), 0);
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.db");
    let summary = db.restore(&fixture, RestoreBy::Director, now()).unwrap();
    assert_eq!((summary.schema_version, summary.sessions), (1, 8));
    assert_eq!(sessions(&db), 9, "every session, the deleted one included");
    let version: i64 = db.read(|conn| Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)).unwrap();
    assert_eq!(version, SCHEMA_VERSION, "upgraded on opening");
    let kept = dir.join("backups").join(backup::before_restore_name(now()));
    assert_eq!(backup::verify(&kept).unwrap().sessions, 0, "the replaced (empty) database was backed up first");
    assert!(db.status().startup_problem.is_none());
}

#[test]
fn a_bad_file_is_refused_and_nothing_changes() {
    let (_held, dir) = data_dir("refused");
    let db = Db::open(&dir);
    let live = dir.join(storage::DATABASE_FILE);
    db.write(|tx| Ok(tx.execute("INSERT INTO settings (key, value) VALUES ('marker', 'live')", [])?)).unwrap();

    let garbage = dir.join("garbage.db");
    std::fs::write(&garbage, vec![0x42; 8192]).unwrap();
    let newer = dir.join("newer.db");
    storage::open(&newer).unwrap().pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    let foreign = dir.join("foreign.db");
    Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE notes (x); PRAGMA user_version = 1;").unwrap();

    for (file, kind) in [
        (&garbage, "damaged"),
        (&newer, "database_too_new"),
        (&foreign, "invalid"),
        (&dir.join("none.db"), "not_found"),
    ] {
        let before = std::fs::read(file).ok();
        let err = db.restore(file, RestoreBy::Director, now()).unwrap_err();
        assert_eq!(err.kind(), kind, "{}: {err}", file.display());
        if kind == "invalid" {
            assert_eq!(
                err.to_string(),
                format!("{} is not a Scriptorium database.", file.display()),
                "named as chosen"
            );
        }
        assert_eq!(std::fs::read(file).ok(), before, "the candidate is only read");
    }
    let marker: String = db
        .read(|conn| Ok(conn.query_row("SELECT value FROM settings WHERE key = 'marker'", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(marker, "live", "the live database is untouched");
    assert!(live.exists());
    assert!(!dir.join("backups").exists(), "no before-restore copy for a refused file");
    assert!(!dir.join("scriptorium.db.restoring").exists(), "the checked copy of a refused file is removed");
}

#[test]
fn a_damaged_database_opens_as_a_problem_and_is_set_aside_by_a_restore() {
    let (_held, dir) = data_dir("damaged");
    let good = dir.join("good.db");
    {
        let db = Db::open(&dir);
        db.write(|tx| Ok(tx.execute("INSERT INTO settings (key, value) VALUES ('marker', 'good')", [])?)).unwrap();
        db.backup_to(&good).unwrap();
    }
    let live = dir.join(storage::DATABASE_FILE);
    let mut damaged = bytes(&live);
    damaged[100..4096].fill(0x5A); // the schema page
    std::fs::write(&live, &damaged).unwrap();
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", live.display()));
    }

    let db = Db::open(&dir);
    let problem = db.status().startup_problem.expect("a damaged file is reported, not opened");
    assert_eq!(problem.kind, "damaged");
    assert_eq!(bytes(&live), damaged, "opening changed nothing");
    assert!(db.read(|_| Ok(())).is_err(), "nothing reads a damaged database");

    // Recovery: the good file has no director PIN and is not in the backups folder.
    let err = db.restore(&good, RestoreBy::Recovery { secret: "" }, now()).unwrap_err();
    assert!(
        err.to_string().starts_with("This backup has no director PIN, so it can be restored here only from"),
        "{err}"
    );
    assert_eq!(bytes(&live), damaged, "a refusal changes nothing");
    let in_folder = dir.join("backups").join("good.db");
    std::fs::create_dir_all(in_folder.parent().unwrap()).unwrap();
    std::fs::copy(&good, &in_folder).unwrap();
    db.restore(&in_folder, RestoreBy::Recovery { secret: "" }, now()).unwrap();
    assert!(db.status().startup_problem.is_none());
    let marker: String = db
        .read(|conn| Ok(conn.query_row("SELECT value FROM settings WHERE key = 'marker'", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(marker, "good");
    let aside = dir.join("scriptorium-damaged-2026-11-23T090000.db");
    assert_eq!(bytes(&aside), damaged, "the damaged file is kept, byte for byte");
}

/// A damaged database, a backup with a director PIN elsewhere, and that backup's recovery code.
fn damaged_with_a_pin_protected_backup(name: &str) -> (tempfile::TempDir, PathBuf, PathBuf, String) {
    let (held, dir) = data_dir(name);
    let protected = dir.join("protected.db");
    let code = {
        let db = Db::open(&dir);
        let code = db.write(|tx| director::set_pin(tx, "8406193", now())).unwrap();
        db.write(|tx| Ok(tx.execute("INSERT INTO settings (key, value) VALUES ('marker', 'protected')", [])?)).unwrap();
        db.backup_to(&protected).unwrap();
        code.recovery_code
    };
    let live = dir.join(storage::DATABASE_FILE);
    let mut damaged = bytes(&live);
    damaged[100..4096].fill(0x5A);
    std::fs::write(&live, &damaged).unwrap();
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", live.display()));
    }
    (held, dir, protected, code)
}

#[test]
fn without_a_readable_database_a_protected_backup_needs_its_own_pin_or_recovery_code() {
    let (_held, dir, protected, code) = damaged_with_a_pin_protected_backup("protected");
    let db = Db::open(&dir);
    assert!(db.is_unavailable());
    let err = db.restore(&protected, RestoreBy::Recovery { secret: "" }, now()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "This backup has a director PIN. Enter its director PIN or recovery code to restore it."
    );
    let wrong = db.restore(&protected, RestoreBy::Recovery { secret: "1357913" }, now()).unwrap_err();
    assert!(matches!(wrong, Error::WrongPin { .. }), "{wrong}");
    assert!(db.is_unavailable(), "nothing was restored");
    assert!(!dir.join("scriptorium.db.restoring").exists());

    db.restore(&protected, RestoreBy::Recovery { secret: &code.to_lowercase() }, now()).unwrap();
    let marker: String = db
        .read(|conn| Ok(conn.query_row("SELECT value FROM settings WHERE key = 'marker'", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(marker, "protected");
    let audited: String = db
        .read(|conn| Ok(conn.query_row("SELECT changes FROM audit_log WHERE action = 'restore'", [], |r| r.get(0))?))
        .unwrap();
    assert!(audited.contains("protected.db"), "{audited}");

    // Its PIN works as well as the code.
    let (_held, dir, protected, _) = damaged_with_a_pin_protected_backup("protected-pin");
    let db = Db::open(&dir);
    db.restore(&protected, RestoreBy::Recovery { secret: "8406193" }, now()).unwrap();
    assert!(!db.is_unavailable());
}

#[test]
fn a_backup_that_fails_to_open_after_the_swap_leaves_the_previous_database_open() {
    let (_held, dir) = data_dir("fails-to-open");
    let db = Db::open(&dir);
    db.write(|tx| Ok(tx.execute("INSERT INTO settings (key, value) VALUES ('marker', 'live')", [])?)).unwrap();
    // Passes every check, but can't be upgraded: a version 4 file that already has the table
    // migration 5 creates.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v4.db");
    let unmigratable = dir.join("unmigratable.db");
    std::fs::copy(&fixture, &unmigratable).unwrap();
    Connection::open(&unmigratable).unwrap().execute_batch("CREATE TABLE departments (x)").unwrap();
    backup::verify(&unmigratable).expect("it passes the checks made before the swap");

    let err = db.restore(&unmigratable, RestoreBy::Director, now()).unwrap_err();
    assert!(err.to_string().starts_with("Nothing was restored: the backup could not be opened"), "{err}");
    assert!(err.to_string().ends_with("The previous database is back in place."), "{err}");
    assert!(!db.is_unavailable(), "the previous database is open");
    let marker: String = db
        .read(|conn| Ok(conn.query_row("SELECT value FROM settings WHERE key = 'marker'", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(marker, "live");
    let leftovers: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("previous") || name.contains("restoring"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
