//! The crash test's child (tests/crash.rs): signs writers in and logs sessions in a loop on the
//! database it is given, printing `ACK visit <id>` / `ACK session <id>` once each write has
//! committed, until the test kills it.

use std::path::Path;

use chrono::{Duration as Minutes, NaiveDate};
use scriptorium_core::storage::sessions::{self, SessionLog};
use scriptorium_core::storage::students::{self, NewStudent};
use scriptorium_core::storage::{self, visits, write, Actor};

fn main() {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: crash-writer <database>");
        std::process::exit(2);
    };
    let mut conn = storage::open(Path::new(&path)).unwrap();
    let tutor: i64 = conn.query_row("SELECT min(id) FROM tutors", [], |r| r.get(0)).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap().and_hms_opt(8, 0, 0).unwrap();
    for n in 0.. {
        let now = day + Minutes::seconds(n);
        let new = NewStudent {
            first_name: format!("Writer{}", std::process::id()),
            last_name: format!("N{n}"),
            grade: Some(9 + n % 4),
            ..Default::default()
        };
        let visit = write(&mut conn, |tx| {
            let student = students::add(tx, &new, Actor::FrontDesk, now)?;
            visits::sign_in(tx, student.id, now)
        })
        .unwrap();
        println!("ACK visit {}", visit.id);
        let session = write(&mut conn, |tx| {
            visits::start(tx, visit.id, tutor, now)?;
            let log = SessionLog {
                student_id: visit.student_id,
                visit_id: Some(visit.id),
                tutor_ids: vec![tutor],
                date: "2026-11-20".into(),
                start_time: "08:00".into(),
                end_time: "08:30".into(),
                mode: "in_person".into(),
                assignment_type: "Other".into(),
                writing_stage: "Drafting".into(),
                concerns: vec!["Organization".into()],
                notes: format!("Session {n} of process {}", std::process::id()),
                ..Default::default()
            };
            sessions::log(tx, &log, Actor::FrontDesk, now + Minutes::minutes(40))
        })
        .unwrap();
        println!("ACK session {session}");
    }
}
