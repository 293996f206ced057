//! Partner reports at demo size and on a million sessions. Target: the k-anonymous de-identified
//! sessions file of 1,000,000 sessions in ≤ 1.0 s (see docs/BENCHMARKS.md).

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use scriptorium_core::clock::Days;
use scriptorium_core::export::reports;
use scriptorium_core::synthetic::SchoolSize;

mod school;
use school::school;

fn exports(c: &mut Criterion) {
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    let out = std::env::temp_dir().join(format!("scriptorium-bench-export-{}.csv", std::process::id()));
    let all = Days::typed("2000-01-01", "2030-01-01").unwrap();
    let year = Days::typed("2026-08-01", "2027-07-31").unwrap();
    // After the last synthetic school year: every week has ended.
    let today = NaiveDate::from_ymd_opt(2027, 8, 2).unwrap();
    for (name, size) in [("demo", SchoolSize::DEMO), ("stress", SchoolSize::STRESS)] {
        let conn = school(name, size);
        let partner: i64 = conn
            .query_row("SELECT id FROM institutions WHERE kind = 'university_writing_center'", [], |r| r.get(0))
            .unwrap();
        let file = reports::deidentified_sessions(&conn, partner, all, today, &out).unwrap();
        let d = &file.disclosure;
        println!(
            "export/{name}: de-identified sessions of every year: {} sessions, {} as recorded, {} generalized, {} withheld (k = {})",
            d.sessions, d.as_recorded, d.generalized, d.withheld, d.threshold
        );
        group.bench_function(format!("deidentified_sessions_all_years/{name}"), |b| {
            b.iter(|| reports::deidentified_sessions(&conn, partner, all, today, &out).unwrap())
        });
        group.bench_function(format!("deidentified_preview_all_years/{name}"), |b| {
            b.iter(|| reports::deidentified_preview(&conn, partner, all, today).unwrap())
        });
        group.bench_function(format!("weekly_summary_school_year/{name}"), |b| {
            b.iter(|| reports::weekly_summary(&conn, partner, year, today, &out).unwrap())
        });
        group.bench_function(format!("service_hours_school_year/{name}"), |b| {
            b.iter(|| reports::service_hours(&conn, partner, true, year, &out).unwrap())
        });
    }
    let _ = std::fs::remove_file(&out);
    let _ = std::fs::remove_file(out.with_extension("README.txt"));
    group.finish();
}

criterion_group!(benches, exports);
criterion_main!(benches);
