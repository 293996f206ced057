//! What the front desk waits for: signing a writer in and logging a session, each one durable
//! IMMEDIATE transaction (WAL, synchronous=FULL) on a file copy of the demo and stress schools.
//! Target: p99 ≤ 5 ms through `invoke` (the invoke round trip itself is ~0.3–0.4 ms here).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{Duration as Minutes, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};
use scriptorium_core::storage::sessions::{self, SessionLog};
use scriptorium_core::storage::{self, visits, write, Actor};
use scriptorium_core::synthetic::SchoolSize;

mod school;

/// A writable copy of a cached school, so benchmarks never change the cache. It sits beside the
/// cache and is replaced on the next run, instead of piling up in the temp folder.
fn school_copy(name: &str, size: SchoolSize) -> rusqlite::Connection {
    let cached = school::school(name, size);
    let copy = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data/commits-scratch.db");
    scriptorium_core::storage::backup::backup_to(&cached, &copy).unwrap();
    storage::open(&copy).unwrap()
}

fn sign_in_and_log(
    conn: &mut rusqlite::Connection,
    student: i64,
    tutor: i64,
    at: chrono::NaiveDateTime,
) -> (Duration, Duration) {
    let start = Instant::now();
    let visit = write(conn, |tx| visits::sign_in(tx, student, at)).unwrap();
    let signed_in = start.elapsed();
    write(conn, |tx| visits::start(tx, visit.id, tutor, at)).unwrap();
    let log = SessionLog {
        student_id: student,
        visit_id: Some(visit.id),
        tutor_ids: vec![tutor],
        date: at.date().to_string(),
        start_time: at.format("%H:%M").to_string(),
        end_time: (at + Minutes::minutes(30)).format("%H:%M").to_string(),
        mode: "in_person".into(),
        assignment_type: "Other".into(),
        writing_stage: "Drafting".into(),
        concerns: vec!["Organization".into()],
        notes: "Worked on the thesis.".into(),
        ..Default::default()
    };
    let start = Instant::now();
    write(conn, |tx| sessions::log(tx, &log, Actor::FrontDesk, at + Minutes::minutes(40))).unwrap();
    (signed_in, start.elapsed())
}

fn commits(c: &mut Criterion) {
    let mut group = c.benchmark_group("commit");
    for (name, size) in [("demo", SchoolSize::DEMO), ("stress", SchoolSize::STRESS)] {
        let mut conn = school_copy(name, size);
        let tutor: i64 = conn.query_row("SELECT min(id) FROM tutors", [], |r| r.get(0)).unwrap();
        let at = NaiveDate::from_ymd_opt(2030, 1, 7).unwrap().and_hms_opt(9, 0, 0).unwrap();
        storage::write(&mut conn, |tx| storage::shifts::clock_in(tx, tutor, at - Minutes::hours(1))).unwrap();
        let (mut sign_ins, mut logs) = (Vec::new(), Vec::new());
        for student in 1..=1000 {
            let (sign_in, log) = sign_in_and_log(&mut conn, student, tutor, at + Minutes::seconds(student));
            sign_ins.push(sign_in);
            logs.push(log);
        }
        for (what, samples) in [("sign-in", &mut sign_ins), ("session log", &mut logs)] {
            samples.sort();
            let at = |p: f64| samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)];
            println!(
                "commit/{name} {what}: p50 {:?}, p99 {:?}, max {:?}",
                at(0.5),
                at(0.99),
                samples[samples.len() - 1]
            );
        }
        let mut student = 1000;
        group.bench_function(format!("sign_in_and_log/{name}"), |b| {
            b.iter(|| {
                student = student % 2000 + 1;
                sign_in_and_log(&mut conn, student, tutor, at + Minutes::seconds(student))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, commits);
criterion_main!(benches);
