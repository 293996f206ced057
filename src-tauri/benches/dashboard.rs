//! The weekly dashboard on a 2,000-student school over ten school years (target ≤ 30 ms) and on
//! a million sessions (target ≤ 100 ms). The synthetic databases are built once (fixed seed) and
//! kept in target/bench-data/, since building the million-session one takes a while.

use std::path::PathBuf;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use scriptorium::storage::{self, stats};
use scriptorium::synthetic::{self, SchoolSize};

fn school(name: &str, size: SchoolSize) -> rusqlite::Connection {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}-v{}.db", storage::SCHEMA_VERSION));
    if !path.exists() {
        let partial = path.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        let mut conn = storage::open(&partial).unwrap();
        // Building, not serving: a large cache keeps the one big transaction from spilling.
        conn.execute_batch("PRAGMA cache_size = -4000000; PRAGMA synchronous = OFF;").unwrap();
        synthetic::add_school(&mut conn, size, 42).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;").unwrap();
        drop(conn);
        std::fs::rename(&partial, &path).unwrap();
    }
    storage::open(&path).unwrap()
}

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
