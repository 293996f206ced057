//! The weekly summary a partner receives: small counts hidden, and no hidden count recoverable.
//! The attacker here reads only the CSV, writes down every sum the table publishes, and solves
//! the system exactly (rational row reduction) for each hidden cell.

mod support;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;
use scriptorium_core::clock::Days;
use scriptorium_core::export::{reports, weekly_summary::SUPPRESSED};
use scriptorium_core::storage::partners::{self, NewInstitution};
use scriptorium_core::storage::{open_in_memory, settings, write};
use scriptorium_core::synthetic::{self, SchoolSize};
use support::week_fixture::{self, at};

fn add_partner(conn: &mut Connection) -> i64 {
    let new =
        NewInstitution { name: "Hill College".into(), kind: "university_writing_center".into(), notes: "".into() };
    write(conn, |tx| partners::add_institution(tx, &new, at("2026-08-01", "08:00"))).unwrap().id
}

/// A table cell as (row, column); a published sum as its total cell and its part cells.
type Cell = (usize, usize);
type PublishedSum = (Cell, Vec<Cell>);
/// Rows of counts, `None` where suppressed.
type Grid = Vec<Vec<Option<i64>>>;
/// The header, and each row's label with its counts.
type Summary = (Vec<String>, Vec<(String, Vec<Option<i64>>)>);

/// The file as a header and rows of label + cells, `None` where suppressed.
fn read(path: &Path) -> Summary {
    let text = std::fs::read_to_string(path).unwrap();
    let mut reader = csv::Reader::from_reader(text.strip_prefix('\u{feff}').unwrap().as_bytes());
    let header = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            let cells = record.iter().skip(1).map(|c| if c == SUPPRESSED { None } else { Some(c.parse().unwrap()) });
            (record[0].to_owned(), cells.collect())
        })
        .collect();
    (header, rows)
}

fn column(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}")) - 1
}

/// A day after the synthetic school year, so every week of it has ended.
fn after_the_year() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 8, 1).unwrap()
}

/// Every sum the table publishes, as (total cell, part cells) with cells as (row, column): each
/// week's own (there is no total row to subtract weeks from).
fn published_sums(header: &[String], rows: usize) -> Vec<PublishedSum> {
    let col = |name: &str| column(header, name);
    let grades: Vec<usize> =
        (1..header.len()).filter(|&i| header[i].starts_with("Sessions: Grade")).map(|i| i - 1).collect();
    let grades: Vec<usize> = grades.into_iter().chain([col("Sessions: Other or unrecorded grade")]).collect::<Vec<_>>();
    let leads: Vec<usize> =
        (1..header.len()).filter(|&i| header[i].starts_with("Sessions: Led by")).map(|i| i - 1).collect();
    assert_eq!((grades.len(), leads.len()), (5, 4));
    let mut sums = Vec::new();
    for r in 0..rows {
        sums.push(((r, col("Sessions")), grades.iter().map(|&c| (r, c)).collect()));
        sums.push(((r, col("Sessions")), leads.iter().map(|&c| (r, c)).collect()));
        sums.push(((r, col("Unique writers")), vec![(r, col("New writers")), (r, col("Returning writers"))]));
        sums.push((
            (r, col("Sessions")),
            vec![(r, col("Sessions: From an appointment")), (r, col("Sessions: Walk-in"))],
        ));
    }
    sums
}

/// Exact fractions, enough for row-reducing sums of counts.
#[derive(Clone, Copy, PartialEq, Debug)]
struct Fraction(i128, i128);

impl Fraction {
    fn new(n: i128, d: i128) -> Fraction {
        fn gcd(a: i128, b: i128) -> i128 {
            if b == 0 {
                a.abs()
            } else {
                gcd(b, a % b)
            }
        }
        let g = gcd(n, d).max(1) * d.signum();
        Fraction(n / g, d / g)
    }
    fn zero(self) -> bool {
        self.0 == 0
    }
    fn sub_mul(self, factor: Fraction, other: Fraction) -> Fraction {
        let product = Fraction::new(factor.0 * other.0, factor.1 * other.1);
        Fraction::new(self.0 * product.1 - product.0 * self.1, self.1 * product.1)
    }
    fn div(self, by: Fraction) -> Fraction {
        Fraction::new(self.0 * by.1, self.1 * by.0)
    }
}

/// The hidden cells an attacker can compute from the published sums, with their values.
fn solve_hidden(grid: &[Vec<Option<i64>>], sums: &[PublishedSum]) -> BTreeMap<Cell, Fraction> {
    let unknowns: Vec<Cell> = (0..grid.len())
        .flat_map(|r| (0..grid[r].len()).map(move |c| (r, c)))
        .filter(|&(r, c)| grid[r][c].is_none())
        .collect();
    let index: BTreeMap<Cell, usize> = unknowns.iter().enumerate().map(|(i, &cell)| (cell, i)).collect();
    // Each sum as coefficients over the unknowns = a constant from the visible cells.
    let mut system: Vec<(Vec<Fraction>, Fraction)> = sums
        .iter()
        .map(|(total, parts)| {
            let mut row = vec![Fraction(0, 1); unknowns.len()];
            let mut constant = 0_i128;
            for (cell, sign) in std::iter::once((total, 1)).chain(parts.iter().map(|p| (p, -1))) {
                match grid[cell.0][cell.1] {
                    Some(value) => constant -= sign * value as i128,
                    None => row[index[cell]] = Fraction::new(row[index[cell]].0 + sign, 1),
                }
            }
            (row, Fraction(constant, 1))
        })
        .collect();
    let mut pivot = 0;
    for c in 0..unknowns.len() {
        let Some(found) = (pivot..system.len()).find(|&r| !system[r].0[c].zero()) else { continue };
        system.swap(pivot, found);
        let lead = system[pivot].0[c];
        let (row, constant) = system[pivot].clone();
        system[pivot] = (row.iter().map(|x| x.div(lead)).collect(), constant.div(lead));
        let (row, constant) = system[pivot].clone();
        for (r, (other, other_constant)) in system.iter_mut().enumerate() {
            let factor = other[c];
            if r != pivot && !factor.zero() {
                other.iter_mut().zip(&row).for_each(|(x, y)| *x = x.sub_mul(factor, *y));
                *other_constant = other_constant.sub_mul(factor, constant);
            }
        }
        pivot += 1;
    }
    system
        .iter()
        .filter_map(|(row, constant)| {
            let nonzero: Vec<usize> = (0..row.len()).filter(|&c| !row[c].zero()).collect();
            (nonzero.len() == 1).then(|| (unknowns[nonzero[0]], constant.div(row[nonzero[0]])))
        })
        .collect()
}

fn small_school() -> (Connection, i64) {
    let mut conn = open_in_memory().unwrap();
    let size = SchoolSize { students: 400, tutors: 16, teachers: 12, sessions: 4_000, years: 1, last_year: 2026 };
    synthetic::add_school(&mut conn, size, 7).unwrap();
    let partner: i64 = conn
        .query_row("SELECT id FROM institutions WHERE kind = 'university_writing_center'", [], |r| r.get(0))
        .unwrap();
    (conn, partner)
}

#[test]
fn no_count_under_the_threshold_is_shown_and_no_hidden_count_can_be_solved_for() {
    let (mut conn, partner) = small_school();
    let folder = tempfile::tempdir().unwrap();
    for threshold in [5, 10, 30] {
        write(&mut conn, |tx| settings::set_suppression_threshold(tx, threshold)).unwrap();
        let path = folder.path().join(format!("summary-{threshold}.csv"));
        let range = Days::typed("2026-08-24", "2027-06-13").unwrap();
        reports::weekly_summary(&conn, partner, range, after_the_year(), &path).unwrap();
        let (header, rows) = read(&path);
        let grid: Grid = rows.iter().map(|(_, cells)| cells.clone()).collect();
        assert!(rows.len() > 40, "a school year of weeks");
        assert!(rows.iter().all(|(label, _)| label.contains("-W")), "weeks only: no total over the range");

        let (sessions, minutes) = (column(&header, "Sessions"), column(&header, "Minutes"));
        for row in &grid {
            for (c, cell) in row.iter().enumerate() {
                if c == minutes {
                    assert!(cell.is_none() || row[sessions].is_some(), "minutes shown for hidden sessions");
                } else if let Some(value) = cell {
                    assert!(*value >= threshold, "{} = {value} shown under threshold {threshold}", header[c + 1]);
                }
            }
        }
        let sums = published_sums(&header, grid.len());
        let solved = solve_hidden(&grid, &sums);
        assert!(solved.is_empty(), "threshold {threshold}: hidden cells solved: {solved:?}");

        // The attacker is real: hide one more shown count and it is solved, exactly.
        let recovered = (0..grid.len()).flat_map(|r| (0..grid[r].len()).map(move |c| (r, c))).find_map(|(r, c)| {
            let value = grid[r][c]?;
            let mut weakened = grid.clone();
            weakened[r][c] = None;
            solve_hidden(&weakened, &sums).get(&(r, c)).map(|solved| (*solved, value))
        });
        let (solved, value) = recovered.expect("some shown count is pinned down by the sums");
        assert_eq!(solved, Fraction(value as i128, 1));

        // The shown counts are the true ones.
        let true_sessions: BTreeMap<String, i64> = conn
            .prepare(
                "SELECT printf('%d-W%02d', iso_week / 100, iso_week % 100), count(*) FROM sessions
                 WHERE deleted_at IS NULL GROUP BY iso_week",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for (label, cells) in &rows {
            if let Some(shown) = cells[sessions] {
                assert_eq!(shown, true_sessions[label], "{label}");
            }
        }
        assert_eq!(rows.len(), true_sessions.len(), "every week with sessions has its row");
    }
}

/// The attacker holds two summaries whose ranges overlap, each starting mid-week, and writes down
/// every sum either publishes plus "the same week's cell is the same count in both files". Solved
/// exactly, the system gives away no cell that either file hides.
#[test]
fn two_overlapping_summaries_give_away_nothing_either_hides() {
    let (conn, partner) = small_school();
    let folder = tempfile::tempdir().unwrap();
    let summary = |name: &str, from: &str, to: &str| {
        let path = folder.path().join(name);
        reports::weekly_summary(&conn, partner, Days::typed(from, to).unwrap(), after_the_year(), &path).unwrap();
        read(&path)
    };
    let (header, first) = summary("overlap-a.csv", "2026-09-02", "2026-12-16");
    let (_, second) = summary("overlap-b.csv", "2026-10-15", "2027-02-03");
    let shared: Vec<&String> =
        first.iter().map(|(label, _)| label).filter(|label| second.iter().any(|(other, _)| other == *label)).collect();
    assert!(shared.len() >= 8, "the files overlap by weeks: {shared:?}");
    assert_eq!(first[0].0, "2026-W36", "a file starting on a Wednesday covers that whole week");

    // Both files in one grid: the first file's rows, then the second's.
    let grid: Grid = first.iter().chain(&second).map(|(_, cells)| cells.clone()).collect();
    let mut sums = published_sums(&header, first.len());
    sums.extend(published_sums(&header, second.len()).into_iter().map(|((r, c), parts)| {
        ((r + first.len(), c), parts.into_iter().map(|(pr, pc)| (pr + first.len(), pc)).collect())
    }));
    for (a, (label, cells)) in first.iter().enumerate() {
        if let Some(b) = second.iter().position(|(other, _)| other == label) {
            assert_eq!(cells, &second[b].1, "{label} reads the same in both files");
            sums.extend((0..cells.len()).map(|c| ((a, c), vec![(first.len() + b, c)])));
        }
    }
    let hidden = grid.iter().flatten().filter(|cell| cell.is_none()).count();
    assert!(hidden > 20, "the files do hide cells ({hidden})");
    assert_eq!(solve_hidden(&grid, &sums), BTreeMap::new(), "nothing hidden is solved for");
}

#[test]
fn the_hand_computed_week_reads_as_worked_out() {
    let mut conn = open_in_memory().unwrap();
    week_fixture::build(&mut conn);
    let partner = add_partner(&mut conn);
    write(&mut conn, |tx| settings::set_suppression_threshold(tx, 5)).unwrap();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("fixture-week.csv");
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let exported =
        reports::weekly_summary(&conn, partner, Days::typed("2026-11-16", "2026-11-22").unwrap(), today, &path)
            .unwrap();
    assert_eq!(exported.rows, 1, "the week");
    let (header, rows) = read(&path);
    let cell = |row: usize, name: &str| rows[row].1[column(&header, name)];
    assert_eq!(rows[0].0, "2026-W47");
    // S1–S5 (S6 is deleted); 4 writers, 2 of them new: under 5, so hidden.
    assert_eq!(cell(0, "Sessions"), Some(5));
    assert_eq!(cell(0, "Unique writers"), None);
    assert_eq!(cell(0, "New writers"), None);

    // Asked on the Sunday, the week has not ended: no file.
    let sunday = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let err = reports::weekly_summary(&conn, partner, Days::typed("2026-11-16", "2026-11-22").unwrap(), sunday, &path)
        .unwrap_err();
    assert!(err.to_string().starts_with("Partner files cover whole weeks that have ended"), "{err}");
}

#[test]
fn the_threshold_setting_allows_5_to_30() {
    let mut conn = open_in_memory().unwrap();
    assert_eq!(settings::suppression_threshold(&conn).unwrap(), 10, "default");
    for bad in [4, 31, -1] {
        let err = write(&mut conn, |tx| settings::set_suppression_threshold(tx, bad)).unwrap_err();
        assert_eq!(err.to_string(), format!("The small-count threshold must be between 5 and 30, not {bad}."));
    }
    assert_eq!(settings::suppression_threshold(&conn).unwrap(), 10, "a refusal changes nothing");
    write(&mut conn, |tx| settings::set_suppression_threshold(tx, 30)).unwrap();
    assert_eq!(settings::suppression_threshold(&conn).unwrap(), 30);
}
