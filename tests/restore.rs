//! Restoring a backup: what may replace the live database, and what is kept when it does.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::Connection;
use scriptorium_core::db::Db;
use scriptorium_core::storage::{self, backup, SCHEMA_VERSION};

fn now() -> NaiveDateTime {
    NaiveDateTime::parse_from_str("2026-11-23 09:00", "%Y-%m-%d %H:%M").unwrap()
}

fn data_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("scriptorium-restore-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn sessions(db: &Db) -> i64 {
    db.read(|conn| Ok(conn.query_row("SELECT count(*) FROM sessions", [], |r| r.get(0))?)).unwrap()
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn a_version_1_backup_is_restored_and_upgraded_and_the_replaced_data_kept() {
    let dir = data_dir("v1");
    let db = Db::open(&dir);
    assert_eq!(sessions(&db), 0);
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.db");
    let summary = db.restore(&fixture, now()).unwrap();
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
    let dir = data_dir("refused");
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
        let err = db.restore(file, now()).unwrap_err();
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
    let dir = data_dir("damaged");
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

    db.restore(&good, now()).unwrap();
    assert!(db.status().startup_problem.is_none());
    let marker: String = db
        .read(|conn| Ok(conn.query_row("SELECT value FROM settings WHERE key = 'marker'", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(marker, "good");
    let aside = dir.join("scriptorium-damaged-2026-11-23T090000.db");
    assert_eq!(bytes(&aside), damaged, "the damaged file is kept, byte for byte");
}
