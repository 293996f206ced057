//! The schedule around bookings: tutors away (one day, repeating, or the whole center), A/B day
//! rotations, the waitlist offered a freed time, the week grid, appointments in the weekly
//! statistics and the partner summary, and a property test of the typed weekly times.

mod support;

use proptest::prelude::*;
use scriptorium_core::clock;
use scriptorium_core::export::weekly_summary;
use scriptorium_core::storage::appointments::{self, NewAppointment};
use scriptorium_core::storage::availability;
use scriptorium_core::storage::availability_exceptions::{self as exceptions, NewException};
use scriptorium_core::storage::sessions;
use scriptorium_core::storage::terms::{self, NewTerm};
use scriptorium_core::storage::waitlist::{self, NewWaiting};
use scriptorium_core::storage::{appointment_rules, appointment_stats};
use scriptorium_core::storage::{shifts, visits, write, Actor};
use support::appointment_school::{at, book, booking, count, now, period_4_session, school, School};

fn clock_day(date: &str) -> i64 {
    clock::day_number(clock::parse_date("Date", date).unwrap())
}

fn except(school: &mut School, new: NewException) -> Result<i64, String> {
    write(&mut school.conn, |tx| exceptions::add(tx, &NewException { term_id: school.term, ..new }, now()))
        .map(|added| added.booked_in_it)
        .map_err(|e| e.to_string())
}

fn refusal(school: &mut School, new: &NewAppointment) -> String {
    book(school, new, Actor::FrontDesk).unwrap_err().to_string()
}

#[test]
fn a_tutor_away_or_the_center_closed_refuses_bookings_then() {
    let mut school = school();
    let [priya, pedro, zed, ana] = [0, 1, 2, 3].map(|i| school.writers[i]);
    let (sam, uma) = (Some(school.sam), Some(school.uma));
    book(&mut school, &booking(priya, sam, "2026-11-23", "Period 4"), Actor::FrontDesk).unwrap();

    // One day away: the booking already made that day is counted for the director.
    let one_day = NewException {
        tutor_id: sam,
        first_day: "2026-11-23".into(),
        reason: "Field trip".into(),
        ..Default::default()
    };
    assert_eq!(except(&mut school, one_day), Ok(1));
    assert_eq!(
        refusal(&mut school, &booking(pedro, sam, "2026-11-23", "Period 4")),
        "Sam Rivera is away on 2026-11-23 all day (Field trip)."
    );
    // Repeating: every Monday in December, Period 4 only.
    let mondays = NewException {
        tutor_id: sam,
        first_day: "2026-11-30".into(),
        last_day: "2026-12-21".into(),
        weekday: Some(0),
        period: "Period 4".into(),
        reason: "Yearbook".into(),
        ..Default::default()
    };
    assert_eq!(except(&mut school, mondays), Ok(0));
    for monday in ["2026-11-30", "2026-12-07", "2026-12-21"] {
        assert_eq!(
            refusal(&mut school, &booking(pedro, sam, monday, "Period 4")),
            format!("Sam Rivera is away on {monday} 11:45–12:40 (Yearbook).")
        );
    }
    assert!(book(&mut school, &booking(pedro, sam, "2027-01-04", "Period 4"), Actor::FrontDesk).is_ok(), "after it");
    // Any tutor skips the one away.
    let any = book(&mut school, &booking(zed, None, "2026-12-07", "Period 4"), Actor::FrontDesk).unwrap();
    assert_eq!(any.tutor_id, None);
    assert_eq!(
        refusal(&mut school, &booking(ana, None, "2026-12-07", "Period 4")),
        "No tutor is free to take an appointment on 2026-12-07 11:45–12:40."
    );
    // The whole center, one period.
    let assembly = NewException {
        first_day: "2026-12-14".into(),
        start: "11:30".into(),
        end: "12:00".into(),
        reason: "Assembly".into(),
        ..Default::default()
    };
    assert_eq!(except(&mut school, assembly), Ok(0));
    assert_eq!(
        refusal(&mut school, &booking(pedro, uma, "2026-12-14", "Period 4")),
        "The writing center is closed on 2026-12-14 11:30–12:00 (Assembly)."
    );

    let before = count(&school.conn);
    for (wrong, message) in [
        (
            NewException { first_day: "2027-03-01".into(), ..Default::default() },
            "The days must be within the term Fall 2026 (2026-11-02 to 2027-01-29).",
        ),
        (
            NewException { first_day: "2026-12-10".into(), last_day: "2026-12-01".into(), ..Default::default() },
            "The last day 2026-12-01 is before the first day 2026-12-10.",
        ),
        (
            NewException {
                first_day: "2026-12-10".into(),
                start: "12:00".into(),
                end: "11:00".into(),
                ..Default::default()
            },
            "End 11:00 must be after the start 12:00.",
        ),
        (
            NewException { first_day: "2026-12-10".into(), period: "Period 9".into(), ..Default::default() },
            "\"Period 9\" is not a period of the bell schedule.",
        ),
        (
            NewException { first_day: "2026-12-10".into(), weekday: Some(7), ..Default::default() },
            "Weekday 7 is not 0 (Monday) to 6 (Sunday).",
        ),
        (
            NewException { first_day: "12/10/2026".into(), ..Default::default() },
            "First day \"12/10/2026\" is not a date like 2026-11-22.",
        ),
    ] {
        assert_eq!(except(&mut school, wrong), Err(message.to_owned()));
    }
    let listed = exceptions::list(&school.conn, school.term).unwrap();
    assert_eq!(listed.len(), 3, "the refused ones wrote nothing");
    assert_eq!((listed[1].who.as_str(), listed[1].days.as_str()), ("Sam Rivera", "Mondays 2026-11-30 to 2026-12-21"));
    assert_eq!((listed[2].who.as_str(), listed[2].time.as_str()), ("The writing center", "11:30–12:00"));
    assert_eq!(count(&school.conn), before);
    write(&mut school.conn, |tx| exceptions::remove(tx, listed[2].id)).unwrap();
    assert!(book(&mut school, &booking(pedro, uma, "2026-12-14", "Period 4"), Actor::FrontDesk).is_ok(), "removed");
}

#[test]
fn on_a_rotation_day_types_take_turns_over_open_days_and_tutors_give_times_by_type() {
    let mut school = school();
    let rotation = NewTerm {
        name: "Spring 2027".into(),
        first_day: "2027-02-01".into(),
        last_day: "2027-06-11".into(),
        open_weekdays: vec![0, 1, 2, 3, 4],
        day_cycle: "A, B".into(),
        ..Default::default()
    };
    let spring = write(&mut school.conn, |tx| {
        let spring = terms::add(tx, &rotation, now())?;
        terms::close_day(tx, spring.id, "2027-02-03", "Snow day")?;
        availability::set(tx, spring.id, school.sam, "A Period 4\nFri 08:00-09:00")?;
        Ok(spring)
    })
    .unwrap();
    assert_eq!(spring.day_types, ["A", "B"]);
    assert_eq!(availability::typed(&school.conn, spring.id, school.sam).unwrap(), "Fri 08:00-09:00\nA 11:45-12:40");
    // Mon 1 A, Tue 2 B, Wed 3 closed (takes no turn), Thu 4 A, Fri 5 B, Mon 8 A.
    let day_type = |date: &str| terms::open_on(&school.conn, clock_day(date)).unwrap().day_type;
    assert_eq!(
        ["2027-02-01", "2027-02-02", "2027-02-04", "2027-02-05", "2027-02-08"].map(day_type),
        ["A", "B", "A", "B", "A"]
    );

    let (priya, pedro, sam) = (school.writers[0], school.writers[1], Some(school.sam));
    assert!(book(&mut school, &booking(priya, sam, "2027-02-04", "Period 4"), Actor::FrontDesk).is_ok(), "an A day");
    assert_eq!(
        refusal(&mut school, &booking(pedro, sam, "2027-02-05", "Period 4")),
        "Sam Rivera doesn't take appointments on Friday (B day) 11:45–12:40."
    );
    assert!(book(&mut school, &booking(pedro, sam, "2027-02-05", "Period 1"), Actor::FrontDesk).is_ok());

    for (cycle, message) in [
        ("A", "A rotation has 2 to 6 day types separated by commas, like \"A, B\"; \"A\" has 1."),
        ("A, a", "The day type \"a\" is named twice."),
        ("Red, Mon", "A day type can't be called \"Mon\": that is a weekday."),
    ] {
        let term = NewTerm {
            name: "Summer".into(),
            first_day: "2027-07-01".into(),
            last_day: "2027-07-30".into(),
            open_weekdays: vec![0],
            day_cycle: cycle.into(),
            ..Default::default()
        };
        let err = write(&mut school.conn, |tx| terms::add(tx, &term, now())).unwrap_err();
        assert_eq!(err.to_string(), message);
    }
    let err = write(&mut school.conn, |tx| availability::set(tx, spring.id, school.uma, "C 08:00-09:00")).unwrap_err();
    assert_eq!(err.to_string(), "\"C 08:00-09:00\" is not a weekly time like \"Mon 11:45-12:40\" or \"A Lunch\".");
}

#[test]
fn a_freed_time_is_offered_to_the_writers_waiting_and_booking_or_signing_in_serves_them() {
    let mut school = school();
    let [priya, pedro, zed, ana] = [0, 1, 2, 3].map(|i| school.writers[i]);
    let (sam, uma) = (Some(school.sam), Some(school.uma));
    let taken = book(&mut school, &booking(priya, sam, "2026-11-23", "Period 4"), Actor::FrontDesk).unwrap();
    book(&mut school, &booking(zed, uma, "2026-11-23", "Period 4"), Actor::FrontDesk).unwrap();
    let wait = |school: &mut School, student_id, tutor_id: Option<i64>, date: &str| {
        let new = NewWaiting { student_id, tutor_id, date: date.into(), note: "Essay due Friday".into() };
        write(&mut school.conn, |tx| waitlist::add(tx, &new, now())).map_err(|e| e.to_string())
    };
    let pedro_waits = wait(&mut school, pedro, sam, "2026-11-23").unwrap();
    let ana_waits = wait(&mut school, ana, uma, "2026-11-23").unwrap();
    for (who, tutor, date, message) in [
        (pedro, None, "2026-11-23", "Pedro Alvarez is already waiting on 2026-11-23."),
        (priya, None, "2026-11-23", "Priya Natarajan already has an appointment on 2026-11-23."),
        (pedro, None, "2026-11-13", "2026-11-13 is in the past."),
        (pedro, None, "2026-11-26", "The writing center is closed on 2026-11-26 (Thanksgiving)."),
    ] {
        assert_eq!(wait(&mut school, who, tutor, date), Err(message.to_owned()));
    }

    // Sam's writer cancels: Pedro (waiting for Sam) is offered the time, Ana (for Uma) is not.
    let freed =
        write(&mut school.conn, |tx| appointments::cancel(tx, taken.id, false, Actor::FrontDesk, now())).unwrap();
    assert_eq!(freed.waiting.iter().map(|w| w.student_name.as_str()).collect::<Vec<_>>(), ["Pedro Alvarez"]);
    assert_eq!(freed.waiting[0].note, "Essay due Friday");
    book(&mut school, &booking(pedro, sam, "2026-11-23", "Period 4"), Actor::FrontDesk).unwrap();
    let day = clock_day("2026-11-23");
    assert_eq!(waitlist::on_day(&school.conn, day).unwrap().iter().map(|w| w.id).collect::<Vec<_>>(), [ana_waits.id]);
    assert_eq!(waitlist::get(&school.conn, pedro_waits.id).unwrap().status.stored(), "served");

    // Ana walks in that day instead: signing her in serves her too.
    write(&mut school.conn, |tx| {
        let visit = visits::sign_in(tx, ana, at(23, 9, 0))?;
        sessions::signed_in(tx, visit, at(23, 9, 0))
    })
    .unwrap();
    assert!(waitlist::on_day(&school.conn, day).unwrap().is_empty());
    let err = write(&mut school.conn, |tx| waitlist::withdraw(tx, ana_waits.id, now())).unwrap_err();
    assert_eq!(err.to_string(), "Ana Lima is no longer waiting.");
}

#[test]
fn the_week_grid_shows_each_periods_bookings_and_the_tutors_still_free() {
    let mut school = school();
    let (priya, sam) = (school.writers[0], Some(school.sam));
    book(&mut school, &booking(priya, sam, "2026-11-23", "Period 4"), Actor::FrontDesk).unwrap();
    let away = NewException { tutor_id: Some(school.uma), first_day: "2026-11-30".into(), ..Default::default() };
    except(&mut school, away).unwrap();
    let grid = appointments::week(&school.conn, chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()).unwrap();
    assert_eq!(grid.monday, "2026-11-23");
    assert_eq!(grid.days.len(), 5, "no weekend: the term is open Monday to Friday");
    let period4 = grid.slots.iter().position(|s| s.period == "Period 4").unwrap();
    let monday = &grid.days[0].cells[period4];
    assert_eq!(monday.bookings.iter().map(|a| a.student_name.as_str()).collect::<Vec<_>>(), ["Priya Natarajan"]);
    assert_eq!(monday.free_tutors.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["Uma Brooks"]);
    assert_eq!(monday.openings, 1);
    assert_eq!(grid.days[3].closed.as_deref(), Some("The writing center is closed on 2026-11-26 (Thanksgiving)."));
    let tuesday_p1 = &grid.days[1].cells[grid.slots.iter().position(|s| s.period == "Period 1").unwrap()];
    assert_eq!(tuesday_p1.free_tutors.len(), 1, "Sam takes 08:00–10:00 on Tuesdays");

    // Slots every 30 minutes instead of periods: through the school day, as the rules say.
    let rules = appointment_rules::AppointmentRules { slot_minutes: 30, ..Default::default() };
    appointment_rules::set(&school.conn, &rules).unwrap();
    let by_time = appointments::week(&school.conn, chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()).unwrap();
    let slots: Vec<String> = by_time.slots.iter().map(|s| format!("{}-{}", s.start, s.end)).collect();
    assert_eq!(
        (slots.first().unwrap().as_str(), slots.last().unwrap().as_str(), slots.len()),
        ("07:00-07:30", "17:00-17:30", 21)
    );
    let noon = slots.iter().position(|s| s == "12:00-12:30").unwrap();
    assert_eq!(by_time.days[0].cells[noon].bookings.len(), 1, "Priya's Period 4 overlaps 12:00-12:30");
    let wrong = appointment_rules::AppointmentRules { slot_minutes: 5, ..Default::default() };
    assert_eq!(
        appointment_rules::set(&school.conn, &wrong).unwrap_err().to_string(),
        "Slot length (minutes; 0 for the bell schedule's periods) must be between 10 and 120, not 5."
    );
    appointment_rules::set(&school.conn, &appointment_rules::AppointmentRules::default()).unwrap();

    let next = appointments::week(&school.conn, chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()).unwrap();
    assert_eq!(
        next.days[0].cells[period4].free_tutors.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        ["Sam Rivera"],
        "Uma is away"
    );
}

#[test]
fn weekly_statistics_and_the_partner_summary_count_appointments_against_walk_ins() {
    let mut school = school();
    let [priya, pedro, zed, ana] = [0, 1, 2, 3].map(|i| school.writers[i]);
    let (sam, uma) = (Some(school.sam), Some(school.uma));
    let kept = book(&mut school, &booking(priya, sam, "2026-11-16", "Period 4"), Actor::FrontDesk).unwrap();
    let missed = book(&mut school, &booking(pedro, uma, "2026-11-16", "Period 4"), Actor::FrontDesk).unwrap();
    let late = book(&mut school, &booking(zed, sam, "2026-11-17", "Period 1"), Actor::FrontDesk).unwrap();
    write(&mut school.conn, |tx| {
        appointments::cancel(tx, late.id, false, Actor::FrontDesk, at(17, 7, 30))?;
        appointments::mark_missed(tx, missed.id, Actor::FrontDesk, at(16, 12, 0))?;
        shifts::clock_in(tx, school.sam, at(16, 8, 0))?;
        for (writer, minute) in [(priya, 40), (ana, 41)] {
            let visit = visits::sign_in(tx, writer, at(16, 11, minute))?;
            sessions::signed_in(tx, visit.clone(), at(16, 11, minute))?;
            visits::start(tx, visit.id, school.sam, at(16, 11, 45))?;
            sessions::log(tx, &period_4_session(writer, visit.id, school.sam), Actor::FrontDesk, at(16, 12, 31))?;
        }
        Ok(())
    })
    .unwrap();
    assert_eq!(appointments::get(&school.conn, kept.id).unwrap().status.stored(), "completed");

    let week = &appointment_stats::by_week(&school.conn, clock_day("2026-11-16"), 1).unwrap()[0];
    assert_eq!((week.booked, week.missed, week.cancelled_late, week.cancelled), (2, 1, 1, 0));
    assert_eq!((week.sessions_from_appointments, week.walk_in_sessions), (1, 1));
    assert_eq!(week.no_show_rate, Some(0.5));
    // Offered: Sam 55 (Mon) + 120 (Tue), Uma 55; booked: two Period 4 appointments.
    assert_eq!((week.offered_minutes, week.booked_minutes), (230, 110));
    assert_eq!(week.fill_rate, Some(0.478));

    let header = weekly_summary::header();
    let from = header.iter().position(|h| h == "Sessions: From an appointment").unwrap();
    let walk_in = header.iter().position(|h| h == "Sessions: Walk-in").unwrap();
    let rows = weekly_summary::rows(&school.conn, 0, clock::Days::week(clock_day("2026-11-16")), 1).unwrap();
    assert_eq!((rows[0].1[from - 1].as_str(), rows[0].1[walk_in - 1].as_str()), ("1", "1"));
    let hidden = weekly_summary::rows(&school.conn, 0, clock::Days::week(clock_day("2026-11-16")), 2).unwrap();
    assert_eq!((hidden[0].1[from - 1].as_str(), hidden[0].1[walk_in - 1].as_str()), ("suppressed", "suppressed"));
}

proptest! {
    /// Whatever is typed as weekly times, nothing panics, and what is kept is a real time on a
    /// real day, typed back as lines that read the same.
    #[test]
    fn typed_weekly_times_are_kept_only_when_they_are_real_times(typed in "((Mon|tue|Wednesday|A|B|Lunch|Fri|x)? ?[0-9:\\-– ]{0,14}(Lunch|Period 4)?\n?){0,4}|\\PC{0,40}") {
        let mut school = school();
        let result = write(&mut school.conn, |tx| availability::set(tx, school.term, school.sam, &typed));
        if let Ok(times) = result {
            for time in &times {
                prop_assert!(time.weekday.is_some_and(|d| (0..7).contains(&d)));
                prop_assert!(time.start < time.end, "{:?}", time);
            }
            let again = availability::typed(&school.conn, school.term, school.sam).unwrap();
            let reread = write(&mut school.conn, |tx| availability::set(tx, school.term, school.sam, &again)).unwrap();
            prop_assert_eq!(reread, times);
        }
    }
}
