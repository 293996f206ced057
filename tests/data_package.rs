//! Every partner report saved as a data package, on a synthetic school year: the zip holds the
//! same CSV the plain export writes, and a datapackage.json each file validates against (types,
//! allowed values, required fields, the suppression marker), checked as a partner's tools would
//! (tests/support/table_schema.rs). A package that fails on the way leaves nothing behind.

mod support;

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;
use scriptorium_core::clock::{self, Days};
use scriptorium_core::error::Error;
use scriptorium_core::export::data_package::{self, Described, Packaged};
use scriptorium_core::export::package_schemas;
use scriptorium_core::export::reports::{self, Exported};
use scriptorium_core::storage::{exports, open_in_memory, settings, write};
use scriptorium_core::synthetic::{self, SchoolSize};
use support::table_schema::check_package;
use support::TestDir;

fn school() -> (Connection, i64) {
    let mut conn = open_in_memory().unwrap();
    let size = SchoolSize { students: 400, tutors: 16, teachers: 12, sessions: 4_000, years: 1, last_year: 2026 };
    synthetic::add_school(&mut conn, size, 5).unwrap();
    write(&mut conn, exports::ensure_pseudonym_secret).unwrap();
    let partner = conn.query_row("SELECT min(id) FROM institutions", [], |r| r.get(0)).unwrap();
    (conn, partner)
}

fn after_the_year() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 8, 1).unwrap()
}

fn year() -> Days {
    Days::typed("2026-08-01", "2027-07-31").unwrap()
}

/// Saves `report` both ways: as `name`.csv and inside `name`.zip; returns the zip's path and
/// the plain file's bytes.
fn both_ways<T: Packaged>(
    dir: &TestDir,
    name: &str,
    report: impl Fn(&Path) -> scriptorium_core::error::Result<T>,
    describe: impl FnOnce(&T) -> scriptorium_core::error::Result<Described>,
) -> (std::path::PathBuf, Vec<u8>) {
    let plain = dir.join(format!("{name}.csv"));
    report(&plain).unwrap();
    let zip = dir.join(format!("{name}.zip"));
    data_package::save(&zip, &format!("{name}.csv"), &report, describe, clock::now()).unwrap();
    (zip, std::fs::read(plain).unwrap())
}

fn packaged_file(zip: &Path, name: &str) -> Vec<u8> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    let mut bytes = Vec::new();
    archive.by_name(name).unwrap().read_to_end(&mut bytes).unwrap();
    bytes
}

fn column<'a>(rows: &'a [Vec<String>], descriptor_fields: &serde_json::Value, name: &str) -> Vec<&'a str> {
    let index = descriptor_fields.as_array().unwrap().iter().position(|f| f["name"] == name).unwrap();
    rows.iter().map(|row| row[index].as_str()).collect()
}

#[test]
fn every_partner_report_validates_against_its_package_schema() {
    let (mut conn, partner) = school();
    write(&mut conn, |tx| settings::set_suppression_threshold(tx, 10)).unwrap();
    let dir = TestDir::new("data-package");

    let (zip, plain) = both_ways(
        &dir,
        "sessions-deidentified",
        |path| reports::deidentified_sessions(&conn, partner, year(), after_the_year(), path),
        |file| package_schemas::deidentified_sessions(&conn, file),
    );
    let checked = check_package(&zip);
    let (_, rows) = &checked.tables[0];
    assert!(rows.len() > 1_000, "most sessions are published: {}", rows.len());
    let fields = &checked.descriptor["resources"][0]["schema"]["fields"];
    assert!(column(rows, fields, "Grade").contains(&"9-10"), "grade bands are allowed values");
    assert!(column(rows, fields, "Assignment type").contains(&"Any"), "so is the generalization marker");
    assert!(checked.files.contains(&"sessions-deidentified.README.txt".to_owned()), "{:?}", checked.files);
    let disclosure = &checked.descriptor["resources"][0]["disclosure"];
    assert_eq!(disclosure["k"], 10);
    assert_eq!(
        disclosure["rows"]["sessions"].as_u64().unwrap() as usize,
        rows.len() + disclosure["rows"]["withheld"].as_u64().unwrap() as usize
    );
    assert_eq!(checked.descriptor["resources"][1]["name"], "readme");
    // Each file has its own codes (no agreement), which also order a week's rows: the same rows
    // otherwise.
    let without_codes = |bytes: &[u8]| -> Vec<String> {
        let mut rows: Vec<String> = String::from_utf8_lossy(bytes)
            .lines()
            .map(|l| l.split_once(',').map_or(l, |(_, rest)| rest).to_owned())
            .collect();
        rows.sort();
        rows
    };
    let same = without_codes(&packaged_file(&zip, "sessions-deidentified.csv")) == without_codes(&plain);
    assert!(same, "the package holds the rows the plain file holds");

    let (zip, plain) = both_ways(
        &dir,
        "weekly-summary",
        |path| reports::weekly_summary(&conn, partner, year(), after_the_year(), path),
        |exported: &Exported| package_schemas::weekly_summary(&conn, exported),
    );
    let checked = check_package(&zip);
    assert_eq!(packaged_file(&zip, "weekly-summary.csv"), plain, "the same file as the plain export");
    let schema = &checked.descriptor["resources"][0]["schema"];
    assert_eq!(schema["missingValues"], serde_json::json!(["", "suppressed"]));
    let (_, rows) = &checked.tables[0];
    assert!(rows.iter().flatten().any(|cell| cell == "suppressed"), "the year has small counts to hide");
    assert_eq!(checked.descriptor["resources"][0]["disclosure"]["threshold"], 10);

    let (zip, plain) = both_ways(
        &dir,
        "tutor-service-hours",
        |path| reports::service_hours(&conn, partner, true, year(), path),
        |exported| package_schemas::service_hours(&conn, exported),
    );
    let checked = check_package(&zip);
    assert_eq!(packaged_file(&zip, "tutor-service-hours.csv"), plain);
    assert!(checked.tables[0].1.len() > 2, "tutors and the total");

    let (zip, plain) = both_ways(
        &dir,
        "partnership-activities",
        |path| reports::activities(&conn, partner, year(), path),
        |exported| package_schemas::activities(&conn, exported),
    );
    let checked = check_package(&zip);
    assert_eq!(packaged_file(&zip, "partnership-activities.csv"), plain);
    assert!(!checked.tables[0].1.is_empty(), "the synthetic partnership has activities");
    assert_eq!(checked.descriptor["profile"], "tabular-data-package");
}

/// The check is a real one: a schema that forgets the suppression marker fails it.
#[test]
#[should_panic(expected = "\"suppressed\" is not an integer")]
fn a_schema_that_disagrees_with_its_file_fails_the_check() {
    let (conn, partner) = school();
    let dir = TestDir::new("data-package-wrong");
    let zip = dir.join("summary.zip");
    let forgetful = |exported: &Exported| {
        let (mut table, documents) = package_schemas::weekly_summary(&conn, exported)?;
        table.missing_values = vec![""];
        Ok((table, documents))
    };
    let report = |path: &Path| reports::weekly_summary(&conn, partner, year(), after_the_year(), path);
    data_package::save(&zip, "summary.csv", report, forgetful, clock::now()).unwrap();
    check_package(&zip);
}

#[test]
fn a_package_that_fails_on_the_way_leaves_nothing_behind() {
    let (conn, partner) = school();
    let dir = TestDir::new("data-package-fails");
    let zip = dir.join("activities.zip");
    let failing = |_: &Exported| Err(Error::Invalid("the description failed".into()));
    let report = |path: &Path| reports::activities(&conn, partner, year(), path);
    let err = data_package::save(&zip, "activities.csv", report, failing, clock::now()).unwrap_err();
    assert_eq!(err.to_string(), "the description failed");
    let left: Vec<_> = std::fs::read_dir(&*dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.is_empty(), "no zip, partial file or working folder: {left:?}");
}
