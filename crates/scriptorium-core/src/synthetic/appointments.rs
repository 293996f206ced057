//! The demo school's appointments: the current term with closed days, peer tutors' weekly times,
//! and bookings through the same rules as the desk. Up to today they have happened: most were
//! kept (checked in, tutored and logged at the desk), some were cancelled, late or early, and
//! some writers didn't come. From today on they are still scheduled, and a few writers wait.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, Transaction};

use super::Rng;
use crate::clock;
use crate::error::Result;
use crate::storage::appointments::{self, NewAppointment};
use crate::storage::sessions::{self, SessionLog};
use crate::storage::terms::{self, NewTerm};
use crate::storage::waitlist::{self, NewWaiting};
use crate::storage::{availability, shifts, visits, write, Actor};
use crate::vocabulary::{ASSIGNMENT_TYPES, CONCERNS, WRITING_STAGES};

/// The periods writers book: the default bell schedule's free times.
const BOOKABLE: [&str; 4] = ["Before school", "Lunch", "Period 4", "After school"];
const WEEKDAYS: [&str; 5] = ["Mon", "Tue", "Wed", "Thu", "Fri"];

/// The term holding `today`: fall (late August to mid January) or spring (to mid June).
fn term_around(today: NaiveDate) -> (String, NaiveDate, NaiveDate) {
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("valid date");
    if today.month() >= 8 {
        (format!("Fall {}", today.year()), date(today.year(), 8, 25), date(today.year() + 1, 1, 22))
    } else if today.month() == 1 && today.day() <= 22 {
        (format!("Fall {}", today.year() - 1), date(today.year() - 1, 8, 25), date(today.year(), 1, 22))
    } else {
        (format!("Spring {}", today.year()), date(today.year(), 1, 25), date(today.year(), 6, 12))
    }
}

pub fn add_term(conn: &mut Connection, today: NaiveDate, seed: u64) -> Result<()> {
    let mut rng = Rng::new(seed ^ 0xA990);
    let (name, first, last) = term_around(today);
    let at = |date: NaiveDate, minute: i64| date.and_hms_opt(0, 0, 0).expect("midnight") + Duration::minutes(minute);
    write(conn, |tx| {
        let new = NewTerm {
            name,
            first_day: first.to_string(),
            last_day: last.to_string(),
            open_weekdays: vec![0, 1, 2, 3, 4],
            ..Default::default()
        };
        let term = terms::add(tx, &new, at(first - Duration::days(7), 8 * 60))?;
        let peers: Vec<i64> = tx
            .prepare("SELECT id FROM tutors WHERE kind = 'peer' AND active = 1 ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for &tutor in &peers {
            let lines: Vec<String> =
                (0..3).map(|_| format!("{} {}", rng.pick(&WEEKDAYS), rng.pick(&BOOKABLE))).collect();
            let mut lines = lines;
            lines.sort();
            lines.dedup();
            availability::set(tx, term.id, tutor, &lines.join("\n"))?;
        }
        let mut closed = Vec::new();
        for offset in [30, 58, 59] {
            let day = first + Duration::days(offset);
            if day.weekday().num_days_from_monday() < 5 && day <= last {
                terms::close_day(tx, term.id, &day.to_string(), "No school")?;
                closed.push(day);
            }
        }
        let students: Vec<i64> = tx
            .prepare("SELECT id FROM students WHERE active = 1 ORDER BY id LIMIT 600")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut day = first;
        while day <= last.min(today + Duration::days(14)) {
            if day.weekday().num_days_from_monday() < 5 && !closed.contains(&day) {
                book_day(tx, day, today, &students, &peers, &mut rng)?;
            }
            day += Duration::days(1);
        }
        for _ in 0..3 {
            let waiting = NewWaiting {
                student_id: students[rng.below(students.len())],
                date: (today + Duration::days(1 + rng.below(5) as i64)).to_string(),
                tutor_id: None,
                note: "Essay due this week".into(),
            };
            // A writer already booked that day, or a closed day, is simply not added.
            let _ = waitlist::add(tx, &waiting, at(today, 7 * 60));
        }
        Ok(())
    })
}

/// Sixteen asks a day, made a week ahead (those a rule refuses are skipped); the past ones then
/// happen.
fn book_day(
    tx: &Transaction,
    day: NaiveDate,
    today: NaiveDate,
    students: &[i64],
    peers: &[i64],
    rng: &mut Rng,
) -> Result<()> {
    let booked_at = day.and_hms_opt(8, 0, 0).expect("valid time") - Duration::days(7);
    for _ in 0..16 {
        let new = NewAppointment {
            student_id: students[rng.below(students.len())],
            tutor_id: (rng.below(4) > 0).then(|| peers[rng.below(peers.len())]),
            date: day.to_string(),
            period: rng.pick(&BOOKABLE).into(),
            assignment_type: rng.pick(ASSIGNMENT_TYPES).into(),
            working_on: "Thesis and evidence".into(),
            ..Default::default()
        };
        // Most random asks meet a rule (the tutor doesn't take that period, it is taken): skipped.
        let Ok(appointment) = appointments::book(tx, &new, Actor::FrontDesk, booked_at) else { continue };
        if day >= today {
            continue;
        }
        let starts = clock::parse(&format!("{}T{}:00", appointment.date, appointment.start)).expect("a stored time");
        let id = appointment.id;
        match rng.below(20) {
            0..=1 => {
                appointments::cancel(tx, id, false, Actor::FrontDesk, starts - Duration::days(2))?;
            }
            2 => {
                appointments::cancel(tx, id, false, Actor::FrontDesk, starts - Duration::hours(1))?;
            }
            3..=4 => {
                appointments::mark_missed(tx, id, Actor::FrontDesk, starts + Duration::minutes(15))?;
            }
            _ => keep(tx, &appointment, starts, peers, rng)?,
        }
    }
    Ok(())
}

/// The writer comes: signed in (which checks the appointment in), tutored and logged at the desk.
fn keep(
    tx: &Transaction,
    appointment: &appointments::Appointment,
    starts: NaiveDateTime,
    peers: &[i64],
    rng: &mut Rng,
) -> Result<()> {
    let tutor = appointment.tutor_id.unwrap_or_else(|| peers[rng.below(peers.len())]);
    let ends = clock::parse(&format!("{}T{}:00", appointment.date, appointment.end)).expect("a stored time");
    let ends = ends.min(starts + Duration::minutes(45));
    let on_shift = shifts::clock_in(tx, tutor, starts - Duration::minutes(5)).is_ok();
    let signed_in = starts - Duration::minutes(3);
    // A writer still in an earlier visit can't be signed in again: the appointment stays as it is.
    let Ok(visit) = visits::sign_in(tx, appointment.student_id, signed_in) else { return Ok(()) };
    let visit = sessions::signed_in(tx, visit, signed_in)?.visit;
    if visits::start(tx, visit.id, tutor, starts).is_err() {
        visits::mark_left(tx, visit.id, starts)?;
    } else {
        let log = SessionLog {
            student_id: appointment.student_id,
            visit_id: Some(visit.id),
            tutor_ids: vec![tutor],
            date: appointment.date.clone(),
            start_time: appointment.start.clone(),
            end_time: ends.format("%H:%M").to_string(),
            mode: "in_person".into(),
            assignment_type: appointment.assignment_type.clone(),
            writing_stage: rng.pick(WRITING_STAGES).into(),
            concerns: vec![rng.pick(CONCERNS).into()],
            ..Default::default()
        };
        sessions::log(tx, &log, Actor::FrontDesk, ends)?;
    }
    if on_shift {
        shifts::clock_out(tx, tutor, ends + Duration::minutes(5))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic::{add_school, SchoolSize};

    #[test]
    fn the_demo_term_has_kept_missed_cancelled_and_coming_appointments_linked_to_their_sessions() {
        let mut conn = crate::storage::open_in_memory().unwrap();
        let size = SchoolSize { students: 300, tutors: 10, teachers: 8, sessions: 500, years: 1, last_year: 2026 };
        add_school(&mut conn, size, 3).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        add_term(&mut conn, today, 3).unwrap();
        let count = |status: &str| -> i64 {
            conn.query_row("SELECT count(*) FROM appointments WHERE status = ?1", [status], |r| r.get(0)).unwrap()
        };
        for status in ["completed", "missed", "cancelled", "scheduled"] {
            assert!(count(status) > 0, "some {status}");
        }
        let unlinked: i64 = conn
            .query_row("SELECT count(*) FROM appointments WHERE status = 'completed' AND session_id IS NULL", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(unlinked, 0, "every kept appointment links to its session");
        let past_scheduled: i64 = conn
            .query_row(
                "SELECT count(*) FROM appointments WHERE status = 'scheduled' AND day < ?1",
                [clock::day_number(today)],
                |r| r.get(0),
            )
            .unwrap();
        assert!(past_scheduled <= count("completed") / 20, "the past has happened ({past_scheduled} left scheduled)");
    }
}
