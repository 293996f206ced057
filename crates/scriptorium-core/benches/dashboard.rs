//! The weekly dashboard on a 2,000-student school over ten school years (target ≤ 30 ms) and on
//! a million sessions (target ≤ 100 ms).

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use scriptorium_core::storage::stats;
use scriptorium_core::synthetic::SchoolSize;

mod school;
use school::school;

fn dashboard(c: &mut Criterion) {
    let mut group = c.benchmark_group("dashboard");
    group.sample_size(30);
    let week = NaiveDate::from_ymd_opt(2027, 3, 10).unwrap();
    for (name, size) in [("demo", SchoolSize::DEMO), ("stress", SchoolSize::STRESS)] {
        let conn = school(name, size);
        let sessions: i64 = conn.query_row("SELECT count(*) FROM sessions", [], |r| r.get(0)).unwrap();
        println!("dashboard/{name}: {sessions} sessions");
        group.bench_function(name, |b| b.iter(|| stats::dashboard(&conn, week).unwrap()));
    }
    group.finish();
}

criterion_group!(benches, dashboard);
criterion_main!(benches);
