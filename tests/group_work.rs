//! Group work and the tutors' own record: events kept apart from sessions, hours beyond shifts
//! with the director's approval, a service record whose totals were worked out by hand, and
//! writers' feedback stored with no way back to a writer or a session.

mod support;

use rusqlite::Connection;
use scriptorium_core::clock::Days;
use scriptorium_core::export::reports;
use scriptorium_core::storage::feedback::{self, Answers};
use scriptorium_core::storage::group_events::{self, NewEvent};
use scriptorium_core::storage::partners::{self, NewActivity, NewInstitution};
use scriptorium_core::storage::service_record;
use scriptorium_core::storage::sessions::{self, SessionLog};
use scriptorium_core::storage::tutor_hours::{self, NewHours};
use scriptorium_core::storage::tutors::{self, NewTutor};
use scriptorium_core::storage::{open_in_memory, settings, shifts, stats, write, Actor};
use support::week_fixture::{self, at};
use support::TestDir;

fn school() -> (Connection, i64) {
    let mut conn = open_in_memory().unwrap();
    week_fixture::build(&mut conn);
    let rae = write(&mut conn, |tx| {
        let rae = NewTutor { name: "Rae Okonkwo".into(), kind: "peer".into(), ..Default::default() };
        tutors::add(tx, &rae, Actor::Director, at("2026-09-01", "08:00")).map(|t| t.id)
    })
    .unwrap();
    (conn, rae)
}

fn class_visit(tutor_ids: Vec<i64>) -> NewEvent {
    NewEvent {
        kind: "class_visit".into(),
        date: "2026-11-18".into(),
        start_time: "10:00".into(),
        end_time: "10:50".into(),
        teacher_name: "Ms. Alvarez".into(),
        course: "English 9".into(),
        period: "Period 3".into(),
        topic: "Thesis statements".into(),
        headcount: 28,
        tutor_ids,
        ..Default::default()
    }
}

fn lakeside(conn: &mut Connection) -> i64 {
    let new = NewInstitution {
        name: "Lakeside University".into(),
        kind: "university_writing_center".into(),
        notes: String::new(),
    };
    write(conn, |tx| partners::add_institution(tx, &new, at("2026-12-01", "08:00")).map(|p| p.id)).unwrap()
}

fn year() -> Days {
    Days::typed("2026-08-01", "2027-07-31").unwrap()
}

#[test]
fn an_event_is_counted_apart_from_sessions_and_corrected_with_an_audit_line() {
    let (mut conn, rae) = school();
    let before = stats::dashboard(&conn, chrono::NaiveDate::from_ymd_opt(2026, 11, 18).unwrap()).unwrap();
    let later = at("2026-12-01", "08:00");
    let event = write(&mut conn, |tx| group_events::add(tx, &class_visit(vec![rae, 1]), later)).unwrap();
    assert_eq!((event.minutes, event.teacher_name.as_str(), event.tutor_names.len()), (50, "Ms. Alvarez", 2));

    let after = stats::dashboard(&conn, chrono::NaiveDate::from_ymd_opt(2026, 11, 18).unwrap()).unwrap();
    assert_eq!(after.this_week, before.this_week, "sessions, writers and minutes are unchanged by an event");
    let week = after.events.weeks.iter().find(|w| w.week_start == "2026-11-16").unwrap();
    assert_eq!((week.events, week.people), (1, 28));
    assert_eq!(after.events.by_teacher[0].label, "Ms. Alvarez");
    assert_eq!(after.events.by_kind[0].label, "Class visit");

    // Refusals change nothing.
    let mut future = class_visit(vec![rae]);
    future.date = "2027-01-05".into();
    let err = write(&mut conn, |tx| group_events::add(tx, &future, later)).unwrap_err().to_string();
    assert!(err.starts_with("An event is recorded once it has happened"), "{err}");
    let mut backwards = class_visit(vec![rae]);
    backwards.end_time = "09:00".into();
    let err = write(&mut conn, |tx| group_events::add(tx, &backwards, later)).unwrap_err().to_string();
    assert_eq!(err, "End time 09:00 must be after the start time 10:00.");
    let mut nobody = class_visit(vec![]);
    nobody.headcount = 0;
    let err = write(&mut conn, |tx| group_events::add(tx, &nobody, later)).unwrap_err().to_string();
    assert_eq!(err, "People reached must be between 1 and 2,000, not 0.");
    assert_eq!(group_events::list(&conn, year()).unwrap().len(), 1);

    let mut corrected = class_visit(vec![rae]);
    corrected.headcount = 31;
    write(&mut conn, |tx| group_events::correct(tx, event.id, &corrected, later)).unwrap();
    let audited: String = conn
        .query_row("SELECT changes FROM audit_log WHERE entity = 'group_event' AND action = 'update'", [], |r| r.get(0))
        .unwrap();
    assert!(audited.contains("\"headcount\":[28,31]") && audited.contains("\"tutors\""), "{audited}");
    // Sam no longer led it: his hours from it are gone, Rae's follow the event.
    let sam = tutor_hours::of_tutor(&conn, 1, year()).unwrap();
    assert!(sam.is_empty(), "{sam:?}");
    write(&mut conn, |tx| group_events::delete(tx, event.id, "Entered twice", later)).unwrap();
    assert!(group_events::list(&conn, year()).unwrap().is_empty());
    assert!(tutor_hours::of_tutor(&conn, rae, year()).unwrap().is_empty(), "its hours went with it");
}

#[test]
fn a_partner_linked_event_goes_into_the_partnership_log_in_the_same_step() {
    let (mut conn, rae) = school();
    let partner = lakeside(&mut conn);
    let mut workshop = class_visit(vec![rae]);
    workshop.kind = "workshop".into();
    workshop.teacher_name = String::new();
    workshop.institution_id = Some(partner);
    workshop.partner_log = "received".into();
    let mut no_partner = workshop.clone();
    no_partner.institution_id = None;
    let err = write(&mut conn, |tx| group_events::add(tx, &no_partner, at("2026-12-01", "08:00"))).unwrap_err();
    assert_eq!(err.to_string(), "Choose the partner to log it with.");
    write(&mut conn, |tx| group_events::add(tx, &workshop, at("2026-12-01", "08:00"))).unwrap();
    let log = partners::activities(&conn, Some(partner), year()).unwrap();
    assert_eq!(log.len(), 1);
    let line = &log[0];
    assert_eq!(
        (line.date.as_str(), line.hours, line.notes.as_str()),
        ("2026-11-18", 0.83, "Workshop: Thesis statements")
    );
    assert_eq!((line.kind.label(), line.direction.label()), ("Other", "Received from the partner"));
}

#[test]
fn a_partner_linked_event_corrected_or_deleted_takes_its_log_line_with_it() {
    let (mut conn, rae) = school();
    let partner = lakeside(&mut conn);
    let later = at("2026-12-01", "08:00");
    let log_lines = |conn: &Connection| -> Vec<(String, f64, String, String)> {
        partners::activities(conn, None, year())
            .unwrap()
            .into_iter()
            .map(|a| (a.date, a.hours, a.people, a.notes))
            .collect()
    };
    let own_line = NewActivity {
        institution_id: partner,
        date: "2026-11-18".into(),
        kind: "tutor_training".into(),
        direction: "received".into(),
        hours: 2.0,
        people: "Dr. Okafor".into(),
        notes: "Workshop: Thesis statements".into(),
        ..Default::default()
    };
    write(&mut conn, |tx| partners::add_activity(tx, &own_line, later)).unwrap();
    let mut visit = class_visit(vec![rae]);
    visit.institution_id = Some(partner);
    visit.partner_log = "given".into();
    let event = write(&mut conn, |tx| group_events::add(tx, &visit, later)).unwrap();
    let own = ("2026-11-18".to_owned(), 2.0, "Dr. Okafor".to_owned(), "Workshop: Thesis statements".to_owned());
    let visit_line = |date: &str, hours: f64, people: &str, notes: &str| {
        (date.to_owned(), hours, people.to_owned(), notes.to_owned())
    };
    assert_eq!(
        log_lines(&conn),
        [visit_line("2026-11-18", 0.83, "28 people", "Class visit: Thesis statements"), own.clone()]
    );

    // Corrected: another day, an hour and a half, 31 people, a workshop. The director's own line
    // of the same day and words is not the event's, and stays as it was.
    let mut corrected = visit.clone();
    corrected.partner_log = String::new();
    (corrected.date, corrected.end_time, corrected.headcount, corrected.kind) =
        ("2026-11-19".into(), "11:30".into(), 31, "workshop".into());
    write(&mut conn, |tx| group_events::correct(tx, event.id, &corrected, later)).unwrap();
    assert_eq!(
        log_lines(&conn),
        [visit_line("2026-11-19", 1.5, "31 people", "Workshop: Thesis statements"), own.clone()]
    );
    let kinds: Vec<String> =
        partners::activities(&conn, None, year()).unwrap().iter().map(|a| a.kind.label().into()).collect();
    assert_eq!(kinds, ["Other", "Tutor training"]);

    // No partner any more: the line leaves the partner's log, and the audit says so.
    corrected.institution_id = None;
    write(&mut conn, |tx| group_events::correct(tx, event.id, &corrected, later)).unwrap();
    assert_eq!(log_lines(&conn), std::slice::from_ref(&own));
    let audited: String = conn
        .query_row(
            "SELECT changes FROM audit_log WHERE entity = 'group_event' AND action = 'update' ORDER BY id DESC",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(audited.contains(r#""partnership log":["Workshop: Thesis statements",null]"#), "{audited}");

    // Deleted: an event logged with the partner takes its line with it.
    let event = write(&mut conn, |tx| group_events::add(tx, &visit, later)).unwrap();
    assert_eq!(log_lines(&conn).len(), 2);
    write(&mut conn, |tx| group_events::delete(tx, event.id, "Entered twice", later)).unwrap();
    assert_eq!(log_lines(&conn), [own]);
    let audited: String = conn
        .query_row("SELECT changes FROM audit_log WHERE entity = 'group_event' AND action = 'delete'", [], |r| r.get(0))
        .unwrap();
    assert!(audited.contains(r#""partnership log":["Class visit: Thesis statements",null]"#), "{audited}");
}

#[test]
fn the_service_record_adds_shifts_and_approved_hours_as_worked_out_by_hand() {
    let (mut conn, rae) = school();
    let later = at("2026-12-01", "08:00");
    write(&mut conn, |tx| {
        // Shifts: 90 and 60 minutes.
        shifts::clock_in(tx, rae, at("2026-11-16", "08:00"))?;
        shifts::clock_out(tx, rae, at("2026-11-16", "09:30"))?;
        shifts::clock_in(tx, rae, at("2026-11-17", "12:00"))?;
        shifts::clock_out(tx, rae, at("2026-11-17", "13:00"))?;
        // One 30-minute session during the first shift.
        let log = SessionLog {
            student_id: 1,
            tutor_ids: vec![rae],
            date: "2026-11-16".into(),
            start_time: "08:30".into(),
            end_time: "09:00".into(),
            mode: "in_person".into(),
            assignment_type: "Other".into(),
            writing_stage: "Drafting".into(),
            concerns: vec!["Voice".into()],
            ..Default::default()
        };
        sessions::log(tx, &log, Actor::Director, later)?;
        // A 50-minute class visit gives Rae 50 minutes at once.
        group_events::add(tx, &class_visit(vec![rae]), later)?;
        Ok(())
    })
    .unwrap();
    let hours = |date: &str, hours: &str, kind: &str| NewHours {
        tutor_id: rae,
        date: date.into(),
        hours: hours.into(),
        kind: kind.into(),
        description: format!("{kind} on {date}"),
    };
    // The director's 1.5 hours of training count; Rae's own hour of outreach waits.
    write(&mut conn, |tx| tutor_hours::add(tx, &hours("2026-11-04", "1.5", "training"), Actor::Director, later))
        .unwrap();
    let outreach =
        write(&mut conn, |tx| tutor_hours::add(tx, &hours("2026-11-20", "1", "outreach"), Actor::FrontDesk, later))
            .unwrap();
    assert!(!outreach.approved);
    let record = service_record::service_record(&conn, rae, year()).unwrap();
    assert_eq!((record.shifts.len(), record.shift_minutes), (2, 150));
    assert_eq!((record.sessions, record.session_minutes), (1, 30));
    assert_eq!(record.other_by_kind, [("Training", 90), ("Workshop led", 0), ("Class visit", 50), ("Outreach", 0)]);
    assert_eq!(record.total_minutes, 150 + 90 + 50, "shifts and approved hours; the session is inside a shift");

    let waiting = tutor_hours::waiting(&conn).unwrap();
    assert_eq!(waiting.iter().map(|w| w.id).collect::<Vec<_>>(), [outreach.id]);
    write(&mut conn, |tx| tutor_hours::approve(tx, outreach.id, later)).unwrap();
    let again = write(&mut conn, |tx| tutor_hours::approve(tx, outreach.id, later)).unwrap_err();
    assert_eq!(again.to_string(), "These hours are already approved.");
    let audited: String = conn
        .query_row("SELECT changes FROM audit_log WHERE entity = 'tutor_hours' AND action = 'update'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(audited, r#"{"approved":[false,true]}"#);
    let record = service_record::service_record(&conn, rae, year()).unwrap();
    assert_eq!(record.total_minutes, 150 + 90 + 50 + 60);
    let named = settings::StatsSettings {
        school_name: "Lincoln High School".into(),
        ..settings::stats_settings(&conn).unwrap()
    };
    settings::set_stats_settings(&conn, &named).unwrap();
    let printed = service_record::active_peer_records(&conn, year()).unwrap();
    assert_eq!(printed[0].school_name, "Lincoln High School", "the sheet names the school");
    assert_eq!(printed.iter().map(|r| r.tutor_name.as_str()).collect::<Vec<_>>(), ["Rae Okonkwo", "Sam Rivera"]);

    // The partner's service hours report has the approved hours in their own columns.
    let dir = TestDir::new("service-hours-other");
    let partner = lakeside(&mut conn);
    reports::service_hours(&conn, partner, true, year(), &dir.join("hours.csv")).unwrap();
    let text = std::fs::read_to_string(dir.join("hours.csv")).unwrap();
    assert!(
        text.contains("\"Training hours\",\"Workshop hours led\",\"Class visit hours\",\"Outreach hours\""),
        "{text}"
    );
    assert!(
        text.contains("\"Rae Okonkwo\",\"Peer tutor\",\"This school\",2,2.50,0,1,0.50,1.50,0.00,0.83,1.00"),
        "{text}"
    );
}

#[test]
fn hours_a_tutor_types_are_checked_and_nothing_is_stored_when_refused() {
    let (mut conn, rae) = school();
    let later = at("2026-12-01", "08:00");
    for (hours, date, kind, expected) in [
        ("two", "2026-11-20", "training", "Hours must be a number such as 1.5, not \"two\"."),
        ("30", "2026-11-20", "training", "Hours must be between 0.25 and 24, not 30."),
        ("1", "2026-12-02", "training", "Hours are entered once served: 2026-12-02 is after today."),
        (
            "1",
            "2026-11-20",
            "napping",
            "Kind of hours must be one of: training, workshop, class_visit, outreach (not \"napping\").",
        ),
    ] {
        let new = NewHours {
            tutor_id: rae,
            date: date.into(),
            hours: hours.into(),
            kind: kind.into(),
            description: "x".into(),
        };
        let err = write(&mut conn, |tx| tutor_hours::add(tx, &new, Actor::FrontDesk, later)).unwrap_err();
        assert_eq!(err.to_string(), expected);
    }
    assert!(tutor_hours::of_tutor(&conn, rae, year()).unwrap().is_empty());
}

#[test]
fn feedback_is_kept_as_weekly_counts_with_no_way_back_to_a_writer_or_session() {
    let (mut conn, _) = school();
    let answers = |helpful: &str| {
        Answers([("helpful".to_owned(), helpful.to_owned()), ("return".to_owned(), "Yes".to_owned())].into())
    };
    for i in 0..14 {
        let helpful = if i < 12 { "Very helpful" } else { "Not really" };
        write(&mut conn, |tx| feedback::record(tx, &answers(helpful), at("2026-11-18", "10:00"))).unwrap();
    }
    // What is stored: counts per week, question and answer. No writer, session or time.
    let columns: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('writer_feedback_counts') ORDER BY cid")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(columns, ["iso_week", "question", "answer", "responses"]);
    let rows: Vec<(i64, String, String, i64)> = conn
        .prepare("SELECT * FROM writer_feedback_counts ORDER BY question, answer")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        rows,
        [
            (202647, "helpful".into(), "Not really".into(), 2),
            (202647, "helpful".into(), "Very helpful".into(), 12),
            (202647, "return".into(), "Yes".into(), 14)
        ]
    );

    // Shown with small counts suppressed: the 2 "not really" answers, and with them the next
    // smallest count (else 14 - 12 would give them away): 2 is then split in an unknown way.
    let tallies = feedback::tallies(&conn, year(), settings::suppression_threshold(&conn).unwrap()).unwrap();
    let helpful = &tallies[0];
    assert_eq!(helpful.responses, Some(14));
    assert_eq!(helpful.answers, [("Very helpful", Some(12)), ("Somewhat", None), ("Not really", None)]);
    let came_back = &tallies[1];
    assert_eq!(came_back.answers, [("Yes", Some(14)), ("Maybe", Some(0)), ("No", Some(0))]);
    let helped_most = &tallies[2];
    assert_eq!(helped_most.responses, None, "nobody answered it");

    let bad = Answers([("helpful".to_owned(), "Amazing".to_owned())].into());
    let err = write(&mut conn, |tx| feedback::record(tx, &bad, at("2026-11-18", "10:00"))).unwrap_err();
    assert_eq!(err.to_string(), "\"Amazing\" is not an answer to \"Was this session helpful?\".");
    feedback::set_asked(&conn, false).unwrap();
    let err = write(&mut conn, |tx| feedback::record(tx, &answers("Somewhat"), at("2026-11-18", "10:00"))).unwrap_err();
    assert_eq!(err.to_string(), "Feedback is turned off in Settings.");
    let total: i64 = conn.query_row("SELECT sum(responses) FROM writer_feedback_counts", [], |r| r.get(0)).unwrap();
    assert_eq!(total, 28, "refused answers added nothing");
}

#[test]
fn the_partner_summary_counts_events_and_people_apart_and_hides_small_headcounts() {
    let (mut conn, rae) = school();
    let later = at("2026-12-01", "08:00");
    let mut small = class_visit(vec![rae]);
    small.date = "2026-11-10".into();
    small.headcount = 6;
    write(&mut conn, |tx| {
        group_events::add(tx, &class_visit(vec![rae]), later)?;
        group_events::add(tx, &small, later)
    })
    .unwrap();
    let partner = lakeside(&mut conn);
    let dir = TestDir::new("summary-events");
    let path = dir.join("summary.csv");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    reports::weekly_summary(&conn, partner, Days::typed("2026-11-09", "2026-11-22").unwrap(), today, &path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header[header.len() - 2..], ["\"Group events\"", "\"People reached at group events\""]);
    let cells = |line: &str| line.split(',').map(str::to_owned).collect::<Vec<_>>();
    let w46 = cells(lines.next().unwrap());
    let w47 = cells(lines.next().unwrap());
    assert_eq!(w46[w46.len() - 2..], ["\"suppressed\"", "\"suppressed\""], "6 people, under k = 10");
    assert_eq!(w47[w47.len() - 2..], ["1", "28"]);
    assert_eq!(w47[1], "\"suppressed\"", "the week's 5 sessions stay hidden, events or not");
}
