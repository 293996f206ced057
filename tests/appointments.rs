//! Appointments in the storage layer: every booking rule and its refusal (with nothing written),
//! "any tutor", weekly limits and the director's audited override, cancellations, no-shows and
//! their threshold, check-in at sign-in, a term started from the last one's availability, and
//! a property test that no two appointments ever hold the same writer or tutor at once.

mod support;

use chrono::NaiveDate;
use proptest::prelude::*;
use rusqlite::Connection;
use scriptorium_core::storage::appointments::{self, NewAppointment};
use scriptorium_core::storage::availability;
use scriptorium_core::storage::terms::{self, NewTerm};
use scriptorium_core::storage::{appointment_rules, sessions, shifts, visits, write, Actor};
use scriptorium_core::vocabulary::AppointmentStatus;
use support::appointment_school::{at, book, booking, count, now, period_4_session, school};

#[test]
fn a_booking_is_refused_whole_with_the_rule_it_breaks() {
    let mut school = school();
    let (priya, pedro) = (school.writers[0], school.writers[1]);
    let (sam, uma) = (Some(school.sam), Some(school.uma));
    let booked = book(&mut school, &booking(priya, sam, "2026-11-16", "period 4"), Actor::FrontDesk).unwrap();
    assert_eq!((booked.start.as_str(), booked.end.as_str(), booked.period.as_str()), ("11:45", "12:40", "Period 4"));
    assert_eq!(booked.status, AppointmentStatus::Scheduled);

    let times = |start: &str, end: &str| NewAppointment {
        student_id: pedro,
        tutor_id: sam,
        date: "2026-11-17".into(),
        start: start.into(),
        end: end.into(),
        ..Default::default()
    };
    for (new, message) in [
        (
            booking(priya, uma, "2026-11-16", "Period 4"),
            "Priya Natarajan already has an appointment 11:45–12:40 that day.",
        ),
        (
            booking(pedro, sam, "2026-11-16", "Period 4"),
            "Sam Rivera is already booked 11:45–12:40 with Priya Natarajan.",
        ),
        (booking(pedro, sam, "2026-11-16", "Period 2"), "Sam Rivera doesn't take appointments on Monday 09:00–09:55."),
        (times("09:30", "10:15"), "Sam Rivera doesn't take appointments on Tuesday 09:30–10:15."),
        (times("09:30", "09:00"), "End 09:00 must be after the start 09:30."),
        (times("9.30", "10:00"), "Start \"9.30\" is not a time like 14:05."),
        (booking(pedro, sam, "2026-11-26", "Period 4"), "The writing center is closed on 2026-11-26 (Thanksgiving)."),
        (booking(pedro, sam, "2026-11-21", "Period 4"), "The writing center is closed on Saturdays in Fall 2026."),
        (booking(pedro, sam, "2026-11-09", "Period 4"), "2026-11-09 11:45 is in the past."),
        (
            booking(pedro, sam, "2027-03-01", "Period 4"),
            "2027-03-01 is in no term: set up a term in Settings → Appointments first.",
        ),
        (
            booking(pedro, sam, "2026-11-23", "Period 9"),
            "\"Period 9\" is not a period of the bell schedule (Before school, Period 1,",
        ),
        (booking(pedro, sam, "23/11/2026", "Period 4"), "Date \"23/11/2026\""),
        (booking(999, sam, "2026-11-23", "Period 4"), "No student with id 999."),
        (
            NewAppointment { assignment_type: "Love letter".into(), ..booking(pedro, sam, "2026-11-23", "Period 4") },
            "\"Love letter\" is not one of the assignment types.",
        ),
    ] {
        let err = book(&mut school, &new, Actor::FrontDesk).unwrap_err().to_string();
        assert!(err.starts_with(message), "expected {message:?}, got {err:?}");
    }
    assert_eq!(count(&school.conn), 1, "nothing written on a refusal");
    let term = school.term;
    let err = write(&mut school.conn, |tx| terms::close_day(tx, term, "2027-03-01", "Spring break")).unwrap_err();
    assert_eq!(err.to_string(), "2027-03-01 is not in the term Fall 2026.");
    let audited: i64 =
        school.conn.query_row("SELECT count(*) FROM audit_log WHERE entity = 'appointment'", [], |r| r.get(0)).unwrap();
    assert_eq!(audited, 1);
}

#[test]
fn any_tutor_takes_a_free_tutor_until_none_is_left() {
    let mut school = school();
    let [priya, pedro, zed, _] = school.writers[..] else { unreachable!() };
    let sam = Some(school.sam);
    book(&mut school, &booking(priya, sam, "2026-11-23", "Period 4"), Actor::FrontDesk).unwrap();
    book(&mut school, &booking(pedro, None, "2026-11-23", "Period 4"), Actor::FrontDesk).expect("Uma is free");
    let err = book(&mut school, &booking(zed, None, "2026-11-23", "Period 4"), Actor::FrontDesk).unwrap_err();
    assert_eq!(err.to_string(), "No tutor is free to take an appointment on 2026-11-23 11:45–12:40.");
    let err = book(&mut school, &booking(zed, None, "2026-11-23", "Period 1"), Actor::FrontDesk).unwrap_err();
    assert!(err.to_string().starts_with("No tutor is free"), "nobody takes Period 1: {err}");
}

#[test]
fn the_weekly_limit_holds_at_the_desk_and_the_director_may_book_past_it_audited() {
    let mut school = school();
    let priya = school.writers[0];
    book(&mut school, &booking(priya, None, "2026-11-16", "Period 4"), Actor::FrontDesk).unwrap();
    let tuesday = NewAppointment {
        student_id: priya,
        date: "2026-11-17".into(),
        start: "08:00".into(),
        end: "08:30".into(),
        ..Default::default()
    };
    book(&mut school, &tuesday, Actor::FrontDesk).unwrap();
    let third = NewAppointment { start: "09:00".into(), end: "09:30".into(), override_limit: true, ..tuesday.clone() };
    let err = book(&mut school, &third, Actor::FrontDesk).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Priya Natarajan already has 2 appointments in the week of 2026-11-16 (the limit is 2). The director can book past the limit."
    );
    let overridden = book(&mut school, &third, Actor::Director).unwrap();
    assert!(overridden.limit_overridden);
    let line: String = school
        .conn
        .query_row(
            "SELECT changes FROM audit_log WHERE entity = 'appointment' AND entity_id = ?1",
            [overridden.id],
            |r| r.get(0),
        )
        .unwrap();
    assert!(line.contains("weeklyLimitOverridden"), "{line}");

    // Minutes per week, when set: 30 + 55 + 30 booked; 30 more would pass 120.
    write(&mut school.conn, |tx| {
        let rules =
            appointment_rules::AppointmentRules { per_week: 0, minutes_per_week: 120, ..appointment_rules::get(tx)? };
        appointment_rules::set(tx, &rules)
    })
    .unwrap();
    let fourth = NewAppointment { start: "09:30".into(), end: "10:00".into(), override_limit: false, ..tuesday };
    let err = book(&mut school, &fourth, Actor::Director).unwrap_err();
    assert!(
        err.to_string().contains("would have 145 minutes of appointments in the week of 2026-11-16 (the limit is 120)"),
        "{err}"
    );
}

#[test]
fn cancellations_no_shows_and_the_no_show_threshold() {
    let mut school = school();
    let priya = school.writers[0];
    let sam = Some(school.sam);
    let on = |date: &str| booking(priya, sam, date, "Period 4");
    let early = book(&mut school, &on("2026-11-23"), Actor::FrontDesk).unwrap();
    let cancelled = write(&mut school.conn, |tx| appointments::cancel(tx, early.id, false, Actor::FrontDesk, now()))
        .unwrap()
        .appointment;
    assert_eq!(cancelled.status, AppointmentStatus::Cancelled);
    let again =
        write(&mut school.conn, |tx| appointments::cancel(tx, early.id, false, Actor::FrontDesk, now())).unwrap_err();
    assert_eq!(again.to_string(), "Priya Natarajan's appointment is cancelled: it can't be changed now.");

    let today = book(&mut school, &on("2026-11-16"), Actor::FrontDesk).unwrap();
    let late = write(&mut school.conn, |tx| appointments::cancel(tx, today.id, false, Actor::FrontDesk, at(16, 10, 0)))
        .unwrap();
    assert_eq!(late.appointment.status, AppointmentStatus::CancelledLate, "under two hours before the start");
    let by_tutor = book(&mut school, &on("2026-11-30"), Actor::FrontDesk).unwrap();
    let by_tutor =
        write(&mut school.conn, |tx| appointments::cancel(tx, by_tutor.id, true, Actor::Director, now())).unwrap();
    assert_eq!(by_tutor.appointment.status, AppointmentStatus::CancelledByTutor);

    // Three no-shows (each marked after the 10-minute grace), then the desk can't book.
    for (day, date) in [(16, "2026-11-16"), (23, "2026-11-23"), (30, "2026-11-30")] {
        let appointment = book(&mut school, &on(date), Actor::FrontDesk).unwrap();
        let too_soon = write(&mut school.conn, |tx| {
            appointments::mark_missed(tx, appointment.id, Actor::FrontDesk, at(day, 11, 50))
        });
        assert!(too_soon.unwrap_err().to_string().contains("can be marked missed 10 minutes after that"));
        let missed = write(&mut school.conn, |tx| {
            appointments::mark_missed(tx, appointment.id, Actor::FrontDesk, at(day, 11, 56))
        })
        .unwrap();
        assert_eq!(missed.appointment.status, AppointmentStatus::Missed);
    }
    let err = book(&mut school, &on("2026-12-07"), Actor::FrontDesk).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Priya Natarajan missed 3 appointments this term: new bookings need the director. Priya Natarajan can still walk in."
    );
    book(&mut school, &on("2026-12-07"), Actor::Director).expect("the director may");
}

#[test]
fn signing_in_checks_the_appointment_in_and_a_new_term_starts_from_the_last_ones_availability() {
    let mut school = school();
    let (priya, sam) = (school.writers[0], Some(school.sam));
    let booked = book(
        &mut school,
        &NewAppointment {
            working_on: "Thesis".into(),
            course: "English 10".into(),
            teacher_name: "Ms. Okafor".into(),
            assignment_type: "Argumentative essay".into(),
            ..booking(priya, sam, "2026-11-16", "Period 4")
        },
        Actor::FrontDesk,
    )
    .unwrap();
    // Another writer walked in first; the writer with an appointment still comes first.
    write(&mut school.conn, |tx| visits::sign_in(tx, school.writers[3], at(16, 11, 30))).unwrap();
    let signed = write(&mut school.conn, |tx| {
        let visit = visits::sign_in(tx, priya, at(16, 11, 40))?;
        sessions::signed_in(tx, visit, at(16, 11, 40))
    })
    .unwrap();
    let appointment = signed.appointment.expect("checked in");
    assert_eq!((appointment.id, appointment.status), (booked.id, AppointmentStatus::CheckedIn));
    assert_eq!(signed.visit.id, visits::queue(&school.conn, at(16, 11, 41)).unwrap().open[0].id);
    let visit = visits::get(&school.conn, signed.visit.id).unwrap();
    assert_eq!(visit.requested_tutor_id, sam, "Start offers the booked tutor");
    let booked_for = visit.appointment.expect("the visit carries its appointment");
    assert_eq!((booked_for.time.as_str(), visit.working_on.as_str()), ("11:45–12:40", "Thesis"));
    assert_eq!((booked_for.course.as_str(), booked_for.teacher_name.as_str()), ("English 10", "Ms. Okafor"));
    assert_eq!(booked_for.assignment_type, "Argumentative essay", "the session form starts from the booking");
    let err = write(&mut school.conn, |tx| appointments::mark_missed(tx, booked.id, Actor::FrontDesk, at(16, 12, 0)))
        .unwrap_err();
    assert!(err.to_string().contains("checked in, not scheduled"), "{err}");

    // The session starts and is logged: the appointment follows, and links to the session.
    let visit_id = visit.id;
    let session = write(&mut school.conn, |tx| {
        shifts::clock_in(tx, school.sam, at(16, 11, 0))?;
        visits::start(tx, visit_id, school.sam, at(16, 11, 45))?;
        assert_eq!(appointments::get(tx, booked.id)?.status, AppointmentStatus::InSession);
        sessions::log(tx, &period_4_session(priya, visit_id, school.sam), Actor::FrontDesk, at(16, 12, 31))
    })
    .unwrap();
    let (status, linked): (String, i64) = school
        .conn
        .query_row("SELECT status, session_id FROM appointments WHERE id = ?1", [booked.id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((status.as_str(), linked), ("completed", session));

    let spring = NewTerm {
        name: "Spring 2027".into(),
        first_day: "2027-02-01".into(),
        last_day: "2027-06-11".into(),
        open_weekdays: vec![0, 1, 2, 3],
        copy_availability_from: Some(school.term),
        ..Default::default()
    };
    let spring = write(&mut school.conn, |tx| terms::add(tx, &spring, now())).unwrap();
    assert_eq!(spring.open_weekdays, [0, 1, 2, 3]);
    assert_eq!(availability::get(&school.conn, spring.id, school.sam).unwrap().len(), 2);
    assert_eq!(availability::get(&school.conn, spring.id, school.uma).unwrap().len(), 1);
    let overlapping = NewTerm {
        name: "Winter".into(),
        first_day: "2027-01-15".into(),
        last_day: "2027-02-15".into(),
        open_weekdays: vec![0],
        ..Default::default()
    };
    let err = write(&mut school.conn, |tx| terms::add(tx, &overlapping, now())).unwrap_err();
    assert_eq!(err.to_string(), "These dates overlap the term Fall 2026.");
    let clash = "Wed 10:00-11:00\nWed 10:30-12:00";
    let err = write(&mut school.conn, |tx| availability::set(tx, spring.id, school.uma, clash)).unwrap_err();
    assert_eq!(err.to_string(), "Uma Brooks's times 10:00–11:00 and 10:30–12:00 on the same day overlap.");
    assert_eq!(availability::get(&school.conn, spring.id, school.uma).unwrap().len(), 1, "kept as it was");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever is asked for (writers, tutors or any, days, times and lengths), what is stored
    /// never holds one writer or one tutor twice at the same time.
    #[test]
    fn no_two_appointments_hold_a_writer_or_a_tutor_at_once(
        asks in prop::collection::vec((0_usize..4, 0_usize..3, 0_i64..10, 420_i64..1000, 5_i64..120), 1..25)
    ) {
        let mut school = school();
        let (sam, uma) = (Some(school.sam), Some(school.uma));
        // Both tutors take appointments all day on weekdays, so most asks are bookable and
        // clash with each other.
        let all_day = "Mon 07:00-17:00\nTue 07:00-17:00\nWed 07:00-17:00\nThu 07:00-17:00\nFri 07:00-17:00";
        write(&mut school.conn, |tx| {
            availability::set(tx, school.term, school.sam, all_day)?;
            availability::set(tx, school.term, school.uma, all_day)
        }).unwrap();
        let minute = |m: i64| format!("{:02}:{:02}", m / 60, m % 60);
        // One ask that is always bookable, so every case stores something to check.
        let first = (0, 0, 1, 600, 30);
        for (writer, tutor, day, start, length) in std::iter::once(first).chain(asks) {
            let tutor = [sam, uma, None][tutor];
            let date = NaiveDate::from_ymd_opt(2026, 11, 16).unwrap() + chrono::Duration::days(day);
            let new = NewAppointment {
                student_id: school.writers[writer],
                tutor_id: tutor,
                date: date.to_string(),
                start: minute(start),
                end: minute((start + length).min(1439)),
                ..Default::default()
            };
            let _ = book(&mut school, &new, Actor::Director);
        }
        prop_assert!(count(&school.conn) >= 1);
        for column in ["student_id", "tutor_id"] {
            let clashes: i64 = school.conn.query_row(
                &format!(
                    "SELECT count(*) FROM appointments a JOIN appointments b ON a.id < b.id AND a.{column} = b.{column}
                     AND a.day = b.day AND a.start_minute < b.end_minute AND b.start_minute < a.end_minute
                     WHERE a.status IN ('scheduled', 'checked_in', 'in_session') AND b.status IN ('scheduled', 'checked_in', 'in_session')"
                ),
                [],
                |r| r.get(0),
            ).unwrap();
            prop_assert_eq!(clashes, 0, "{} booked twice at once", column);
        }
    }
}

#[test]
fn the_desk_expects_todays_writers_and_asks_missed_once_the_grace_period_is_over() {
    let mut school = school();
    let (priya, sam) = (school.writers[0], Some(school.sam));
    let booked = book(&mut school, &booking(priya, sam, "2026-11-16", "Period 4"), Actor::FrontDesk).unwrap();
    let queue = |conn: &Connection, h, m| visits::queue(conn, at(16, h, m)).unwrap().expected;
    let before = queue(&school.conn, 11, 50);
    assert_eq!((before.len(), before[0].appointment.id, before[0].overdue), (1, booked.id, false));
    assert!(queue(&school.conn, 11, 55)[0].overdue, "ten minutes after the start");
    assert!(visits::queue(&school.conn, at(17, 9, 0)).unwrap().expected.is_empty(), "only today's");
    write(&mut school.conn, |tx| appointments::mark_missed(tx, booked.id, Actor::FrontDesk, at(16, 11, 55))).unwrap();
    assert!(queue(&school.conn, 11, 56).is_empty(), "a missed appointment is no longer expected");
}
