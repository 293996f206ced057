//! Roster import of 100,000 rows from CSV (target ≤ 0.5 s) and from an .xlsx workbook (target
//! ≤ 2 s), and backups of the demo school and of a million
//! sessions (online backup API, then quick_check of the copy).

use criterion::{criterion_group, criterion_main, Criterion};
use scriptorium_core::storage::students::NewStudent;
use scriptorium_core::storage::{self, backup, roster, write, Actor};
use scriptorium_core::synthetic::{self, SchoolSize};

mod school;

/// A roster as a school's system exports it: sorted by name, student numbers in no order.
fn roster(rows: usize) -> Vec<(usize, NewStudent)> {
    let mut students = synthetic::students(rows, 7);
    students.sort_by(|a, b| (&a.last_name, &a.first_name).cmp(&(&b.last_name, &b.first_name)));
    // 7,919 is prime, so this numbers every student differently, scattered over the range.
    students.into_iter().enumerate().map(|(i, student)| (500_000 + i * 7_919 % rows, student)).collect()
}

fn roster_file(rows: usize) -> Vec<u8> {
    let mut text = String::from("\u{feff}Student ID,First Name,Last Name,Grade\n");
    for (number, student) in roster(rows) {
        text.push_str(&format!("{number},{},{},{}\n", student.first_name, student.last_name, student.grade.unwrap()));
    }
    text.into_bytes()
}

/// The same roster as an Excel workbook, student numbers stored as numbers.
fn roster_workbook(rows: usize) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, header) in ["Student ID", "First Name", "Last Name", "Grade"].iter().enumerate() {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    for (i, (number, student)) in roster(rows).into_iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_number(row, 0, number as f64).unwrap();
        sheet.write_string(row, 1, &student.first_name).unwrap();
        sheet.write_string(row, 2, &student.last_name).unwrap();
        sheet.write_number(row, 3, student.grade.unwrap() as f64).unwrap();
    }
    book.save_to_buffer().unwrap()
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
    let workbook = roster_workbook(100_000);
    group.bench_function("100000_new_students_xlsx", |b| {
        b.iter_batched(
            || storage::open_in_memory().unwrap(),
            |mut conn| write(&mut conn, |tx| roster::import(tx, &workbook, false, Actor::Director, now)).unwrap(),
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
