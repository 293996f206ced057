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
