//! Every schema version the app has shipped upgrades without loss. Each fixture in
//! tests/fixtures/ is a database written by that version's own code (the week fixture, a
//! partner with a contact and an activity, a finished shift); it is copied, opened by today's
//! app, and every row of every table it had must still be there, value for value.

use std::path::{Path, PathBuf};

use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags};
use scriptorium_core::storage::{self, stats, SCHEMA_VERSION};

fn fixtures() -> Vec<(i64, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut found: Vec<(i64, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|entry| {
            let path = entry.unwrap().path();
            let version = path.file_name()?.to_str()?.strip_prefix("schema-v")?.strip_suffix(".db")?.parse().ok()?;
            Some((version, path))
        })
        .collect();
    found.sort();
    found
}

/// A copy of `fixture` in a folder of its own, removed with its -wal and -shm files when the
/// folder is dropped: a copy at a fixed temp path could meet a stale WAL a crashed or earlier
/// run left under the same name, and SQLite would replay it into the copy.
fn copy_of(fixture: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::Builder::new().prefix("scriptorium-migrate-").tempdir().unwrap();
    let copy = dir.path().join("scriptorium.db");
    std::fs::copy(fixture, &copy).unwrap();
    (dir, copy)
}

/// Every row of every table, by the columns the table has in `conn`.
fn contents(conn: &Connection, columns_from: &Connection) -> Vec<(String, Vec<Vec<Value>>)> {
    let tables: Vec<String> = columns_from
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|table| {
            let columns: Vec<String> = columns_from
                .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let sql = format!("SELECT {} FROM {table} ORDER BY 1, 2", columns.join(", "));
            let rows = conn
                .prepare(&sql)
                .unwrap()
                .query_map([], |r| (0..columns.len()).map(|i| r.get::<_, Value>(i)).collect())
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            (table, rows)
        })
        .collect()
}

#[test]
fn every_earlier_schema_version_upgrades_without_loss() {
    let fixtures = fixtures();
    let versions: Vec<i64> = fixtures.iter().map(|(v, _)| *v).collect();
    assert_eq!(versions, (1..SCHEMA_VERSION).collect::<Vec<_>>(), "one fixture per earlier schema version");
    for (version, fixture) in fixtures {
        let (_dir, copy) = copy_of(&fixture);
        let old = Connection::open_with_flags(&fixture, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        let found: i64 = old.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(found, version, "{} is a version {version} database", fixture.display());
        let before = contents(&old, &old);
        assert!(before.iter().any(|(table, rows)| table == "sessions" && !rows.is_empty()));

        let upgraded = storage::open(&copy).unwrap();
        let found: i64 = upgraded.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(found, SCHEMA_VERSION);
        assert_eq!(contents(&upgraded, &old), before, "version {version}: every old row and value kept");

        // What the app reads from the upgraded file matches the hand-computed week.
        let week = chrono::NaiveDate::from_ymd_opt(2026, 11, 19).unwrap();
        let board = stats::dashboard(&upgraded, week).unwrap();
        assert_eq!((board.this_week.sessions, board.this_week.unique_writers), (5, 4));
    }
}

#[test]
fn version_2_fills_the_report_columns_from_the_session_records() {
    let (_, fixture) = fixtures().into_iter().find(|(v, _)| *v == 1).expect("the version 1 fixture");
    let (_dir, copy) = copy_of(&fixture);
    let conn = storage::open(&copy).unwrap();
    let mismatched: i64 = conn
        .query_row(
            "SELECT count(*) FROM sessions s WHERE
                 s.concerns IS NOT coalesce((SELECT group_concat(concern, '; ') FROM
                     (SELECT concern FROM session_concerns WHERE session_id = s.id ORDER BY concern)), '')
              OR s.lead_tutor_id IS NOT (SELECT tutor_id FROM session_tutors WHERE session_id = s.id AND role = 'lead')
              OR s.second_tutor_id IS NOT (SELECT tutor_id FROM session_tutors WHERE session_id = s.id AND role = 'second')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(mismatched, 0);
    let two_tutors: i64 =
        conn.query_row("SELECT count(*) FROM sessions WHERE second_tutor_id IS NOT NULL", [], |r| r.get(0)).unwrap();
    assert_eq!(two_tutors, 1, "S2 had Sam and Uma");
}

#[test]
fn version_5_maps_typed_departments_to_the_list_and_keeps_the_rest_for_the_school() {
    let (_, fixture) = fixtures().into_iter().find(|(v, _)| *v == 4).expect("the version 4 fixture");
    let (_dir, copy) = copy_of(&fixture);
    {
        let old = Connection::open(&copy).unwrap();
        old.execute_batch(
            "UPDATE teachers SET department = ' mathematics ' WHERE name = 'Mr. Brown';
             INSERT INTO teachers (name, department, created_at) VALUES ('Ms. Rivera', 'Room 12 (Rivera)', '2026-09-01T08:00:00');",
        )
        .unwrap();
    }
    let conn = storage::open(&copy).unwrap();
    let department = |name: &str| -> String {
        conn.query_row("SELECT department FROM teachers WHERE name = ?1", [name], |r| r.get(0)).unwrap()
    };
    assert_eq!(department("Mr. Brown"), "Math");
    assert_eq!(department("Ms. Alvarez"), "English");
    assert_eq!(department("Ms. Rivera"), "Room 12 (Rivera)", "kept for the school; partner files read Other");
    assert_eq!(scriptorium_core::storage::departments::list(&conn).unwrap().len(), 8);
}

#[test]
fn version_10_links_each_partnership_log_line_version_9_wrote_to_its_event() {
    let (_, fixture) = fixtures().into_iter().find(|(v, _)| *v == 9).expect("the version 9 fixture");
    let (_dir, copy) = copy_of(&fixture);
    {
        // Beside the fixture's workshop and its line: two events with the same line twice (no way
        // to tell which line is whose), and a deleted event's line.
        let old = Connection::open(&copy).unwrap();
        old.execute_batch(
            "INSERT INTO group_events (kind, day, start_minute, end_minute, topic, headcount, institution_id,
                 created_at, updated_at, deleted_at)
             VALUES ('class_visit', 20775, 600, 650, 'Twice', 20, 1, 'x', 'x', NULL),
                    ('class_visit', 20775, 600, 650, 'Twice', 20, 1, 'x', 'x', NULL),
                    ('presentation', 20776, 600, 650, 'Gone', 20, 1, 'x', 'x', 'y');
             INSERT INTO partnership_activities (day, institution_id, kind, direction, hours, people, notes, created_at)
             VALUES (20775, 1, 'visit', 'given', 0.83, '20 people', 'Class visit: Twice', 'x'),
                    (20775, 1, 'visit', 'given', 0.83, '20 people', 'Class visit: Twice', 'x'),
                    (20776, 1, 'other', 'given', 0.83, '20 people', 'Presentation: Gone', 'x');",
        )
        .unwrap();
    }
    let conn = storage::open(&copy).unwrap();
    let links: Vec<(String, Option<String>)> = conn
        .prepare(
            "SELECT a.notes, e.topic FROM partnership_activities a LEFT JOIN group_events e ON e.id = a.group_event_id
             ORDER BY a.id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let line = |notes: &str, topic: Option<&str>| (notes.to_owned(), topic.map(str::to_owned));
    assert_eq!(
        links,
        [
            line("Multilingual writers", None),
            line("Workshop: Peer response", Some("Peer response")),
            line("Class visit: Twice", None),
            line("Class visit: Twice", None),
            line("Presentation: Gone", None),
        ]
    );
}
