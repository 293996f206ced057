//! The front-desk rules through the storage layer: sign-in, the queue, starting and logging
//! sessions, continuity and refusals. Every refusal is checked to have written nothing.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use scriptorium_core::clock::{self, Days};
use scriptorium_core::error::Error;
use scriptorium_core::storage::sessions::{self, SessionLog};
use scriptorium_core::storage::students::{self, NewStudent};
use scriptorium_core::storage::tutors::{self, NewTutor};
use scriptorium_core::storage::visits::{self, VisitRequest};
use scriptorium_core::storage::{open_in_memory, shifts, write, Actor};

fn at(h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 16).unwrap().and_hms_opt(h, m, 0).unwrap()
}

struct Desk {
    conn: Connection,
    writer: i64,
    sam: i64,
    uma: i64,
}

fn desk() -> Desk {
    let mut conn = open_in_memory().unwrap();
    let (writer, sam, uma) = write(&mut conn, |tx| {
        let writer = NewStudent {
            student_number: Some("700123".into()),
            first_name: "Priya".into(),
            last_name: "Natarajan".into(),
            grade: Some(10),
            ..Default::default()
        };
        let writer = students::add(tx, &writer, Actor::Director, at(7, 0))?.id;
        let sam = tutors::add(
            tx,
            &NewTutor { name: "Sam Rivera".into(), kind: "peer".into(), ..Default::default() },
            Actor::Director,
            at(7, 0),
        )?;
        let uma = tutors::add(
            tx,
            &NewTutor { name: "Uma Brooks".into(), kind: "university".into(), ..Default::default() },
            Actor::Director,
            at(7, 0),
        )?;
        shifts::clock_in(tx, sam.id, at(8, 0))?;
        shifts::clock_in(tx, uma.id, at(8, 0))?;
        Ok((writer, sam.id, uma.id))
    })
    .unwrap();
    Desk { conn, writer, sam, uma }
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn log_for(desk: &Desk, visit_id: i64) -> SessionLog {
    SessionLog {
        visit_id: Some(visit_id),
        student_id: desk.writer,
        tutor_ids: vec![desk.sam],
        date: "2026-11-16".into(),
        start_time: "09:05".into(),
        end_time: "09:40".into(),
        mode: "in_person".into(),
        course: "English 10 Honors".into(),
        teacher_name: "Ms. Alvarez".into(),
        teacher_department: "English".into(),
        assignment_type: "Literary analysis".into(),
        writing_stage: "Revising".into(),
        concerns: vec!["Thesis or claim".into(), "Evidence and analysis".into()],
        notes: "Worked on the thesis.\nLooked at two body paragraphs.".into(),
        next_steps: "Add a counterargument paragraph before Friday.".into(),
        confidence_before: Some(2),
        confidence_after: Some(4),
        consent: "attendance".into(),
    }
}

#[test]
fn scanner_sign_in_start_and_log_closes_the_visit() {
    let mut desk = desk();
    let visit = write(&mut desk.conn, |tx| visits::sign_in_by_number(tx, " 700123 ", at(9, 0))).unwrap();
    assert_eq!((visit.student_name.as_str(), visit.status.stored()), ("Priya Natarajan", "waiting"));

    let request = VisitRequest { requested_tutor_id: Some(desk.sam), working_on: "Gatsby essay".into() };
    let visit = write(&mut desk.conn, |tx| visits::set_request(tx, visit.id, &request)).unwrap();
    assert_eq!(visit.requested_tutor_name.as_deref(), Some("Sam Rivera"));

    let (sam, visit_id) = (desk.sam, visit.id);
    let visit = write(&mut desk.conn, |tx| visits::start(tx, visit_id, sam, at(9, 5))).unwrap();
    assert_eq!((visit.status.stored(), visit.tutor_name.as_deref()), ("in_session", Some("Sam Rivera")));

    let log = SessionLog { tutor_ids: vec![desk.sam, desk.uma], ..log_for(&desk, visit_id) };
    let id = write(&mut desk.conn, |tx| sessions::log(tx, &log, Actor::FrontDesk, at(9, 41))).unwrap();
    assert_eq!(visits::get(&desk.conn, visit_id).unwrap().status.stored(), "done");
    let queue = visits::queue(&desk.conn, at(9, 42)).unwrap();
    assert_eq!((queue.open.len(), queue.logged_today, queue.left_today), (0, 1, 0));
    let (minutes, iso_week, mode): (i64, i64, String) = desk
        .conn
        .query_row("SELECT minutes, iso_week, mode FROM sessions WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((minutes, iso_week, mode.as_str()), (35, 202647, "in_person"));
    assert_eq!(count(&desk.conn, "SELECT count(*) FROM session_tutors"), 2);
    assert_eq!(count(&desk.conn, "SELECT count(*) FROM session_concerns"), 2);
    assert_eq!(count(&desk.conn, "SELECT count(*) FROM teachers WHERE department = 'English'"), 1);
    assert_eq!(count(&desk.conn, "SELECT count(*) FROM audit_log WHERE entity = 'session'"), 1);
}

#[test]
fn a_second_sign_in_is_refused_while_waiting_or_in_session() {
    let mut desk = desk();
    let writer = desk.writer;
    let visit = write(&mut desk.conn, |tx| visits::sign_in(tx, writer, at(9, 0))).unwrap();
    let err = write(&mut desk.conn, |tx| visits::sign_in(tx, writer, at(9, 2))).unwrap_err();
    assert_eq!(err.to_string(), "Priya Natarajan is already waiting (signed in at 09:00).");
    let sam = desk.sam;
    write(&mut desk.conn, |tx| visits::start(tx, visit.id, sam, at(9, 3))).unwrap();
    let err = write(&mut desk.conn, |tx| visits::sign_in_by_number(tx, "700123", at(9, 4))).unwrap_err();
    assert!(matches!(err, Error::Conflict(_)));
    assert_eq!(err.to_string(), "Priya Natarajan is already in a session (signed in at 09:00).");
    assert_eq!(count(&desk.conn, "SELECT count(*) FROM visits"), 1);
}

#[test]
fn a_visit_left_open_on_an_earlier_day_is_closed_at_closing_time_and_blocks_no_one() {
    let mut desk = desk();
    let yesterday = |h, m| at(h, m) - chrono::Duration::days(1);
    let other = write(&mut desk.conn, |tx| {
        let new =
            NewStudent { first_name: "Bo".into(), last_name: "Chen".into(), grade: Some(9), ..Default::default() };
        Ok(students::add(tx, &new, Actor::Director, yesterday(7, 0))?.id)
    })
    .unwrap();
    let writer = desk.writer;
    let forgotten = write(&mut desk.conn, |tx| {
        let gone = visits::sign_in(tx, other, yesterday(9, 0))?;
        visits::mark_left(tx, gone.id, yesterday(9, 20))?;
        visits::sign_in(tx, writer, yesterday(15, 0)) // still waiting when the desk closed
    })
    .unwrap();
    let left_today = write(&mut desk.conn, |tx| {
        let visit = visits::sign_in(tx, other, at(9, 0))?;
        visits::mark_left(tx, visit.id, at(9, 10))
    })
    .unwrap();
    let queue = visits::queue(&desk.conn, at(10, 0)).unwrap();
    assert!(queue.open.is_empty(), "yesterday's visit is not in today's queue: {:?}", queue.open);
    assert_eq!((queue.logged_today, queue.left_today), (0, 1));
    assert_eq!(left_today.status.stored(), "left");

    let closed = visits::get(&desk.conn, forgotten.id).unwrap();
    assert_eq!((closed.status.stored(), closed.closed_automatically), ("left", true));
    assert_eq!(closed.signed_out_at.as_deref(), Some(clock::format(yesterday(16, 30)).as_str()), "closing time");
    let again = write(&mut desk.conn, |tx| visits::sign_in(tx, writer, at(10, 5))).unwrap();
    assert_eq!(again.status.stored(), "waiting", "the writer signs in today");
    assert!(!again.closed_automatically);
}

#[test]
fn unknown_or_malformed_numbers_are_refused_without_a_visit() {
    let mut desk = desk();
    let err = write(&mut desk.conn, |tx| visits::sign_in_by_number(tx, "999999", at(9, 0))).unwrap_err();
    assert_eq!(err.to_string(), "No writer has student number 999999. Add them with quick-add.");
    let err = write(&mut desk.conn, |tx| visits::sign_in_by_number(tx, "12;DROP", at(9, 0))).unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err}");
    assert_eq!(count(&desk.conn, "SELECT count(*) FROM visits"), 0);
}

#[test]
fn a_walk_away_is_kept_and_only_waiting_writers_can_walk_away() {
    let mut desk = desk();
    let writer = desk.writer;
    let visit = write(&mut desk.conn, |tx| visits::sign_in(tx, writer, at(9, 0))).unwrap();
    let left = write(&mut desk.conn, |tx| visits::mark_left(tx, visit.id, at(9, 30))).unwrap();
    assert_eq!((left.status.stored(), left.signed_out_at.as_deref()), ("left", Some("2026-11-16T09:30:00")));
    let err = write(&mut desk.conn, |tx| visits::mark_left(tx, visit.id, at(9, 31))).unwrap_err();
    assert!(matches!(err, Error::Conflict(_)));
    // They can come back later the same day.
    write(&mut desk.conn, |tx| visits::sign_in(tx, writer, at(10, 0))).unwrap();
    let queue = visits::queue(&desk.conn, at(10, 1)).unwrap();
    let statuses: Vec<&str> = queue.open.iter().map(|v| v.status.stored()).collect();
    assert_eq!((statuses.as_slice(), queue.left_today), (["waiting"].as_slice(), 1));
}

#[test]
fn starting_needs_a_waiting_writer_and_a_tutor_on_shift() {
    let mut desk = desk();
    let (writer, sam) = (desk.writer, desk.sam);
    let visit = write(&mut desk.conn, |tx| visits::sign_in(tx, writer, at(9, 0))).unwrap();
    write(&mut desk.conn, |tx| shifts::clock_out(tx, sam, at(9, 1))).unwrap();
    let err = write(&mut desk.conn, |tx| visits::start(tx, visit.id, sam, at(9, 2))).unwrap_err();
    assert_eq!(err.to_string(), "Sam Rivera is not clocked in; clock in first.");
    assert_eq!(visits::get(&desk.conn, visit.id).unwrap().status.stored(), "waiting");
}

#[test]
fn every_invalid_session_log_is_refused_precisely_and_writes_nothing() {
    let mut desk = desk();
    let (writer, sam) = (desk.writer, desk.sam);
    let visit = write(&mut desk.conn, |tx| visits::sign_in(tx, writer, at(9, 0))).unwrap();
    write(&mut desk.conn, |tx| visits::start(tx, visit.id, sam, at(9, 5))).unwrap();
    let valid = log_for(&desk, visit.id);
    let cases: Vec<(SessionLog, &str)> = vec![
        (SessionLog { tutor_ids: vec![], ..valid.clone() }, "Choose the tutor who led the session."),
        (
            SessionLog { tutor_ids: vec![desk.sam, desk.sam], ..valid.clone() },
            "The second tutor must be someone other than the lead tutor.",
        ),
        (
            SessionLog { end_time: "08:50".into(), ..valid.clone() },
            "End time 08:50 must be after the start time 09:05.",
        ),
        (
            SessionLog { end_time: "09:05".into(), ..valid.clone() },
            "End time 09:05 must be after the start time 09:05.",
        ),
        (
            SessionLog { date: "2026-02-30".into(), ..valid.clone() },
            "Date \"2026-02-30\" is not a date like 2026-11-22.",
        ),
        (SessionLog { start_time: "9 am".into(), ..valid.clone() }, "Start time \"9 am\" is not a time like 14:05."),
        (
            SessionLog { date: "2026-11-17".into(), ..valid.clone() },
            "A session cannot end in the future: it ends 2026-11-17 09:40 but it is now 2026-11-16 09:41.",
        ),
        (SessionLog { end_time: "25:00".into(), ..valid.clone() }, "End time \"25:00\" is not a time like 14:05."),
        (SessionLog { mode: "".into(), ..valid.clone() }, "Choose a mode: in person or online."),
        (SessionLog { assignment_type: " ".into(), ..valid.clone() }, "Choose an assignment type."),
        (
            SessionLog { writing_stage: "Daydreaming".into(), ..valid.clone() },
            "\"Daydreaming\" is not one of the writing stages.",
        ),
        (SessionLog { concerns: vec![], ..valid.clone() }, "Choose at least one concern worked on."),
        (SessionLog { confidence_after: Some(6), ..valid.clone() }, "Confidence after must be between 1 and 5."),
        (SessionLog { notes: "x".repeat(4001), ..valid.clone() }, "Notes is too long: 4001 characters, at most 4000."),
        (
            SessionLog { teacher_name: "\u{7}".into(), ..valid.clone() },
            "Teacher name contains a control character; remove it and try again.",
        ),
        (
            SessionLog { consent: "tell everyone".into(), ..valid.clone() },
            "Sharing with the teacher must be one of: not_shared, attendance, attendance_summary (not \"tell everyone\").",
        ),
    ];
    for (log, message) in cases {
        let err = write(&mut desk.conn, |tx| sessions::log(tx, &log, Actor::FrontDesk, at(9, 41))).unwrap_err();
        assert_eq!(err.to_string(), message);
    }
    for table in ["sessions", "session_tutors", "session_concerns", "teachers", "session_consent"] {
        assert_eq!(count(&desk.conn, &format!("SELECT count(*) FROM {table}")), 0, "{table} written on refusal");
    }
    assert_eq!(visits::get(&desk.conn, visit.id).unwrap().status.stored(), "in_session");
    write(&mut desk.conn, |tx| sessions::log(tx, &valid, Actor::FrontDesk, at(9, 41))).unwrap();
}

#[test]
fn a_returning_writer_sees_last_next_steps_and_the_same_tutor_if_on_shift() {
    let mut desk = desk();
    let (writer, sam) = (desk.writer, desk.sam);
    let first = write(&mut desk.conn, |tx| visits::sign_in(tx, writer, at(9, 0))).unwrap();
    write(&mut desk.conn, |tx| visits::start(tx, first.id, sam, at(9, 5))).unwrap();
    let log = log_for(&desk, first.id);
    write(&mut desk.conn, |tx| sessions::log(tx, &log, Actor::FrontDesk, at(9, 41))).unwrap();

    let card = sessions::continuity(&desk.conn, writer).unwrap();
    assert_eq!(card.recent.len(), 1);
    assert_eq!(card.recent[0].next_steps, "Add a counterargument paragraph before Friday.");
    assert_eq!(card.recent[0].tutors, "Sam Rivera");
    assert_eq!(card.recent[0].date, "2026-11-16");
    assert_eq!(card.suggested_tutor.map(|t| t.name).as_deref(), Some("Sam Rivera"));

    write(&mut desk.conn, |tx| shifts::clock_out(tx, sam, at(10, 0))).unwrap();
    let card = sessions::continuity(&desk.conn, writer).unwrap();
    assert!(card.suggested_tutor.is_none(), "Sam is off shift: no suggestion");
}

#[test]
fn a_logged_session_needs_its_visit_in_session() {
    let mut desk = desk();
    let writer = desk.writer;
    let visit = write(&mut desk.conn, |tx| visits::sign_in(tx, writer, at(9, 0))).unwrap();
    let log = log_for(&desk, visit.id);
    let err = write(&mut desk.conn, |tx| sessions::log(tx, &log, Actor::FrontDesk, at(9, 41))).unwrap_err();
    assert_eq!(err.to_string(), "Priya Natarajan's visit is not in a session.");
    assert_eq!(count(&desk.conn, "SELECT count(*) FROM sessions"), 0);
}

#[test]
fn the_desk_logs_only_todays_session_of_a_writer_in_a_session_and_the_director_adds_past_ones() {
    let mut desk = desk();
    let (writer, sam) = (desk.writer, desk.sam);
    let written = |conn: &rusqlite::Connection| {
        ["sessions", "session_tutors", "session_concerns"]
            .map(|table| count(conn, &format!("SELECT count(*) FROM {table}")))
    };

    // No visit: refused, nothing written.
    let visitless = SessionLog { visit_id: None, ..log_for(&desk, 0) };
    let err = write(&mut desk.conn, |tx| sessions::log(tx, &visitless, Actor::FrontDesk, at(9, 41))).unwrap_err();
    assert!(
        err.to_string().starts_with("At the desk, a session is logged for a writer who is in a session today."),
        "{err}"
    );
    assert_eq!(written(&desk.conn), [0, 0, 0]);

    // A visit in a session today, but the session dated last week: refused.
    let visit = write(&mut desk.conn, |tx| visits::sign_in(tx, writer, at(9, 0))).unwrap();
    write(&mut desk.conn, |tx| visits::start(tx, visit.id, sam, at(9, 5))).unwrap();
    let backdated = SessionLog { date: "2026-11-09".into(), ..log_for(&desk, visit.id) };
    let err = write(&mut desk.conn, |tx| sessions::log(tx, &backdated, Actor::FrontDesk, at(9, 41))).unwrap_err();
    assert!(err.to_string().starts_with("At the desk, a session is logged on the day it happens."), "{err}");
    assert_eq!(written(&desk.conn), [0, 0, 0]);
    assert_eq!(visits::get(&desk.conn, visit.id).unwrap().status.stored(), "in_session", "the visit is untouched");

    // Logged the next morning for yesterday's visit: refused at the desk too.
    let tomorrow = at(9, 41) + chrono::Duration::days(1);
    let today = log_for(&desk, visit.id);
    let err = write(&mut desk.conn, |tx| sessions::log(tx, &today, Actor::FrontDesk, tomorrow)).unwrap_err();
    assert!(err.to_string().starts_with("At the desk, a session is logged on the day it happens."), "{err}");

    // The director adds a past session without a visit.
    write(&mut desk.conn, |tx| sessions::log(tx, &visitless, Actor::Director, tomorrow)).unwrap();
    assert_eq!(written(&desk.conn)[0], 1);
    // And today's session at the desk is logged as always.
    write(&mut desk.conn, |tx| sessions::log(tx, &today, Actor::FrontDesk, at(9, 41))).unwrap();
    assert_eq!(written(&desk.conn)[0], 2);
}

#[test]
fn visits_are_listed_newest_first_a_page_at_a_time() {
    let mut desk = desk();
    let writer = desk.writer;
    write(&mut desk.conn, |tx| {
        for minute in 0..5 {
            let visit = visits::sign_in(tx, writer, at(9, minute * 10))?;
            visits::mark_left(tx, visit.id, at(9, minute * 10 + 5))?;
        }
        Ok(())
    })
    .unwrap();
    let ids = |limit, offset| -> Vec<i64> {
        visits::list(&desk.conn, Days::all(), limit, offset).unwrap().into_iter().map(|v| v.id).collect()
    };
    assert_eq!(ids(10, 0), [5, 4, 3, 2, 1]);
    let paged: Vec<i64> = [0, 2, 4].into_iter().flat_map(|offset| ids(2, offset)).collect();
    assert_eq!(paged, [5, 4, 3, 2, 1]);
    assert!(ids(2, 5).is_empty());
}

#[test]
fn the_desk_sees_a_narrow_record_and_refusals_name_no_other_writer() {
    let mut desk = desk();
    write(&mut desk.conn, |tx| {
        tx.execute("UPDATE students SET multilingual = 1 WHERE id = ?1", [desk.writer])?;
        Ok(())
    })
    .unwrap();
    let found = students::desk_search(&desk.conn, "priya", 8).unwrap();
    let json = serde_json::to_value(&found).unwrap();
    assert_eq!(json[0]["firstName"], "Priya");
    let mut fields: Vec<&str> = json[0].as_object().unwrap().keys().map(String::as_str).collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        ["firstName", "grade", "id", "lastName", "preferredName", "studentNumber"],
        "no multilingual flag"
    );

    // Quick-add at the desk with a number already on file: refused without saying whose it is.
    let new = NewStudent {
        student_number: Some("700123".into()),
        first_name: "Pat".into(),
        last_name: "Doe".into(),
        ..Default::default()
    };
    let err = write(&mut desk.conn, |tx| students::add(tx, &new, Actor::FrontDesk, at(9, 0))).unwrap_err();
    assert_eq!(err.to_string(), "Student number 700123 is already on file for another writer.");
    let err = write(&mut desk.conn, |tx| students::add(tx, &new, Actor::Director, at(9, 0))).unwrap_err();
    assert!(err.to_string().contains("Priya Natarajan"), "the director is told whose: {err}");
}
