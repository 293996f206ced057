//! Partner reports on the hand-made week: the activity log, service hours, the school's own
//! identified export, and de-identified files that fail whole (tests/deidentified.rs checks
//! what a de-identified file discloses, on a synthetic school year).

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
            assignment_type: "Research paper".into(),
            writing_stage: "Drafting".into(),
            concerns: vec!["Citations".into()],
            notes: NOTE.into(),
            next_steps: NEXT_STEPS.into(),
            ..Default::default()
        };
        sessions::log(tx, &log, Actor::Director, at("2026-12-31", "12:00"))?;
        // A department typed before departments came from the school's list.
        tx.execute("UPDATE teachers SET department = ?1 WHERE name = 'Hostile Teacher'", [HOSTILE_DEPARTMENT])?;
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

/// A day when every week of the fixture has ended.
fn after() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap()
}

fn read(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("starts with a BOM for Excel");
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect()
}

#[test]
fn a_backwards_range_is_refused_and_no_file_is_left() {
    let setup = setup("range");
    let err = Days::typed("2026-11-30", "2026-08-01").unwrap_err();
    assert_eq!(err.to_string(), "The report must end on or after the day it starts.");
    let missing = setup.dir.join("missing-folder").join("x.csv");
    let range = Days::typed("2026-08-01", "2026-11-30").unwrap();
    assert!(reports::deidentified_sessions(&setup.conn, setup.partners[0], range, after(), &missing).is_err());
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
            "Training hours",
            "Workshop hours led",
            "Class visit hours",
            "Outreach hours",
        ]
    );
    // B last week 40 min, S2 45, S3 20, S4 40 (see the week fixture) = 145 min; no hours beyond
    // shifts (tests/group_work.rs has those).
    let none = ["0.00", "0.00", "0.00", "0.00"];
    assert_eq!(rows[1][..8], ["Uma Brooks", "University tutor", "Lakeside University", "1", "1.50", "0", "4", "2.42"]);
    assert_eq!(rows[1][8..], none);
    assert_eq!(rows[2][..8], ["Total", "", "", "1", "1.50", "0", "4", "2.42"]);
    assert_eq!(rows[2][8..], none);

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
        .execute(
            "UPDATE sessions SET writing_stage = CAST(X'FF' AS TEXT) WHERE id = (SELECT max(id) FROM sessions)",
            [],
        )
        .unwrap();
    let path = setup.dir.join("halfway.csv");
    let result = reports::deidentified_sessions(
        &setup.conn,
        setup.partners[0],
        Days::typed("2000-01-01", "2030-01-01").unwrap(),
        after(),
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
    let err = reports::deidentified_sessions(&setup.conn, setup.partners[0], Days::all(), after(), &path).unwrap_err();
    assert!(err.to_string().contains("No space left on device"), "the disk's own error reaches the director: {err}");
    assert!(!path.exists());
}
