//! De-identified partner reports: nothing identifying in the bytes, stable writer codes per
//! partner, formula-safe cells, and a file that reads back as the rows it was built from.

mod support;

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use scriptorium_core::clock::Days;
use scriptorium_core::export::reports;
use scriptorium_core::storage::partners::{self, NewInstitution};
use scriptorium_core::storage::sessions::{self, SessionLog};
use scriptorium_core::storage::students::{self, NewStudent};
use scriptorium_core::storage::{exports, open_in_memory, shifts, tutors, write, Actor};
use support::week_fixture::{self, at};

const HOSTILE_DEPARTMENT: &str = "=cmd|' /C calc'!A0";
const NOTE: &str = "Private note: talked about her family";
const NEXT_STEPS: &str = "Private next steps for Zed";

struct Setup {
    conn: Connection,
    partners: [i64; 2],
    dir: PathBuf,
    _removed_when_done: tempfile::TempDir,
}

fn setup(name: &str) -> Setup {
    let mut conn = open_in_memory().unwrap();
    week_fixture::build(&mut conn);
    let partners = write(&mut conn, |tx| {
        let zed = NewStudent {
            student_number: Some("990001".into()),
            first_name: "Zed".into(),
            last_name: "Hostile".into(),
            grade: Some(11),
            ..Default::default()
        };
        let zed = students::add(tx, &zed, Actor::Director, at("2026-11-01", "08:00"))?.id;
        let log = SessionLog {
            student_id: zed,
            tutor_ids: vec![1],
            date: "2026-11-18".into(),
            start_time: "11:00".into(),
            end_time: "11:30".into(),
            mode: "online".into(),
            teacher_name: "Hostile Teacher".into(),
            teacher_department: HOSTILE_DEPARTMENT.into(),
            assignment_type: "Research paper".into(),
            writing_stage: "Drafting".into(),
            concerns: vec!["Citations".into()],
            notes: NOTE.into(),
            next_steps: NEXT_STEPS.into(),
            ..Default::default()
        };
        sessions::log(tx, &log, Actor::FrontDesk, at("2026-12-31", "12:00"))?;
        let institution = |name: &str| NewInstitution {
            name: name.into(),
            kind: "university_writing_center".into(),
            notes: String::new(),
        };
        exports::ensure_pseudonym_secret(tx)?;
        Ok([
            partners::add_institution(tx, &institution("Lakeside University"), at("2026-11-01", "08:00"))?.id,
            partners::add_institution(tx, &institution("Hill College"), at("2026-11-01", "08:00"))?.id,
        ])
    })
    .unwrap();
    let temp = tempfile::Builder::new().prefix(&format!("scriptorium-exports-{name}-")).tempdir().unwrap();
    Setup { conn, partners, dir: temp.path().to_owned(), _removed_when_done: temp }
}

fn export(setup: &Setup, partner: i64, file: &str) -> PathBuf {
    let path = setup.dir.join(file);
    reports::deidentified_sessions(&setup.conn, partner, Days::typed("2026-08-01", "2026-11-30").unwrap(), &path)
        .unwrap();
    path
}

fn read(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("starts with a BOM for Excel");
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect()
}

#[test]
fn the_report_holds_no_name_number_teacher_or_note() {
    let setup = setup("identifiers");
    let bytes = std::fs::read(export(&setup, setup.partners[0], "sessions.csv")).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let names: Vec<String> = setup
        .conn
        .prepare("SELECT first_name || ' ' || last_name FROM students UNION ALL SELECT last_name FROM students")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for forbidden in names.iter().map(String::as_str).chain([
        "990001",
        "Ms. Alvarez",
        "Mr. Brown",
        "Hostile Teacher",
        NOTE,
        NEXT_STEPS,
    ]) {
        assert!(!text.contains(forbidden), "the report contains {forbidden:?}");
    }
    let secret: String =
        setup.conn.query_row("SELECT value FROM settings WHERE key = 'pseudonym_secret'", [], |r| r.get(0)).unwrap();
    assert!(!text.to_lowercase().contains(&secret[..16]), "the secret never leaves the machine");
}

#[test]
fn writer_codes_are_stable_for_a_partner_and_differ_between_partners() {
    let setup = setup("codes");
    let codes = |path: PathBuf| -> Vec<String> { read(&path)[1..].iter().map(|row| row[0].clone()).collect() };
    let first = codes(export(&setup, setup.partners[0], "a.csv"));
    let again = codes(export(&setup, setup.partners[0], "b.csv"));
    let other = codes(export(&setup, setup.partners[1], "c.csv"));
    assert_eq!(first, again);
    assert_eq!(first.len(), other.len());
    assert!(first.iter().zip(&other).all(|(a, b)| a != b), "{first:?} vs {other:?}");
    // The same writer keeps one code within a report: C had two sessions this week (S3, S4).
    let c_rows: Vec<&String> = first.iter().filter(|code| first.iter().filter(|c| c == code).count() == 2).collect();
    assert!(!c_rows.is_empty(), "C's two sessions share a code");
}

#[test]
fn the_file_reads_back_as_the_rows_with_formulas_neutralised() {
    let setup = setup("read-back");
    let rows = read(&export(&setup, setup.partners[0], "sessions.csv"));
    assert_eq!(rows[0][0], "Writer code");
    assert_eq!(rows[0].len(), 14);
    // Previous week 2, this week 5 (S6 deleted) and Zed's session = 8 sessions from August on.
    assert_eq!(rows.len() - 1, 8);
    let zed = rows.iter().find(|row| row[2] == "2026-11-18").unwrap();
    assert_eq!(
        zed[1..],
        [
            "11",
            "2026-11-18",
            "2026-W47",
            "30",
            "Online",
            &format!("'{HOSTILE_DEPARTMENT}"),
            "Research paper",
            "Drafting",
            "Citations",
            "Peer tutor",
            "",
            "",
            "No"
        ]
    );
    let s2 = rows.iter().find(|row| row[2] == "2026-11-17" && row[5] == "Online").unwrap();
    assert_eq!(s2[10], "Peer tutor + University tutor", "lead first, then the second tutor");
}

#[test]
fn a_backwards_range_is_refused_and_no_file_is_left() {
    let setup = setup("range");
    let err = Days::typed("2026-11-30", "2026-08-01").unwrap_err();
    assert_eq!(err.to_string(), "The report must end on or after the day it starts.");
    let missing = setup.dir.join("missing-folder").join("x.csv");
    assert!(
        reports::deidentified_sessions(&setup.conn, setup.partners[0], Days { first: 0, end: 2 }, &missing).is_err()
    );
    assert!(!missing.exists());
}

#[test]
fn the_activities_report_has_both_directions_oldest_first_and_is_formula_safe() {
    use scriptorium_core::storage::partners::NewActivity;
    let mut setup = setup("activities");
    let partner = setup.partners[0];
    for (date, direction, notes) in
        [("2026-11-10", "given", "=HYPERLINK(\"http://x\")"), ("2026-10-02", "received", "Training, with \"quotes\"")]
    {
        let new = NewActivity {
            institution_id: partner,
            date: date.into(),
            kind: "tutor_training".into(),
            direction: direction.into(),
            hours: 2.5,
            notes: notes.into(),
            ..Default::default()
        };
        write(&mut setup.conn, |tx| partners::add_activity(tx, &new, at("2026-11-20", "08:00"))).unwrap();
    }
    let path = setup.dir.join("activities.csv");
    let exported =
        reports::activities(&setup.conn, partner, Days::typed("2026-08-01", "2026-11-30").unwrap(), &path).unwrap();
    assert_eq!(exported.rows, 2);
    let rows = read(&path);
    assert_eq!(rows[0][..6], ["Date", "Partner", "Contact", "Kind", "Direction", "Hours"]);
    assert_eq!(
        rows[1][..6],
        ["2026-10-02", "Lakeside University", "", "Tutor training", "Received from the partner", "2.5"]
    );
    assert_eq!(rows[1][7], "Training, with \"quotes\"");
    assert_eq!(rows[2][4], "Given to the partner");
    assert_eq!(rows[2][7], "'=HYPERLINK(\"http://x\")");
}

/// Links Uma (university tutor, id 2) to the first partner and gives her one 90-minute shift.
fn uma_from_the_first_partner(setup: &mut Setup) {
    let partner = setup.partners[0];
    write(&mut setup.conn, |tx| {
        tutors::set_institution(tx, 2, Some(partner), Actor::Director, at("2026-11-01", "08:00"))?;
        shifts::clock_in(tx, 2, at("2026-11-17", "08:30"))?;
        shifts::clock_out(tx, 2, at("2026-11-17", "10:00"))
    })
    .unwrap();
}

#[test]
fn a_partners_tutors_sessions_are_marked_in_its_report_only() {
    let mut setup = setup("partner-tutors");
    uma_from_the_first_partner(&mut setup);
    let marked = |partner| -> Vec<(String, String)> {
        read(&export(&setup, partner, &format!("{partner}.csv")))[1..]
            .iter()
            .map(|row| (row[10].clone(), row[13].clone()))
            .collect()
    };
    let first = marked(setup.partners[0]);
    // Uma tutored S2 (second tutor), S3, S4 this week and B last week.
    assert_eq!(first.iter().filter(|(_, mine)| mine == "Yes").count(), 4, "{first:?}");
    assert!(first.iter().filter(|(_, mine)| mine == "Yes").all(|(kind, _)| kind.contains("University tutor")));
    assert!(marked(setup.partners[1]).iter().all(|(_, mine)| mine == "No"));
}

#[test]
fn service_hours_name_the_partners_tutors_with_shifts_sessions_and_a_total() {
    let mut setup = setup("service-hours");
    uma_from_the_first_partner(&mut setup);
    let path = setup.dir.join("hours.csv");
    let range = Days::typed("2026-08-01", "2026-11-30").unwrap();
    let exported = reports::service_hours(&setup.conn, setup.partners[0], false, range, &path).unwrap();
    assert_eq!(exported.rows, 2, "Uma and the total");
    let rows = read(&path);
    assert_eq!(
        rows[0],
        [
            "Tutor",
            "Kind",
            "Institution",
            "Shifts",
            "Hours on shift",
            "Shifts closed automatically (hours estimated)",
            "Sessions",
            "Hours in sessions",
        ]
    );
    // B last week 40 min, S2 45, S3 20, S4 40 (see the week fixture) = 145 min.
    assert_eq!(rows[1], ["Uma Brooks", "University tutor", "Lakeside University", "1", "1.50", "0", "4", "2.42"]);
    assert_eq!(rows[2], ["Total", "", "", "1", "1.50", "0", "4", "2.42"]);

    // On request the school's own peer tutors are listed too; the other partner sees no one.
    reports::service_hours(&setup.conn, setup.partners[0], true, range, &path).unwrap();
    let names: Vec<String> = read(&path)[1..].iter().map(|row| format!("{} ({})", row[0], row[2])).collect();
    assert_eq!(names, ["Sam Rivera (This school)", "Uma Brooks (Lakeside University)", "Total ()"]);
    let other = reports::service_hours(&setup.conn, setup.partners[1], false, range, &path).unwrap();
    assert_eq!(other.rows, 1, "only the total");
}

#[test]
fn the_identified_export_holds_names_notes_and_next_steps_for_internal_use() {
    let setup = setup("identified");
    let path = setup.dir.join("identified.csv");
    let exported =
        reports::identified_sessions(&setup.conn, Days::typed("2026-11-18", "2026-11-18").unwrap(), &path).unwrap();
    let rows = read(&path);
    assert_eq!(exported.rows, rows.len() - 1);
    let zed = rows.iter().find(|row| row[0] == "990001").expect("Zed's session, by student number");
    assert_eq!(zed[1..3], ["Hostile", "Zed"]);
    assert_eq!(zed[10], "Hostile Teacher");
    assert_eq!(zed[11], format!("'{HOSTILE_DEPARTMENT}"));
    assert_eq!(zed[16..18], [NOTE, NEXT_STEPS]);
}

#[test]
fn a_report_that_fails_halfway_leaves_no_file() {
    let setup = setup("halfway");
    // The last session's stored text can't be read (not UTF-8): the export stops there.
    setup
        .conn
        .execute("UPDATE sessions SET concerns = CAST(X'FF' AS TEXT) WHERE id = (SELECT max(id) FROM sessions)", [])
        .unwrap();
    let path = setup.dir.join("halfway.csv");
    let result = reports::deidentified_sessions(
        &setup.conn,
        setup.partners[0],
        Days::typed("2000-01-01", "2030-01-01").unwrap(),
        &path,
    );
    assert!(result.is_err());
    assert!(!path.exists(), "no report");
    let leftovers: Vec<_> = std::fs::read_dir(&setup.dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(leftovers.is_empty(), "no partial file either: {leftovers:?}");
}

#[test]
fn a_full_disk_is_reported_as_the_disk_error() {
    let setup = setup("full-disk");
    // Enough sessions that the writing thread fails while rows are still being read.
    setup
        .conn
        .execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60000)
             INSERT INTO sessions (student_id, started_at, ended_at, minutes, day, iso_week, start_minute, mode,
                 assignment_type, writing_stage, concerns, lead_tutor_id, created_at, updated_at)
             SELECT s.student_id, s.started_at, s.ended_at, s.minutes, s.day, s.iso_week, s.start_minute, s.mode,
                 s.assignment_type, s.writing_stage, s.concerns, s.lead_tutor_id, s.created_at, s.updated_at
             FROM n, (SELECT * FROM sessions WHERE deleted_at IS NULL LIMIT 1) s",
        )
        .unwrap();
    let path = setup.dir.join("sessions.csv");
    // The report is written to a hidden partial file beside `path`: make that the full device.
    std::os::unix::fs::symlink("/dev/full", setup.dir.join(".sessions.csv.partial")).unwrap();
    let err = reports::deidentified_sessions(&setup.conn, setup.partners[0], Days::all(), &path).unwrap_err();
    assert!(err.to_string().contains("No space left on device"), "the disk's own error reaches the director: {err}");
    assert!(!path.exists());
}
