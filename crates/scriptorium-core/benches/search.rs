//! Writer search at a school's size (5,000 students) and a stress size (100,000).
//! Target: p99 ≤ 1 ms at 5,000 and ≤ 5 ms at 100,000 (see docs/BENCHMARKS.md).

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use scriptorium_core::storage::{self, students};
use scriptorium_core::synthetic;

const QUERIES: &[&str] = &["m", "mar", "mariana", "gar", "mar ló", "jose", "100", "104321", "zz"];

fn roster(size: usize) -> rusqlite::Connection {
    let mut conn = storage::open_in_memory().unwrap();
    let now = chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap().and_hms_opt(8, 0, 0).unwrap();
    synthetic::add_students(&mut conn, size, 42, now).unwrap();
    conn
}

/// Percentiles over every query repeated, as the desk would see them keystroke by keystroke.
fn print_percentiles(size: usize, conn: &rusqlite::Connection) {
    let mut samples: Vec<Duration> = Vec::new();
    for _ in 0..300 {
        for query in QUERIES {
            let start = Instant::now();
            std::hint::black_box(students::search(conn, query, 8).unwrap());
            samples.push(start.elapsed());
        }
    }
    samples.sort();
    let at = |p: f64| samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)];
    println!("search/{size} students: p50 {:?}, p99 {:?}, max {:?}", at(0.5), at(0.99), samples[samples.len() - 1]);
}

fn search(c: &mut Criterion) {
    let mut group = c.benchmark_group("search");
    for size in [5_000, 100_000] {
        let conn = roster(size);
        print_percentiles(size, &conn);
        for query in ["m", "mar ló", "104321"] {
            group.bench_with_input(BenchmarkId::new(format!("{size}"), query), &query, |b, query| {
                b.iter(|| students::search(&conn, query, 8).unwrap())
            });
        }
    }
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
