//! What a de-identified sessions file discloses, read from the file as a partner would, on a
//! synthetic school year: no row narrower than k sessions over the declared quasi-identifiers,
//! the withheld rows counted as the director is told, nothing identifying in the bytes, codes
//! that link files only under a data-sharing agreement, and nothing learned by setting two
//! overlapping files against each other.

mod support;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::Connection;
use scriptorium_core::clock::{self, Days};
use scriptorium_core::export::quasi_identifiers::QuasiIdentifier;
use scriptorium_core::export::reports::{self, DeidentifiedFile};
use scriptorium_core::storage::{data_sharing, exports, open_in_memory, settings, write};
use scriptorium_core::synthetic::{self, SchoolSize};
use scriptorium_core::vocabulary::CONCERNS;
use support::TestDir;

/// A school year of 6,000 sessions by 500 writers, with its two partners.
fn school() -> (Connection, [i64; 2]) {
    let mut conn = open_in_memory().unwrap();
    let size = SchoolSize { students: 500, tutors: 16, teachers: 12, sessions: 6_000, years: 1, last_year: 2026 };
    synthetic::add_school(&mut conn, size, 11).unwrap();
    write(&mut conn, exports::ensure_pseudonym_secret).unwrap();
    let partners: Vec<i64> = conn
        .prepare("SELECT id FROM institutions ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    (conn, [partners[0], partners[1]])
}

/// After the synthetic year, so every week of it has ended.
fn after_the_year() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 8, 1).unwrap()
}

fn whole_year() -> Days {
    Days::typed("2026-08-01", "2027-07-31").unwrap()
}

fn export(conn: &Connection, partner: i64, days: Days, path: PathBuf) -> (DeidentifiedFile, Vec<Vec<String>>) {
    let file = reports::deidentified_sessions(conn, partner, days, after_the_year(), &path).unwrap();
    (file, read(&path))
}

/// The rows as a partner reads them (header first).
fn read(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).from_reader(text.strip_prefix('\u{feff}').unwrap().as_bytes());
    reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect()
}

/// The columns the file declares as quasi-identifiers, found by their names in the header.
fn quasi_columns(header: &[String]) -> Vec<usize> {
    QuasiIdentifier::ALL
        .iter()
        .map(|q| header.iter().position(|h| h == q.column()).unwrap_or_else(|| panic!("no column {}", q.column())))
        .collect()
}

/// Equivalence classes: rows alike on every quasi-identifier, and how many there are of each.
fn classes(rows: &[Vec<String>]) -> HashMap<Vec<String>, usize> {
    let columns = quasi_columns(&rows[0]);
    let mut classes = HashMap::new();
    for row in &rows[1..] {
        *classes.entry(columns.iter().map(|&c| row[c].clone()).collect()).or_default() += 1;
    }
    classes
}

fn sessions_in(conn: &Connection, days: Days) -> usize {
    conn.query_row(
        "SELECT count(*) FROM sessions WHERE deleted_at IS NULL AND day >= ?1 AND day < ?2",
        [days.first, days.end],
        |r| r.get::<_, i64>(0),
    )
    .unwrap() as usize
}

#[test]
fn no_row_is_narrower_than_k_and_the_withheld_rows_are_counted_as_told() {
    let (mut conn, [partner, _]) = school();
    let dir = TestDir::new("k-anonymous");
    for k in [5, 10, 30] {
        write(&mut conn, |tx| settings::set_suppression_threshold(tx, k)).unwrap();
        let preview = reports::deidentified_preview(&conn, partner, whole_year(), after_the_year()).unwrap();
        let (file, rows) = export(&conn, partner, whole_year(), dir.join(format!("k{k}.csv")));
        assert_eq!(file.disclosure, preview, "the director is told before saving what the file then holds");

        let classes = classes(&rows);
        let smallest = classes.values().min().copied().unwrap();
        assert!(smallest >= k as usize, "k = {k}: a class of {smallest}");
        let d = &file.disclosure;
        println!(
            "k = {k}: {} sessions, {} as recorded, {} generalized, {} withheld, {} classes",
            d.sessions,
            d.as_recorded,
            d.generalized,
            d.withheld,
            classes.len()
        );
        assert_eq!(rows.len() - 1, file.rows);
        assert_eq!(file.rows + d.withheld, d.sessions, "every session is written or counted as withheld");
        assert_eq!(d.as_recorded + d.generalized, file.rows);
        assert_eq!(d.generalized_by_step.iter().map(|s| s.rows).sum::<usize>(), d.generalized);
        assert_eq!(d.sessions, sessions_in(&conn, Days::typed(&d.from, &d.through).unwrap()));
        assert!(
            file.rows > d.sessions / 2,
            "k = {k}: most sessions are still published ({} of {})",
            file.rows,
            d.sessions
        );
    }
}

#[test]
fn the_file_holds_no_name_number_concern_or_date_and_says_what_was_done_beside_it() {
    let (conn, [partner, _]) = school();
    let dir = TestDir::new("identifiers");
    let (file, rows) = export(&conn, partner, whole_year(), dir.join("sessions.csv"));
    let text = std::fs::read_to_string(&file.path).unwrap();
    let listed = |sql: &str| -> Vec<String> {
        conn.prepare(sql).unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    let names = listed("SELECT first_name || ' ' || last_name FROM students UNION ALL SELECT name FROM teachers");
    for forbidden in names.iter().map(String::as_str).chain(CONCERNS.iter().copied()) {
        assert!(!text.contains(forbidden), "the file contains {forbidden:?}");
    }
    // Student numbers are digits, which a writer code's hex may contain by chance: every cell but
    // the code is checked.
    let numbers = listed("SELECT student_number FROM students WHERE student_number IS NOT NULL");
    assert!(!numbers.is_empty());
    for row in &rows[1..] {
        assert!(row[0].starts_with("W-") && row[0].len() == 14, "{:?}", row[0]);
        for cell in &row[1..] {
            assert!(!numbers.iter().any(|number| cell.contains(number.as_str())), "a student number in {cell:?}");
        }
    }
    assert!(!rows[0].iter().any(|h| h.contains("Date") || h.contains("Concern")), "{:?}", rows[0]);
    assert!(rows[1..].iter().all(|row| row[1].contains("-W")), "weeks, never dates");
    let is_date = |cell: &String| NaiveDate::parse_from_str(cell, "%Y-%m-%d").is_ok();
    assert!(!rows.iter().flatten().any(is_date));

    // Nothing was withheld at k = 10 here, so the ratings are the school's own, pair for pair.
    assert_eq!(file.disclosure.withheld, 0);
    let ratings_in = |rows: &[Vec<String>]| -> BTreeMap<(String, String), usize> {
        let mut counts = BTreeMap::new();
        for row in &rows[1..] {
            *counts.entry((row[10].clone(), row[11].clone())).or_default() += 1;
        }
        counts
    };
    let school: Vec<Vec<String>> = std::iter::once(Vec::new())
        .chain(
            conn.prepare("SELECT coalesce(confidence_before, ''), coalesce(confidence_after, '') FROM sessions WHERE deleted_at IS NULL")
                .unwrap()
                .query_map([], |r| {
                    let text = |i| r.get_ref(i).map(|v| match v {
                        rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                        _ => String::new(),
                    });
                    Ok(vec![String::new(); 10].into_iter().chain([text(0)?, text(1)?]).collect())
                })
                .unwrap()
                .map(Result::unwrap),
        )
        .collect();
    assert_eq!(ratings_in(&rows), ratings_in(&school));

    let readme = std::fs::read_to_string(&file.readme).unwrap();
    let d = &file.disclosure;
    for expected in [
        format!("No row can be narrowed to fewer than {} sessions", d.threshold),
        format!("{} withheld", d.withheld),
        "every file gets new codes".to_owned(),
    ] {
        assert!(readme.contains(&expected), "the README says {expected:?}:\n{readme}");
    }
    #[cfg(unix)]
    for path in [&file.path, &file.readme] {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(path).unwrap().permissions().mode() & 0o777, 0o600, "{path}");
    }
}

#[test]
fn codes_link_files_only_under_a_data_sharing_agreement() {
    let (mut conn, [partner, other]) = school();
    let dir = TestDir::new("codes");
    let codes = |conn: &Connection, partner: i64, name: &str| -> HashSet<String> {
        export(conn, partner, whole_year(), dir.join(name)).1[1..].iter().map(|row| row[0].clone()).collect()
    };
    let first = codes(&conn, partner, "a.csv");
    let again = codes(&conn, partner, "b.csv");
    assert!(first.is_disjoint(&again), "without an agreement each file has codes of its own");

    let now = clock::parse("2026-12-01T09:00:00").unwrap();
    write(&mut conn, |tx| data_sharing::record(tx, partner, "2026-09-01", "Tutoring outcomes study", now)).unwrap();
    let (file, _) = export(&conn, partner, whole_year(), dir.join("c.csv"));
    assert!(std::fs::read_to_string(&file.readme)
        .unwrap()
        .contains("agreement of 2026-09-01 (Tutoring outcomes study)"));
    let stable = codes(&conn, partner, "d.csv");
    assert_eq!(stable, codes(&conn, partner, "e.csv"), "under the agreement a writer keeps one code");
    assert!(stable.is_disjoint(&first));
    assert!(stable.is_disjoint(&codes(&conn, other, "f.csv")), "another partner never shares them");
}

/// The attacker holds two row files whose ranges overlap, each starting mid-week, under a
/// data-sharing agreement (so codes line up). Rows of a week in one file and not the other would
/// be learned by subtraction; there are none.
#[test]
fn two_overlapping_row_files_give_away_nothing_either_withholds() {
    let (mut conn, [partner, _]) = school();
    let now = clock::parse("2026-12-01T09:00:00").unwrap();
    write(&mut conn, |tx| data_sharing::record(tx, partner, "2026-09-01", "Study", now)).unwrap();
    // Three middle-schoolers taking a high-school course: too few in any week, so withheld.
    conn.execute("UPDATE students SET grade = 7 WHERE id IN (SELECT id FROM students ORDER BY id LIMIT 3)", [])
        .unwrap();
    let dir = TestDir::new("overlap");
    let by_week = |rows: &[Vec<String>]| -> BTreeMap<String, Vec<Vec<String>>> {
        let mut weeks: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
        for row in &rows[1..] {
            weeks.entry(row[1].clone()).or_default().push(row.clone());
        }
        weeks
    };
    let (first_file, first) =
        export(&conn, partner, Days::typed("2026-09-02", "2026-12-16").unwrap(), dir.join("a.csv"));
    let (second_file, second) =
        export(&conn, partner, Days::typed("2026-10-15", "2027-02-03").unwrap(), dir.join("b.csv"));
    assert!(first_file.disclosure.withheld > 0 && second_file.disclosure.withheld > 0, "both files withhold rows");
    assert_eq!(first_file.disclosure.first_week, "2026-W36", "the Wednesday's whole week");
    let (first, second) = (by_week(&first), by_week(&second));
    let shared: Vec<&String> = first.keys().filter(|week| second.contains_key(*week)).collect();
    assert!(shared.len() >= 8, "{shared:?}");
    for week in shared {
        assert_eq!(first[week], second[week], "{week}: the same rows, in the same order, in both files");
    }
}
