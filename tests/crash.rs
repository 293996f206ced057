//! Never lose a logged session: a child process (`src/bin/crash-writer.rs`) signs writers in and
//! logs sessions in a loop through the storage layer, reporting each write once it has committed;
//! the parent kills it with SIGKILL at random moments, then checks every reported write is there
//! and the file passes `integrity_check` and `foreign_key_check`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::Connection;
use scriptorium_core::storage::tutors::{self, NewTutor};
use scriptorium_core::storage::{self, shifts, write, Actor};
use scriptorium_core::synthetic::Rng;

const KILLS: usize = 100;

fn fresh_database(dir: &Path) -> PathBuf {
    let path = dir.join(storage::DATABASE_FILE);
    let mut conn = storage::open(&path).unwrap();
    let tutor = NewTutor { name: "Sam Rivera".into(), kind: "peer".into(), ..Default::default() };
    let then = NaiveDate::from_ymd_opt(2026, 8, 1).unwrap().and_hms_opt(8, 0, 0).unwrap();
    write(&mut conn, |tx| {
        let tutor = tutors::add(tx, &tutor, Actor::Director, then)?;
        shifts::clock_in(tx, tutor.id, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap().and_hms_opt(7, 0, 0).unwrap())
    })
    .unwrap();
    path
}

/// Runs the child until the kill; returns the writes it acknowledged as ("visit" | "session", id).
fn run_and_kill(path: &Path, after: Duration) -> Vec<(String, i64)> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crash-writer"))
        .arg(path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .filter_map(|line| {
                let mut words = line.strip_prefix("ACK ")?.split(' ');
                Some((words.next()?.to_owned(), words.next()?.parse().ok()?))
            })
            .collect::<Vec<_>>()
    });
    std::thread::sleep(after);
    child.kill().unwrap(); // SIGKILL: no destructors, no rollback, no flush
    child.wait().unwrap();
    reader.join().unwrap()
}

/// The rows a check pragma reports, as text.
fn check(conn: &Connection, pragma: &str) -> Vec<String> {
    let mut stmt = conn.prepare(&format!("PRAGMA {pragma}")).unwrap();
    let rows = stmt.query_map([], |r| Ok(format!("{:?}", r.get::<_, rusqlite::types::Value>(0)?))).unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

#[test]
fn acknowledged_writes_survive_sigkill() {
    let dir = tempfile::Builder::new().prefix("scriptorium-crash-").tempdir().unwrap();
    let path = fresh_database(dir.path());
    let mut rng = Rng::new(2026);
    let (mut acknowledged, mut lost, mut integrity_failures) = (0, 0, 0);
    for _ in 0..KILLS {
        let after = Duration::from_millis(30 + rng.below(120) as u64);
        let acks = run_and_kill(&path, after);
        let conn = storage::open(&path).expect("the database opens after a kill");
        for (kind, id) in &acks {
            let table = if kind == "visit" { "visits" } else { "sessions" };
            let found: i64 =
                conn.query_row(&format!("SELECT count(*) FROM {table} WHERE id = ?1"), [id], |r| r.get(0)).unwrap();
            lost += usize::from(found != 1);
        }
        acknowledged += acks.len();
        if check(&conn, "integrity_check") != [r#"Text("ok")"#] || !check(&conn, "foreign_key_check").is_empty() {
            integrity_failures += 1;
        }
        // A session never exists without its closed visit: each commit is whole.
        let torn: i64 = conn
            .query_row(
                "SELECT count(*) FROM sessions s JOIN visits v ON v.id = s.visit_id WHERE v.status <> 'done'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        integrity_failures += usize::from(torn != 0);
    }
    println!(
        "crash test: {KILLS} kills, {acknowledged} acknowledged writes, {lost} lost, {integrity_failures} integrity failures"
    );
    assert_eq!((lost, integrity_failures), (0, 0));
    assert!(acknowledged > KILLS, "the child wrote between kills ({acknowledged} writes)");
}
