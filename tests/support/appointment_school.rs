//! The school the appointment tests book in: four writers, Sam and Uma, and the fall term.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use scriptorium_core::error::Error;
use scriptorium_core::storage::appointments::{self, NewAppointment};
use scriptorium_core::storage::availability;
use scriptorium_core::storage::sessions::SessionLog;
use scriptorium_core::storage::students::{self, NewStudent};
use scriptorium_core::storage::terms::{self, NewTerm};
use scriptorium_core::storage::tutors::{self, NewTutor};
use scriptorium_core::storage::{open_in_memory, write, Actor};

/// Monday 2026-11-16, 08:00.
pub fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, day).unwrap().and_hms_opt(h, m, 0).unwrap()
}

pub fn now() -> NaiveDateTime {
    at(16, 8, 0)
}

pub struct School {
    pub conn: Connection,
    pub term: i64,
    pub writers: Vec<i64>,
    pub sam: i64,
    pub uma: i64,
}

/// Fall term, Monday to Friday, Thanksgiving closed; Sam takes Period 4 on Mondays and 08:00–10:00
/// on Tuesdays, Uma Period 4 on Mondays (the default bell schedule: Period 4 is 11:45–12:40).
pub fn school() -> School {
    let mut conn = open_in_memory().unwrap();
    let (term, writers, sam, uma) = write(&mut conn, |tx| {
        let writers = ["Priya Natarajan", "Pedro Alvarez", "Zed Hostile", "Ana Lima"]
            .iter()
            .map(|name| {
                let (first, last) = name.split_once(' ').unwrap();
                let new = NewStudent {
                    first_name: first.into(),
                    last_name: last.into(),
                    grade: Some(10),
                    ..Default::default()
                };
                students::add(tx, &new, Actor::Director, now()).map(|s| s.id)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let tutor = |name: &str| NewTutor { name: name.into(), kind: "peer".into(), institution_id: None };
        let sam = tutors::add(tx, &tutor("Sam Rivera"), Actor::Director, now())?.id;
        let uma = tutors::add(tx, &tutor("Uma Brooks"), Actor::Director, now())?.id;
        let term = NewTerm {
            name: "Fall 2026".into(),
            first_day: "2026-11-02".into(),
            last_day: "2027-01-29".into(),
            open_weekdays: vec![0, 1, 2, 3, 4],
            copy_availability_from: None,
            ..Default::default()
        };
        let term = terms::add(tx, &term, now())?.id;
        terms::close_day(tx, term, "2026-11-26", "Thanksgiving")?;
        availability::set(tx, term, sam, "Mon Period 4\nTue 08:00-10:00")?;
        availability::set(tx, term, uma, "Mon 11:45-12:40")?;
        Ok((term, writers, sam, uma))
    })
    .unwrap();
    School { conn, term, writers, sam, uma }
}

pub fn booking(writer: i64, tutor: Option<i64>, date: &str, period: &str) -> NewAppointment {
    NewAppointment {
        student_id: writer,
        tutor_id: tutor,
        date: date.into(),
        period: period.into(),
        ..Default::default()
    }
}

pub fn book(school: &mut School, new: &NewAppointment, actor: Actor) -> Result<appointments::Appointment, Error> {
    write(&mut school.conn, |tx| appointments::book(tx, new, actor, now()))
}

pub fn count(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM appointments", [], |r| r.get(0)).unwrap()
}

/// The session a writer had in Period 4 on Monday 2026-11-16, as the desk logs it.
pub fn period_4_session(student_id: i64, visit_id: i64, tutor: i64) -> SessionLog {
    SessionLog {
        student_id,
        visit_id: Some(visit_id),
        tutor_ids: vec![tutor],
        date: "2026-11-16".into(),
        start_time: "11:45".into(),
        end_time: "12:30".into(),
        mode: "in_person".into(),
        assignment_type: "Other".into(),
        writing_stage: "Drafting".into(),
        concerns: vec!["Organization".into()],
        ..Default::default()
    }
}
