//! Bad input is never half-stored. For what people type into each form, a value is either
//! stored and read back exactly (as the rules clean it: trimmed), or refused with a message
//! that names the field, and nothing at all is written (not even an audit line).

use chrono::NaiveDateTime;
use proptest::prelude::*;
use rusqlite::Connection;
use scriptorium_core::error::Error;
use scriptorium_core::storage::group_events::{self, NewEvent};
use scriptorium_core::storage::partners::{self, NewActivity, NewContact, NewInstitution};
use scriptorium_core::storage::sessions::{self, SessionLog};
use scriptorium_core::storage::students::{self, NewStudent};
use scriptorium_core::storage::tutor_hours::{self, NewHours};
use scriptorium_core::storage::tutors::{self, NewTutor};
use scriptorium_core::storage::{open_in_memory, session_records, write, Actor};

fn now() -> NaiveDateTime {
    NaiveDateTime::parse_from_str("2026-11-21 12:00", "%Y-%m-%d %H:%M").unwrap()
}

/// Empty, whitespace, 10 kB, control characters, emoji and non-Latin names, SQL
/// metacharacters, and ordinary text.
fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[ \t\n]{1,4}",
        Just("x".repeat(10_000)),
        "[\\x00-\\x1f\\x7f][a-z]{0,4}",
        "[a-z]{1,4}[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]",
        Just("Robert'); DROP TABLE students;--".to_owned()),
        Just("%_\\' OR 1=1 --".to_owned()),
        Just("李 小龍".to_owned()),
        Just("Zoë Ñúñez-O'Brien 👩🏽‍🎓".to_owned()),
        Just("محمد عبد الله".to_owned()),
        Just("  padded  ".to_owned()),
        "\\PC{1,60}",
        "[A-Za-z' -]{1,30}",
    ]
}

fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

/// Every table a refusal must leave alone, with its row count.
fn footprint(conn: &Connection) -> Vec<i64> {
    ["students", "tutors", "teachers", "sessions", "session_concerns", "visits", "institutions", "contacts"]
        .iter()
        .chain(&["partnership_activities", "audit_log", "group_events", "group_event_tutors", "tutor_hours"])
        .map(|table| count(conn, table))
        .collect()
}

/// An empty school with one peer tutor, Sam.
fn with_a_tutor() -> (Connection, i64) {
    let mut conn = open_in_memory().unwrap();
    let sam = NewTutor { name: "Sam Rivera".into(), kind: "peer".into(), ..Default::default() };
    let tutor = write(&mut conn, |tx| tutors::add(tx, &sam, Actor::Director, now()).map(|t| t.id)).unwrap();
    (conn, tutor)
}

/// A refusal a person can act on: invalid input, and the message starts with a field's name.
fn precise(err: &Error, fields: &[&str]) -> bool {
    let message = err.to_string();
    matches!(err, Error::Invalid(_)) && fields.iter().any(|field| message.starts_with(field))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn a_student_is_stored_exactly_or_refused_whole(
        first in hostile_text(),
        last in hostile_text(),
        preferred in hostile_text(),
        number in prop::option::of(prop_oneof!["[0-9]{1,10}", hostile_text()]),
        grade in prop::option::of(-3_i64..20),
    ) {
        let mut conn = open_in_memory().unwrap();
        let before = footprint(&conn);
        let new = NewStudent {
            student_number: number.clone(),
            first_name: first.clone(),
            last_name: last.clone(),
            preferred_name: Some(preferred.clone()),
            grade,
            ..Default::default()
        };
        match write(&mut conn, |tx| students::add(tx, &new, Actor::FrontDesk, now())) {
            Ok(added) => {
                let back = students::get(&conn, added.id).unwrap();
                prop_assert_eq!(back.first_name, first.trim());
                prop_assert_eq!(back.last_name, last.trim());
                prop_assert_eq!(back.preferred_name, preferred.trim());
                prop_assert_eq!(back.student_number.as_deref(), number.as_deref().map(str::trim).filter(|n| !n.is_empty()));
                prop_assert_eq!(back.grade, grade);
            }
            Err(err) => {
                prop_assert!(
                    precise(&err, &["First name", "Last name", "Preferred name", "Student number", "Grade"]),
                    "imprecise refusal: {err}"
                );
                prop_assert_eq!(footprint(&conn), before);
            }
        }
    }

    #[test]
    fn a_session_log_is_stored_exactly_or_refused_whole(
        date in prop_oneof![
            Just("2026-11-20".to_owned()), Just("2026-02-30".to_owned()), Just("2026-13-01".to_owned()),
            Just("2027-01-05".to_owned()), Just("20/11/2026".to_owned()), Just("0000-01-01".to_owned()), hostile_text()
        ],
        start in prop_oneof![Just("08:00".to_owned()), Just("13:45".to_owned()), Just("24:00".to_owned()), Just("07:60".to_owned()), hostile_text()],
        end in prop_oneof![Just("08:30".to_owned()), Just("07:15".to_owned()), Just("23:59".to_owned()), Just("-1:00".to_owned()), hostile_text()],
        mode in prop_oneof![Just("in_person".to_owned()), Just("online".to_owned()), hostile_text()],
        course in hostile_text(),
        teacher in hostile_text(),
        concern in prop_oneof![Just("Organization".to_owned()), hostile_text()],
        notes in hostile_text(),
        next_steps in hostile_text(),
        confidence in prop::option::of(-2_i64..9),
    ) {
        let mut conn = open_in_memory().unwrap();
        let (student, tutor) = write(&mut conn, |tx| {
            let writer = NewStudent { first_name: "Ana".into(), last_name: "Lee".into(), ..Default::default() };
            let student = students::add(tx, &writer, Actor::Director, now())?;
            let tutor = NewTutor { name: "Sam Rivera".into(), kind: "peer".into(), ..Default::default() };
            Ok((student.id, tutors::add(tx, &tutor, Actor::Director, now())?.id))
        }).unwrap();
        let before = footprint(&conn);
        let log = SessionLog {
            student_id: student,
            tutor_ids: vec![tutor],
            date: date.clone(),
            start_time: start,
            end_time: end,
            mode: mode.clone(),
            course: course.clone(),
            teacher_name: teacher.clone(),
            assignment_type: "Other".into(),
            writing_stage: "Drafting".into(),
            concerns: vec![concern],
            notes: notes.clone(),
            next_steps: next_steps.clone(),
            confidence_before: confidence,
            ..Default::default()
        };
        match write(&mut conn, |tx| sessions::log(tx, &log, Actor::Director, now())) {
            Ok(id) => {
                let back = session_records::as_log(&conn, id).unwrap();
                prop_assert_eq!(back.date, date.trim());
                prop_assert_eq!(back.mode, mode);
                prop_assert_eq!(back.course, course.trim());
                prop_assert_eq!(back.teacher_name, teacher.trim());
                prop_assert_eq!(back.notes, notes.trim());
                prop_assert_eq!(back.next_steps, next_steps.trim());
                prop_assert_eq!(back.confidence_before, confidence);
                let minutes: i64 = conn.query_row("SELECT minutes FROM sessions WHERE id = ?1", [id], |r| r.get(0)).unwrap();
                prop_assert!(minutes >= 0);
            }
            Err(err) => {
                prop_assert!(matches!(err, Error::Invalid(_)), "not a correctable refusal: {err:?}");
                prop_assert!(err.to_string().ends_with('.'), "a whole sentence: {err}");
                prop_assert_eq!(footprint(&conn), before);
            }
        }
    }

    #[test]
    fn partners_contacts_and_activities_are_stored_exactly_or_refused_whole(
        name in hostile_text(),
        contact_name in hostile_text(),
        email in prop_oneof![Just("amara@lakeside.example".to_owned()), hostile_text()],
        date in prop_oneof![Just("2026-10-15".to_owned()), Just("2026-02-29".to_owned()), hostile_text()],
        hours in prop_oneof![0.0_f64..200.0, Just(-1.0), Just(f64::NAN), Just(f64::INFINITY), Just(1e12)],
        notes in hostile_text(),
    ) {
        let mut conn = open_in_memory().unwrap();
        let before = footprint(&conn);
        let new = NewInstitution { name: name.clone(), kind: "university_writing_center".into(), notes: String::new() };
        let institution = match write(&mut conn, |tx| partners::add_institution(tx, &new, now())) {
            Ok(institution) => institution,
            Err(err) => {
                prop_assert!(precise(&err, &["Name", "Institution name", "Partner name"]), "imprecise refusal: {err}");
                prop_assert_eq!(footprint(&conn), before);
                return Ok(());
            }
        };
        prop_assert_eq!(&institution.name, name.trim());

        let before = footprint(&conn);
        let contact = NewContact { institution_id: institution.id, name: contact_name.clone(), email: email.clone(), ..Default::default() };
        match write(&mut conn, |tx| partners::add_contact(tx, &contact, now())) {
            Ok(stored) => {
                prop_assert_eq!(stored.name, contact_name.trim());
                prop_assert_eq!(stored.email, email.trim());
            }
            Err(err) => {
                prop_assert!(matches!(err, Error::Invalid(_)) && err.to_string().ends_with('.'), "{err}");
                prop_assert_eq!(footprint(&conn), before);
            }
        }

        let before = footprint(&conn);
        let activity = NewActivity {
            institution_id: institution.id,
            date: date.clone(),
            kind: "visit".into(),
            direction: "given".into(),
            hours,
            notes: notes.clone(),
            ..Default::default()
        };
        match write(&mut conn, |tx| partners::add_activity(tx, &activity, now())) {
            Ok(stored) => {
                prop_assert_eq!(stored.date, date.trim());
                prop_assert_eq!(stored.hours, hours);
                prop_assert_eq!(stored.notes, notes.trim());
            }
            Err(err) => {
                prop_assert!(matches!(err, Error::Invalid(_)) && err.to_string().ends_with('.'), "{err}");
                prop_assert_eq!(footprint(&conn), before);
            }
        }
    }

    #[test]
    fn a_tutor_is_stored_exactly_or_refused_whole(
        name in hostile_text(),
        kind in prop_oneof![Just("peer".to_owned()), Just("university".to_owned()), hostile_text()],
        institution in prop::option::of(-1_i64..3),
    ) {
        let mut conn = open_in_memory().unwrap();
        let before = footprint(&conn);
        let new = NewTutor { name: name.clone(), kind: kind.clone(), institution_id: institution };
        match write(&mut conn, |tx| tutors::add(tx, &new, Actor::Director, now())) {
            Ok(tutor) => {
                prop_assert_eq!(tutor.name, name.trim());
                prop_assert_eq!(tutor.kind.stored(), kind.trim());
            }
            Err(err) => {
                let named = precise(&err, &["Tutor name", "Tutor kind"]) || matches!(err, Error::NotFound(_));
                prop_assert!(named, "imprecise refusal: {err}");
                prop_assert_eq!(footprint(&conn), before);
            }
        }
    }

    #[test]
    fn tutor_hours_are_stored_exactly_or_refused_whole(
        date in prop_oneof![Just("2026-11-20".to_owned()), Just("2026-11-22".to_owned()), Just("2026-02-30".to_owned()), hostile_text()],
        hours in prop_oneof![Just("1.5".to_owned()), Just("0,75".to_owned()), Just("25".to_owned()), Just("1e309".to_owned()), "-?[0-9]{1,3}(\\.[0-9]{1,3})?", hostile_text()],
        kind in prop_oneof![Just("training".to_owned()), Just("outreach".to_owned()), hostile_text()],
        description in hostile_text(),
    ) {
        let (mut conn, tutor) = with_a_tutor();
        let before = footprint(&conn);
        let new = NewHours { tutor_id: tutor, date: date.clone(), hours: hours.clone(), kind: kind.clone(), description: description.clone() };
        match write(&mut conn, |tx| tutor_hours::add(tx, &new, Actor::FrontDesk, now())) {
            Ok(entry) => {
                prop_assert!((15..=1440).contains(&entry.minutes), "{} minutes from {hours:?}", entry.minutes);
                prop_assert_eq!(entry.description, description.trim());
                prop_assert_eq!(entry.kind.stored(), kind.trim());
                prop_assert!(!entry.approved, "a tutor's own entry waits for the director");
            }
            Err(err) => {
                prop_assert!(precise(&err, &["Date", "Hours", "Kind of hours", "What it was"]), "imprecise refusal: {err}");
                prop_assert_eq!(footprint(&conn), before);
            }
        }
    }

    #[test]
    fn a_group_event_is_stored_exactly_or_refused_whole(
        kind in prop_oneof![Just("class_visit".to_owned()), Just("workshop".to_owned()), hostile_text()],
        date in prop_oneof![Just("2026-11-20".to_owned()), Just("2027-01-05".to_owned()), Just("0000-01-01".to_owned()), hostile_text()],
        start in prop_oneof![Just("10:00".to_owned()), Just("24:00".to_owned()), hostile_text()],
        end in prop_oneof![Just("10:50".to_owned()), Just("09:00".to_owned()), hostile_text()],
        teacher in hostile_text(),
        topic in hostile_text(),
        headcount in -5_i64..2100,
        notes in hostile_text(),
    ) {
        let (mut conn, tutor) = with_a_tutor();
        let before = footprint(&conn);
        let new = NewEvent {
            kind: kind.clone(), date, start_time: start, end_time: end, teacher_name: teacher.clone(), topic: topic.clone(),
            headcount, tutor_ids: vec![tutor], notes: notes.clone(), ..Default::default()
        };
        match write(&mut conn, |tx| group_events::add(tx, &new, now())) {
            Ok(event) => {
                let back = group_events::get(&conn, event.id).unwrap();
                prop_assert_eq!(back.topic, topic.trim());
                prop_assert_eq!(back.teacher_name, teacher.trim());
                prop_assert_eq!(back.headcount, headcount);
                prop_assert_eq!(back.tutor_ids, vec![tutor]);
            }
            Err(err) => {
                let fields = ["Event kind", "Date", "Start time", "End time", "Topic", "People reached", "Teacher", "Notes", "An event"];
                prop_assert!(precise(&err, &fields), "imprecise refusal: {err}");
                prop_assert_eq!(footprint(&conn), before);
            }
        }
    }
}
