//! The roster import takes whatever file a person picks: random bytes, any of the separators,
//! line endings and encodings it sniffs, missing columns, 100,000 rows. It never panics, and an import is all of its valid rows or nothing.

use chrono::NaiveDateTime;
use proptest::prelude::*;
use rusqlite::Connection;
use scriptorium_core::storage::{open_in_memory, roster, write, Actor};

fn now() -> NaiveDateTime {
    NaiveDateTime::parse_from_str("2026-08-20 08:00", "%Y-%m-%d %H:%M").unwrap()
}

fn students(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM students", [], |r| r.get(0)).unwrap()
}

fn audit_lines(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap()
}

/// Imports `bytes` and checks the outcome is whole: refused with nothing written, or exactly
/// the rows the preview promised.
fn import_is_whole(conn: &mut Connection, bytes: &[u8]) -> Result<(), TestCaseError> {
    let before = (students(conn), audit_lines(conn));
    let preview = roster::preview(conn, bytes, false);
    match write(conn, |tx| roster::import(tx, bytes, false, Actor::Director, now())) {
        Ok(done) => {
            let preview = preview.expect("a file that imports also previews");
            prop_assert_eq!(&done.counts, &preview.counts);
            prop_assert_eq!(students(conn), before.0 + done.counts.added as i64);
        }
        Err(err) => {
            prop_assert!(preview.is_err(), "the preview accepted a file the import refused: {err}");
            prop_assert_eq!(err.kind(), "invalid");
            prop_assert_eq!((students(conn), audit_lines(conn)), before);
        }
    }
    Ok(())
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,8}",
        "[A-Za-zÀ-ÿ' -]{0,20}",
        Just("\"quoted, with comma\"".to_owned()),
        Just("=HYPERLINK(\"x\")".to_owned()),
        Just(String::new()),
        "\\PC{0,12}",
        "[\\x00-\\x1f]{1,2}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic_and_never_half_import(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let mut conn = open_in_memory().unwrap();
        import_is_whole(&mut conn, &bytes)?;
    }

    /// Bytes that start like a workbook (zip, or the old compound document) go to the spreadsheet
    /// reader: whatever follows, it never panics and never half-imports.
    #[test]
    fn random_bytes_behind_a_spreadsheet_mark_never_panic(tail in prop::collection::vec(any::<u8>(), 0..2048), old_excel in any::<bool>()) {
        let mark: &[u8] = if old_excel { &[0xD0, 0xCF, 0x11, 0xE0] } else { b"PK\x03\x04" };
        let mut conn = open_in_memory().unwrap();
        import_is_whole(&mut conn, &[mark, &tail].concat())?;
    }

    #[test]
    fn random_tables_never_panic_and_never_half_import(
        header in prop::sample::subsequence(
            vec!["Student ID", "First Name", "Last Name", "Grade", "Graduation Year", "Preferred Name", "ELL", "Homeroom"], 0..8),
        rows in prop::collection::vec(prop::collection::vec(cell(), 0..9), 0..40),
        separator in prop_oneof![Just(","), Just(";"), Just("\t"), Just("|")],
        ending in prop_oneof![Just("\r\n"), Just("\n"), Just("\r")],
        encoding in 0_usize..4,
    ) {
        let mut text = header.join(separator);
        for row in rows {
            text.push_str(ending);
            text.push_str(&row.join(separator));
        }
        // The sniffing and decoding paths: as written, with a UTF-8 mark, or UTF-16 either way.
        let bytes: Vec<u8> = match encoding {
            0 => text.into_bytes(),
            1 => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
            2 => [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect(),
            _ => [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect(),
        };
        let mut conn = open_in_memory().unwrap();
        import_is_whole(&mut conn, &bytes)?;
        // Importing the same file again adds no one.
        let count = students(&conn);
        import_is_whole(&mut conn, &bytes)?;
        prop_assert_eq!(students(&conn), count);
    }
}

#[test]
fn a_file_that_is_not_utf_8_is_read_as_windows_1252_and_the_preview_says_so() {
    let mut conn = open_in_memory().unwrap();
    let latin1 = b"Student ID,First Name,Last Name,Grade\n1001,Zo\xeb,Nu\xf1ez,10\n";
    let preview = roster::preview(&conn, latin1, false).unwrap();
    assert_eq!(preview.format, "CSV with commas, Windows-1252");
    write(&mut conn, |tx| roster::import(tx, latin1, false, Actor::Director, now())).unwrap();
    let zoe: String = conn.query_row("SELECT first_name || ' ' || last_name FROM students", [], |r| r.get(0)).unwrap();
    assert_eq!(zoe, "Zoë Nuñez");
}

fn big_roster(rows: usize, last_name_of_last_row: &str) -> Vec<u8> {
    let mut text = String::from("\u{feff}Student ID,First Name,Last Name,Grade\n");
    for i in 0..rows {
        let last = if i + 1 == rows { last_name_of_last_row.to_owned() } else { format!("Student{i}") };
        text.push_str(&format!("{},Écrivain{},{last},{}\n", 100_000 + i, i % 997, 9 + i % 4));
    }
    text.into_bytes()
}

#[test]
fn a_failure_on_the_last_of_100000_rows_leaves_nothing_imported() {
    let mut conn = open_in_memory().unwrap();
    // A failure the checks can't foresee (a full disk, a crash) at the very last row.
    conn.execute_batch(
        "CREATE TEMP TRIGGER fail_at_the_end BEFORE INSERT ON students WHEN NEW.last_name = 'Doomed'
         BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
    )
    .unwrap();
    let bytes = big_roster(100_000, "Doomed");
    let preview = roster::preview(&conn, &bytes, false).unwrap();
    assert_eq!(preview.counts.added, 100_000);
    assert!(write(&mut conn, |tx| roster::import(tx, &bytes, false, Actor::Director, now())).is_err());
    assert_eq!((students(&conn), audit_lines(&conn)), (0, 0), "all or nothing");

    conn.execute_batch("DROP TRIGGER fail_at_the_end").unwrap();
    let done = write(&mut conn, |tx| roster::import(tx, &bytes, false, Actor::Director, now())).unwrap();
    assert_eq!(done.counts.added, 100_000);
    assert_eq!(students(&conn), 100_000);
}
