//! The storage layer against a real database file, as the app opens it.

use std::path::Path;

use scriptorium_core::error::Error;
use scriptorium_core::storage::{self, students, Actor};

fn at() -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap().and_hms_opt(8, 30, 0).unwrap()
}

fn new_student(first: &str) -> students::NewStudent {
    students::NewStudent {
        student_number: Some("4401".into()),
        first_name: first.into(),
        last_name: "Okafor".into(),
        grade: Some(9),
        ..Default::default()
    }
}

fn pragma(path: &Path, name: &str) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_query_value(None, name, |r| r.get::<_, rusqlite::types::Value>(0)).map(|v| format!("{v:?}")).unwrap()
}

#[test]
fn a_student_survives_closing_and_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(storage::DATABASE_FILE);
    {
        let mut conn = storage::open(&path).unwrap();
        storage::write(&mut conn, |tx| students::add(tx, &new_student("Chidi"), Actor::Director, at())).unwrap();
    }
    let conn = storage::open(&path).unwrap();
    let listed = students::list(&conn, "", false, 10, 0).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].first_name, "Chidi");
    assert_eq!(pragma(&path, "journal_mode"), "Text(\"wal\")");
}

#[test]
fn the_app_connection_is_durable_and_enforces_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let conn = storage::open(&dir.path().join(storage::DATABASE_FILE)).unwrap();
    let synchronous: i64 = conn.pragma_query_value(None, "synchronous", |r| r.get(0)).unwrap();
    let foreign_keys: i64 = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
    assert_eq!((synchronous, foreign_keys), (2, 1), "synchronous=FULL and foreign_keys=ON");
    let orphan = conn
        .execute("INSERT INTO visits (student_id, signed_in_at, day) VALUES (999, '2026-11-02T08:30:00', 20394)", []);
    assert!(orphan.is_err(), "a visit for a missing student must be refused");
}

#[test]
fn a_database_from_a_newer_app_is_refused_and_its_bytes_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(storage::DATABASE_FILE);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = storage::open(&path).unwrap_err();
    assert!(matches!(err, Error::DatabaseTooNew { found: 99, .. }), "{err:?}");
    assert!(err.to_string().contains("newer version of Scriptorium"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!dir.path().join("scriptorium.db-wal").exists(), "no WAL was started");
}

#[test]
fn the_data_folder_database_backups_and_reports_are_readable_by_this_user_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().join("school");
    let db = scriptorium_core::db::Db::open(&data);
    db.write(|tx| students::add(tx, &new_student("Ada"), Actor::Director, at()).map(drop)).unwrap();
    assert_eq!(mode(&data), 0o700, "the data folder");
    for file in ["scriptorium.db", "scriptorium.db-wal", "scriptorium.db-shm"] {
        assert_eq!(mode(&data.join(file)), 0o600, "{file}");
    }
    let backup = db.daily_backup(at().date()).unwrap().expect("today's backup");
    assert_eq!((mode(&backup), mode(backup.parent().unwrap())), (0o600, 0o700), "the backup and its folder");
    let chosen = temp.path().join("usb-stick.db");
    db.backup_to(&chosen).unwrap();
    assert_eq!(mode(&chosen), 0o600, "a backup to another place");
    let report = temp.path().join("report.csv");
    db.read(|conn| {
        scriptorium_core::export::reports::identified_sessions(conn, scriptorium_core::clock::Days::all(), &report)
    })
    .unwrap();
    assert_eq!(mode(&report), 0o600, "an exported file");

    // A database an earlier version left readable by everyone is made private when it opens.
    drop(db);
    std::fs::set_permissions(data.join("scriptorium.db"), std::fs::Permissions::from_mode(0o644)).unwrap();
    storage::open(&data.join("scriptorium.db")).unwrap();
    assert_eq!(mode(&data.join("scriptorium.db")), 0o600);
}
