//! Roster import of 100,000 rows (target ≤ 1 s) and backups of the demo school and of a million
//! sessions (online backup API, then quick_check of the copy).

use criterion::{criterion_group, criterion_main, Criterion};
use scriptorium_core::storage::{self, backup, roster, write, Actor};
use scriptorium_core::synthetic::{self, SchoolSize};

mod school;

fn roster_file(rows: usize) -> Vec<u8> {
    let mut text = String::from("\u{feff}Student ID,First Name,Last Name,Grade\n");
    for (i, student) in synthetic::students(rows, 7).into_iter().enumerate() {
        text.push_str(&format!(
            "{},{},{},{}\n",
            500_000 + i,
            student.first_name,
            student.last_name,
            student.grade.unwrap()
        ));
    }
    text.into_bytes()
}

fn import(c: &mut Criterion) {
    let bytes = roster_file(100_000);
    let now = chrono::NaiveDate::from_ymd_opt(2026, 8, 20).unwrap().and_hms_opt(8, 0, 0).unwrap();
    let mut group = c.benchmark_group("roster_import");
    group.sample_size(10);
    group.bench_function("100000_new_students", |b| {
        b.iter_batched(
            || storage::open_in_memory().unwrap(),
            |mut conn| write(&mut conn, |tx| roster::import(tx, &bytes, false, Actor::Director, now)).unwrap(),
            criterion::BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn backups(c: &mut Criterion) {
    let mut group = c.benchmark_group("backup");
    group.sample_size(10);
    let copy = std::env::temp_dir().join(format!("scriptorium-bench-backup-{}.db", std::process::id()));
    for (name, size) in [("demo", SchoolSize::DEMO), ("stress", SchoolSize::STRESS)] {
        let conn = school::school(name, size);
        group.bench_function(format!("backup_and_quick_check/{name}"), |b| {
            b.iter(|| backup::backup_to(&conn, &copy).unwrap())
        });
    }
    let _ = std::fs::remove_file(&copy);
    group.finish();
}

criterion_group!(benches, import, backups);
criterion_main!(benches);
