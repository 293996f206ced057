//! The desk while the director exports: writers are signed in one after another through the
//! app's `Db` handle while the de-identified sessions export of the million-session school runs.
//! Target: sign-in p99 ≤ 5 ms during the export. For contrast it also runs the export the way
//! the app did before reads had connections of their own: inside the writer's lock.
//!
//! A harness of its own (not criterion): what matters is the latency of one thread while another
//! works, not the speed of a loop.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};
use scriptorium_core::clock::Days;
use scriptorium_core::db::Db;
use scriptorium_core::export::reports;
use scriptorium_core::storage::{self, backup, visits};
use scriptorium_core::synthetic::SchoolSize;

mod school;

/// How the export reaches the database.
#[derive(Clone, Copy, Debug)]
enum ExportPath {
    /// A read-only connection of its own, at a lower CPU priority (the app now).
    Reader,
    /// Inside the writer's lock (the app before).
    Writer,
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)]
}

/// Signs writers in (and out again, unmeasured) until `running` clears; each sign-in's time.
fn sign_in_while(db: &Db, running: &AtomicBool, students: &[i64], at: NaiveDateTime) -> Vec<f64> {
    let mut times = Vec::new();
    for student in students.iter().cycle() {
        if !running.load(Ordering::Acquire) {
            break;
        }
        let start = Instant::now();
        let visit = db.write(|tx| visits::sign_in(tx, *student, at)).unwrap();
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        db.write(|tx| visits::mark_left(tx, visit.id, at)).unwrap();
        std::thread::sleep(Duration::from_millis(2));
    }
    times
}

fn run(db: &Db, path: ExportPath, partner: i64, students: &[i64], out: &std::path::Path) {
    let at = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap().and_hms_opt(10, 0, 0).unwrap();
    let running = AtomicBool::new(true);
    let (times, export) = std::thread::scope(|scope| {
        let desk = scope.spawn(|| sign_in_while(db, &running, students, at));
        std::thread::sleep(Duration::from_millis(200)); // the desk is busy before the export starts
        let start = Instant::now();
        let rows = match path {
            ExportPath::Reader => {
                db.long_read(|conn| reports::deidentified_sessions(conn, partner, Days::all(), at.date(), out))
            }
            ExportPath::Writer => {
                db.write(|tx| reports::deidentified_sessions(tx, partner, Days::all(), at.date(), out))
            }
        }
        .unwrap()
        .rows;
        let export = start.elapsed();
        running.store(false, Ordering::Release);
        (desk.join().unwrap(), (rows, export))
    });
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    println!(
        "desk_during_export/{path:?}: export of {} rows in {:.2} s; {} sign-ins: p50 {:.2} ms, p99 {:.2} ms, max {:.1} ms",
        export.0,
        export.1.as_secs_f64(),
        sorted.len(),
        percentile(&sorted, 0.5),
        percentile(&sorted, 0.99),
        sorted.last().copied().unwrap_or_default(),
    );
}

fn main() {
    let cached = school::school("stress", SchoolSize::STRESS);
    let data_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data/desk-during-export");
    let _ = std::fs::remove_dir_all(&data_dir);
    std::fs::create_dir_all(&data_dir).unwrap();
    backup::backup_to(&cached, &data_dir.join(storage::DATABASE_FILE)).unwrap();
    let partner: i64 = cached
        .query_row("SELECT id FROM institutions WHERE kind = 'university_writing_center'", [], |r| r.get(0))
        .unwrap();
    let students: Vec<i64> = cached
        .prepare("SELECT id FROM students WHERE active = 1 ORDER BY id LIMIT 5000")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    drop(cached);

    let db = Db::open(&data_dir);
    db.status(); // waits until the database has opened (its quick_check reads the whole file)
    let out = data_dir.join("export.csv");
    for path in [ExportPath::Reader, ExportPath::Writer, ExportPath::Reader] {
        run(&db, path, partner, &students, &out);
    }
    drop(db);
    std::fs::remove_dir_all(&data_dir).unwrap();
}
