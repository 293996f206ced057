//! Writers: the students who come to the center.

use rustc_hash::FxHashMap;

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension, Row, Statement, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::audit::{self, Actor};
use super::bulk_load;
use crate::clock;
use crate::error::{Error, Result};
use crate::text;
use crate::vocabulary::AuditAction;

const NAME_MAX: usize = 80;
const NUMBER_MAX: usize = 20;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NewStudent {
    pub student_number: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub preferred_name: Option<String>,
    pub grade: Option<i64>,
    pub graduation_year: Option<i64>,
    pub multilingual: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Student {
    pub id: i64,
    pub student_number: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub preferred_name: String,
    pub grade: Option<i64>,
    pub graduation_year: Option<i64>,
    pub multilingual: bool,
    pub active: bool,
}

/// A writer as the front desk sees them in search: what the ID card shows, and the name they go
/// by. Nothing else about a student reaches the desk (not the multilingual flag).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeskWriter {
    pub id: i64,
    pub student_number: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub preferred_name: String,
    pub grade: Option<i64>,
}

impl From<Student> for DeskWriter {
    fn from(student: Student) -> DeskWriter {
        let Student { id, student_number, first_name, last_name, preferred_name, grade, .. } = student;
        DeskWriter { id, student_number, first_name, last_name, preferred_name, grade }
    }
}

/// The desk's search: [`search`], narrowed to [`DeskWriter`]s.
pub fn desk_search(conn: &Connection, query: &str, limit: usize) -> Result<Vec<DeskWriter>> {
    Ok(search(conn, query, limit)?.into_iter().map(DeskWriter::from).collect())
}

/// A student as checked and normalised, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ValidStudent {
    pub(super) student_number: Option<String>,
    pub(super) first_name: String,
    pub(super) last_name: String,
    pub(super) preferred_name: String,
    pub(super) grade: Option<i64>,
    pub(super) graduation_year: Option<i64>,
    pub(super) multilingual: bool,
}

/// A student's fields before they are checked, borrowed from a form or a roster row.
#[derive(Debug, Clone, Copy)]
pub(super) struct StudentFields<'a> {
    /// Empty: none yet.
    pub(super) student_number: &'a str,
    pub(super) first_name: &'a str,
    pub(super) last_name: &'a str,
    pub(super) preferred_name: &'a str,
    pub(super) grade: Option<i64>,
    pub(super) graduation_year: Option<i64>,
    pub(super) multilingual: bool,
}

pub(super) fn validate(new: &NewStudent) -> Result<ValidStudent> {
    validate_fields(StudentFields {
        student_number: new.student_number.as_deref().unwrap_or(""),
        first_name: &new.first_name,
        last_name: &new.last_name,
        preferred_name: new.preferred_name.as_deref().unwrap_or(""),
        grade: new.grade,
        graduation_year: new.graduation_year,
        multilingual: new.multilingual,
    })
}

pub(super) fn validate_fields(fields: StudentFields) -> Result<ValidStudent> {
    let student_number = match fields.student_number.trim() {
        "" => None,
        number => Some(valid_student_number(number)?),
    };
    if let Some(grade) = fields.grade {
        if !(6..=12).contains(&grade) {
            return Err(Error::Invalid(format!("Grade must be between 6 and 12, not {grade}.")));
        }
    }
    if let Some(year) = fields.graduation_year {
        if !(2000..=2100).contains(&year) {
            return Err(Error::Invalid(format!("Graduation year {year} is not a plausible year.")));
        }
    }
    Ok(ValidStudent {
        student_number,
        first_name: text::required("First name", fields.first_name, NAME_MAX)?,
        last_name: text::required("Last name", fields.last_name, NAME_MAX)?,
        preferred_name: text::optional("Preferred name", fields.preferred_name, NAME_MAX)?,
        grade: fields.grade,
        graduation_year: fields.graduation_year,
        multilingual: fields.multilingual,
    })
}

/// Student numbers come from ID cards and the school's export: letters, digits and dashes.
pub fn valid_student_number(number: &str) -> Result<String> {
    let number = number.trim();
    if number.is_empty() || number.len() > NUMBER_MAX || !number.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return Err(Error::Invalid(format!(
            "Student number \"{}\" is not valid: use up to {NUMBER_MAX} letters, digits or dashes.",
            number.chars().take(NUMBER_MAX + 5).collect::<String>()
        )));
    }
    Ok(number.to_owned())
}

const COLUMNS: &str =
    "id, student_number, first_name, last_name, preferred_name, grade, graduation_year, multilingual, active";

fn from_row(row: &Row) -> rusqlite::Result<Student> {
    Ok(Student {
        id: row.get(0)?,
        student_number: row.get(1)?,
        first_name: row.get(2)?,
        last_name: row.get(3)?,
        preferred_name: row.get(4)?,
        grade: row.get(5)?,
        graduation_year: row.get(6)?,
        multilingual: row.get(7)?,
        active: row.get(8)?,
    })
}

pub fn add(tx: &Transaction, new: &NewStudent, actor: Actor, now: NaiveDateTime) -> Result<Student> {
    let student = validate(new)?;
    if let Some(number) = &student.student_number {
        if let Some(owner) = find_by_number(tx, number)? {
            // The desk is told only that the number is taken, never whose it is.
            return Err(Error::Conflict(match actor {
                Actor::FrontDesk => format!("Student number {number} is already on file for another writer."),
                Actor::Director => {
                    format!("Student number {number} already belongs to {} {}.", owner.first_name, owner.last_name)
                }
            }));
        }
    }
    let id = insert(tx, &student, &clock::format(now))?;
    let mut changes = serde_json::Map::new();
    changes.insert("name".into(), json!([null, format!("{} {}", student.first_name, student.last_name)]));
    audit::record(tx, now, actor, "student", id, AuditAction::Create, changes)?;
    get(tx, id)
}

/// Adds the new students of a roster import, already checked against the file and the database.
/// The import is one act, so it is one audit entry: the range of ids it added (`IMPORT_ENTITY`,
/// keyed by the first), which `session_records::history` shows in each student's history. What
/// each student was created as is the file's row, and every later change is audited with its
/// old value. Built for 100,000 rows in one transaction; the unique student number still guards
/// against a mistake.
pub(super) fn add_from_roster(
    tx: &Transaction,
    mut students: Vec<&ValidStudent>,
    actor: Actor,
    now: NaiveDateTime,
) -> Result<()> {
    // In number order, each goes in at the end of the student number index; a roster in name
    // order would otherwise put them all over it.
    students.sort_by(|a, b| a.student_number.cmp(&b.student_number));
    let stamp = clock::format(now);
    let added = bulk_load::load_rows(tx, "students", students.len(), || {
        // One statement for the whole load: looking it up in the cache for every row showed.
        let mut statement = tx.prepare(INSERT)?;
        let mut ids = None;
        for student in &students {
            let id = insert_with(&mut statement, student, &stamp)?;
            ids.get_or_insert((id, id)).1 = id;
        }
        Ok(ids)
    })?;
    let Some((first_id, last_id)) = added else { return Ok(()) };
    let mut changes = serde_json::Map::new();
    changes.insert("students added".into(), json!([null, students.len()]));
    changes.insert(IMPORT_LAST_ID.into(), json!([null, last_id]));
    audit::record(tx, now, actor, IMPORT_ENTITY, first_id, AuditAction::Create, changes)
}

/// The audit entity of a roster import's added students: its id is the first student's, and
/// `IMPORT_LAST_ID` in its changes names the last (ids grow, so the students in between are the
/// import's too).
pub(super) const IMPORT_ENTITY: &str = "student import";
pub(super) const IMPORT_LAST_ID: &str = "last id";

const INSERT: &str = "INSERT INTO students (student_number, first_name, last_name, preferred_name, grade,
         graduation_year, multilingual, first_key, last_key, preferred_key, created_at, updated_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)";

fn insert(tx: &Transaction, student: &ValidStudent, stamp: &str) -> Result<i64> {
    let mut statement = tx.prepare_cached(INSERT)?;
    insert_with(&mut statement, student, stamp)
}

fn insert_with(statement: &mut Statement, student: &ValidStudent, stamp: &str) -> Result<i64> {
    Ok(statement.insert(params![
        student.student_number,
        student.first_name,
        student.last_name,
        student.preferred_name,
        student.grade,
        student.graduation_year,
        student.multilingual,
        text::fold(&student.first_name),
        text::fold(&student.last_name),
        text::fold(&student.preferred_name),
        stamp,
    ])?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Student> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM students WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("No student with id {id}.")))
}

pub fn find_by_number(conn: &Connection, number: &str) -> Result<Option<Student>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM students WHERE student_number = ?1"))?
        .query_row([number], from_row)
        .optional()?)
}

/// Students in name order, a page at a time; `name` (if not empty) keeps those whose first,
/// last or preferred name starts with it, or whose student number does.
pub fn list(conn: &Connection, name: &str, include_inactive: bool, limit: i64, offset: i64) -> Result<Vec<Student>> {
    let prefix = text::fold(&text::optional("Name", name, 80)?);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM students WHERE (active = 1 OR ?1)
           AND (?4 = '' OR substr(first_key, 1, length(?4)) = ?4 OR substr(last_key, 1, length(?4)) = ?4
                OR substr(preferred_key, 1, length(?4)) = ?4 OR substr(student_number, 1, length(?4)) = ?4)
         ORDER BY last_key, first_key, id LIMIT ?2 OFFSET ?3"
    ))?;
    let rows = stmt.query_map(params![include_inactive, limit, offset, prefix], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether the roster row would change nothing about this (active) student.
pub(super) fn roster_fields_match(current: &Student, v: &ValidStudent) -> bool {
    current.active
        && current.first_name == v.first_name
        && current.last_name == v.last_name
        && current.preferred_name == v.preferred_name
        && current.grade == v.grade
        && current.graduation_year == v.graduation_year
        && current.multilingual == v.multilingual
}

/// Brings a student up to date from the roster (and back to active), auditing each change.
pub(super) fn update_from_roster(
    tx: &Transaction,
    current: &Student,
    v: &ValidStudent,
    actor: Actor,
    now: NaiveDateTime,
) -> Result<()> {
    let mut changes = serde_json::Map::new();
    let mut note = |field: &str, old: serde_json::Value, new: serde_json::Value| {
        if old != new {
            changes.insert(field.into(), json!([old, new]));
        }
    };
    note("first name", json!(current.first_name), json!(v.first_name));
    note("last name", json!(current.last_name), json!(v.last_name));
    note("preferred name", json!(current.preferred_name), json!(v.preferred_name));
    note("grade", json!(current.grade), json!(v.grade));
    note("graduation year", json!(current.graduation_year), json!(v.graduation_year));
    note("multilingual", json!(current.multilingual), json!(v.multilingual));
    note("active", json!(current.active), json!(true));
    tx.execute(
        "UPDATE students SET first_name = ?2, last_name = ?3, preferred_name = ?4, grade = ?5, graduation_year = ?6,
             multilingual = ?7, active = 1, first_key = ?8, last_key = ?9, preferred_key = ?10, updated_at = ?11
         WHERE id = ?1",
        params![
            current.id,
            v.first_name,
            v.last_name,
            v.preferred_name,
            v.grade,
            v.graduation_year,
            v.multilingual,
            text::fold(&v.first_name),
            text::fold(&v.last_name),
            text::fold(&v.preferred_name),
            clock::format(now),
        ],
    )?;
    audit::record(tx, now, actor, "student", current.id, AuditAction::Update, changes)
}

/// Marks a student active or inactive (e.g. graduated) without touching their history.
pub fn set_active(tx: &Transaction, id: i64, active: bool, actor: Actor, now: NaiveDateTime) -> Result<()> {
    let current = get(tx, id)?;
    if current.active == active {
        return Ok(());
    }
    tx.execute(
        "UPDATE students SET active = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, active, clock::format(now)],
    )?;
    let mut changes = serde_json::Map::new();
    changes.insert("active".into(), json!([current.active, active]));
    audit::record(tx, now, actor, "student", id, AuditAction::Update, changes)
}

/// Every student with a student number, by number: a roster import matches its rows against
/// this in memory instead of looking each one up.
pub(super) fn by_number(conn: &Connection) -> Result<FxHashMap<String, Student>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM students WHERE student_number IS NOT NULL"))?;
    let rows = stmt.query_map([], from_row)?;
    let mut students = FxHashMap::default();
    for student in rows {
        let student = student?;
        students.insert(student.student_number.clone().unwrap_or_default(), student);
    }
    Ok(students)
}

/// Upper bound for a prefix range: every key starting with `prefix` sorts below it.
fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

/// Writers whose first, last or preferred name starts with each typed word (case and accents
/// ignored), or whose student number starts with the query. Active writers only, as the front
/// desk needs them: an exact number first, then last-name, first-name and preferred-name matches,
/// each in name order. Each branch reads its index in order and stops at `limit`, so a one-letter
/// query on a large roster costs no more than a precise one.
pub fn search(conn: &Connection, query: &str, limit: usize) -> Result<Vec<Student>> {
    let query = query.trim();
    let words: Vec<String> = text::fold(query).split_whitespace().map(str::to_owned).collect();
    let Some(anchor) = words.iter().max_by_key(|w| w.chars().count()).cloned() else {
        return Ok(Vec::new());
    };
    // Every other word must prefix one of the names, too.
    let others: Vec<&String> = {
        let mut skipped = false;
        words
            .iter()
            .filter(|w| {
                if !skipped && **w == anchor {
                    skipped = true;
                    false
                } else {
                    true
                }
            })
            .collect()
    };
    let mut filter = String::new();
    let mut values: Vec<String> = vec![anchor.clone(), prefix_end(&anchor), query.to_owned(), prefix_end(query)];
    for word in &others {
        let (lo, hi) = (values.len() + 1, values.len() + 2);
        filter.push_str(&format!(
            " AND ((first_key >= ?{lo} AND first_key < ?{hi}) OR (last_key >= ?{lo} AND last_key < ?{hi}) \
             OR (preferred_key >= ?{lo} AND preferred_key < ?{hi}))"
        ));
        values.push((*word).clone());
        values.push(prefix_end(word));
    }
    let branch = |condition: &str, order: &str| {
        format!("SELECT * FROM (SELECT {COLUMNS} FROM students WHERE active = 1 AND {condition}{filter} ORDER BY {order} LIMIT {limit})")
    };
    let sql = [
        branch("student_number = ?3", "id"),
        branch("student_number >= ?3 AND student_number < ?4", "student_number"),
        branch("last_key >= ?1 AND last_key < ?2", "last_key, first_key"),
        branch("first_key >= ?1 AND first_key < ?2", "first_key, last_key"),
        branch("preferred_key <> '' AND preferred_key >= ?1 AND preferred_key < ?2", "preferred_key, last_key"),
    ]
    .join(" UNION ALL ");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values.iter()), from_row)?;
    let mut found: Vec<Student> = Vec::with_capacity(limit);
    for student in rows {
        let student = student?;
        if !found.iter().any(|s| s.id == student.id) {
            found.push(student);
            if found.len() == limit {
                break;
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::{open_in_memory, write};

    fn at() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap().and_hms_opt(8, 30, 0).unwrap()
    }

    fn ana() -> NewStudent {
        NewStudent {
            student_number: Some(" 100234 ".into()),
            first_name: "Ana".into(),
            last_name: "Lima".into(),
            preferred_name: Some("Annie".into()),
            grade: Some(10),
            ..Default::default()
        }
    }

    fn count(conn: &Connection, table: &str) -> i64 {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn added_student_reads_back_normalised_and_is_audited() {
        let mut conn = open_in_memory().unwrap();
        let added = write(&mut conn, |tx| add(tx, &ana(), Actor::Director, at())).unwrap();
        assert_eq!(added.student_number.as_deref(), Some("100234"));
        assert_eq!(added.preferred_name, "Annie");
        assert!(added.active);
        assert_eq!(list(&conn, "", false, 50, 0).unwrap(), vec![added.clone()]);
        assert_eq!(list(&conn, "LIM", false, 50, 0).unwrap(), vec![added.clone()]);
        assert!(list(&conn, "x", false, 50, 0).unwrap().is_empty());
        let (entity, action): (String, String) = conn
            .query_row("SELECT entity, action FROM audit_log WHERE entity_id = ?1", [added.id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((entity.as_str(), action.as_str()), ("student", "create"));
    }

    #[test]
    fn duplicate_number_is_refused_and_nothing_is_written() {
        let mut conn = open_in_memory().unwrap();
        write(&mut conn, |tx| add(tx, &ana(), Actor::Director, at())).unwrap();
        let other = NewStudent { first_name: "Bo".into(), ..ana() };
        let err = write(&mut conn, |tx| add(tx, &other, Actor::Director, at())).unwrap_err();
        assert_eq!(err.to_string(), "Student number 100234 already belongs to Ana Lima.");
        assert_eq!(count(&conn, "students"), 1);
        assert_eq!(count(&conn, "audit_log"), 1);
    }

    #[test]
    fn invalid_fields_are_refused_with_precise_messages() {
        let mut conn = open_in_memory().unwrap();
        let cases = [
            (NewStudent { last_name: " ".into(), ..ana() }, "Last name is required."),
            (NewStudent { grade: Some(13), ..ana() }, "Grade must be between 6 and 12, not 13."),
            (
                NewStudent { student_number: Some("12 34".into()), ..ana() },
                "Student number \"12 34\" is not valid: use up to 20 letters, digits or dashes.",
            ),
        ];
        for (input, message) in cases {
            let err = write(&mut conn, |tx| add(tx, &input, Actor::Director, at())).unwrap_err();
            assert_eq!(err.to_string(), message);
        }
        assert_eq!(count(&conn, "students"), 0);
    }

    #[test]
    fn quick_added_students_may_share_a_missing_number() {
        let mut conn = open_in_memory().unwrap();
        for first in ["Ana", "Bo"] {
            let new = NewStudent { student_number: None, first_name: first.into(), ..ana() };
            write(&mut conn, |tx| add(tx, &new, Actor::FrontDesk, at())).unwrap();
        }
        let names: Vec<_> = list(&conn, "", false, 50, 0).unwrap().into_iter().map(|s| s.first_name).collect();
        assert_eq!(names, ["Ana", "Bo"]);
    }

    fn named(first: &str, last: &str, preferred: &str, number: Option<&str>) -> NewStudent {
        NewStudent {
            student_number: number.map(Into::into),
            first_name: first.into(),
            last_name: last.into(),
            preferred_name: Some(preferred.into()),
            grade: Some(11),
            ..Default::default()
        }
    }

    fn search_names(conn: &Connection, query: &str) -> Vec<String> {
        search(conn, query, 10).unwrap().into_iter().map(|s| format!("{} {}", s.first_name, s.last_name)).collect()
    }

    #[test]
    fn search_matches_prefixes_of_names_and_numbers_ignoring_case_and_accents() {
        let mut conn = open_in_memory().unwrap();
        write(&mut conn, |tx| {
            for new in [
                named("José", "Álvarez", "", Some("5001")),
                named("Joanna", "Smith", "Jo", Some("5002")),
                named("Li", "Jones", "", Some("6001")),
                named("Mark", "Lee", "Joey", None),
            ] {
                add(tx, &new, Actor::Director, at())?;
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(search_names(&conn, "jose"), ["José Álvarez"]);
        assert_eq!(search_names(&conn, "ALV"), ["José Álvarez"]);
        assert_eq!(search_names(&conn, "jo"), ["Li Jones", "Joanna Smith", "José Álvarez", "Mark Lee"]);
        assert_eq!(search_names(&conn, "joe"), ["Mark Lee"], "preferred name");
        assert_eq!(search_names(&conn, "jo sm"), ["Joanna Smith"]);
        assert_eq!(search_names(&conn, "smith jo"), ["Joanna Smith"]);
        assert_eq!(search_names(&conn, "500"), ["José Álvarez", "Joanna Smith"]);
        assert_eq!(search_names(&conn, "6001"), ["Li Jones"]);
        assert!(search_names(&conn, "zz").is_empty());
        assert!(search_names(&conn, "   ").is_empty());
        assert!(search_names(&conn, "son").is_empty(), "prefixes, not substrings");
    }

    #[test]
    fn search_leaves_out_inactive_writers_and_respects_the_limit() {
        let mut conn = open_in_memory().unwrap();
        write(&mut conn, |tx| {
            for i in 0..30 {
                add(tx, &named("Sam", &format!("Ng{i:02}"), "", None), Actor::Director, at())?;
            }
            Ok(())
        })
        .unwrap();
        conn.execute("UPDATE students SET active = 0 WHERE last_name = 'Ng00'", []).unwrap();
        let found = search(&conn, "sam", 8).unwrap();
        assert_eq!(found.len(), 8);
        assert_eq!(found[0].last_name, "Ng01");
    }
}
