//! Appointments on the demo school with its term of bookings: booking with every check (target
//! p99 ≤ 2 ms), the week grid's data for a busy week (target ≤ 20 ms), and the weekly dashboard
//! with its appointment weeks (the dashboard's target: ≤ 30 ms). Each booking is made
//! in a transaction that is rolled back, so every sample books into the same week.

use std::time::Instant;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use scriptorium_core::storage::appointments::{self, NewAppointment};
use scriptorium_core::storage::{stats, Actor};

mod school;

/// Every (date, period, tutor) still free in the week of `date`.
fn free_slots(conn: &rusqlite::Connection, date: NaiveDate) -> Vec<(String, String, i64)> {
    let grid = appointments::week(conn, date).unwrap();
    let mut free = Vec::new();
    for day in &grid.days {
        for (slot, cell) in grid.slots.iter().zip(&day.cells) {
            for tutor in &cell.free_tutors {
                free.push((day.date.clone(), slot.period.clone(), tutor.id));
            }
        }
    }
    free
}

fn appointment_benches(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let now = today.and_hms_opt(8, 0, 0).unwrap();
    let mut conn = school::demo_school_on(today);
    let booked: i64 = conn.query_row("SELECT count(*) FROM appointments", [], |r| r.get(0)).unwrap();
    let busy_week = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let free = free_slots(&conn, busy_week);
    let students: Vec<i64> = conn
        .prepare("SELECT id FROM students WHERE active = 1 ORDER BY id DESC LIMIT 500")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    println!(
        "appointments: {booked} booked in the demo term, {} free tutor-slots in the week of {busy_week}",
        free.len()
    );
    assert!(!free.is_empty(), "the busy week has free slots to book");

    let mut next = 0;
    let mut book_one = |conn: &mut rusqlite::Connection| {
        let (date, period, tutor) = &free[next % free.len()];
        let new = NewAppointment {
            student_id: students[next % students.len()],
            tutor_id: Some(*tutor),
            date: date.clone(),
            period: period.clone(),
            ..Default::default()
        };
        next += 1;
        let tx = conn.transaction().unwrap();
        let started = Instant::now();
        let booked = appointments::book(&tx, &new, Actor::FrontDesk, now);
        let took = started.elapsed();
        booked.expect("a free slot books");
        tx.rollback().unwrap();
        took
    };

    let mut group = c.benchmark_group("appointments");
    group.bench_function("book with every check", |b| b.iter(|| book_one(&mut conn)));
    group.bench_function("week grid of a busy week", |b| b.iter(|| appointments::week(&conn, busy_week).unwrap()));
    group.bench_function("dashboard with the term's weeks", |b| b.iter(|| stats::dashboard(&conn, today).unwrap()));
    group.finish();

    let mut samples: Vec<f64> = (0..2_000).map(|_| book_one(&mut conn).as_secs_f64() * 1000.0).collect();
    samples.sort_by(f64::total_cmp);
    let p99 = samples[samples.len() * 99 / 100];
    println!(
        "appointments/book: p50 {:.3} ms, p99 {p99:.3} ms over {} bookings (target p99 ≤ 2 ms)",
        samples[samples.len() / 2],
        samples.len()
    );
    assert!(p99 <= 2.0, "booking p99 {p99:.3} ms is over the 2 ms target");
}

criterion_group!(benches, appointment_benches);
criterion_main!(benches);
