//! Roster import from the school's student information system export (CSV). The file is
//! planned row by row first (add, update, unchanged, or rejected with a reason) so the director
//! sees a preview before anything is written; the import then applies the plan in the caller's
//! single transaction. Students are matched by student number; nobody is ever deleted.

use rustc_hash::FxHashMap;

use chrono::NaiveDateTime;
use rusqlite::{Connection, Transaction};
use serde::Serialize;

use super::audit::Actor;
use super::roster_table::{self, Table};
use super::students::{self, Student, StudentFields, ValidStudent};
use crate::error::{Error, Result};

/// Header names as school systems spell them, after lower-casing and turning `_`/`-` to spaces.
const NUMBER: &[&str] = &[
    "student number",
    "studentnumber",
    "student id",
    "studentid",
    "stu id",
    "student no",
    "student #",
    "id",
    "local id",
    "number",
];
const FIRST: &[&str] = &["first name", "firstname", "first", "given name", "legal first name"];
const LAST: &[&str] = &["last name", "lastname", "last", "surname", "family name", "legal last name"];
const PREFERRED: &[&str] = &["preferred name", "preferredname", "preferred", "nickname", "preferred first name"];
const GRADE: &[&str] = &["grade", "grade level", "gradelevel", "gr"];
const GRADUATION: &[&str] =
    &["graduation year", "grad year", "gradyear", "class of", "cohort", "year of graduation", "yog"];
const MULTILINGUAL: &[&str] = &["multilingual", "ell", "el", "english learner", "multilingual learner"];

/// Rows shown in a preview; the counts cover every row.
const PREVIEW_ROWS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Action {
    Add,
    Update,
    Unchanged,
    Reject,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedRow {
    /// Line in the file (the header is line 1).
    pub line: usize,
    pub student_number: String,
    pub name: String,
    pub action: Action,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: usize,
    /// Students on file but not in the roster, marked inactive (only when asked to).
    pub deactivated: usize,
}

/// A roster file as the director chose it: its bytes and, for a workbook, the sheet to read
/// (None: the first). Plain bytes convert to it.
#[derive(Debug, Clone, Copy)]
pub struct RosterFile<'a> {
    pub bytes: &'a [u8],
    pub sheet: Option<&'a str>,
}

impl<'a, T: AsRef<[u8]> + ?Sized> From<&'a T> for RosterFile<'a> {
    fn from(bytes: &'a T) -> Self {
        RosterFile { bytes: bytes.as_ref(), sheet: None }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    /// How the file was read, e.g. "CSV with semicolons, Windows-1252".
    pub format: String,
    pub counts: Counts,
    /// Rejected rows first, then the others, at most `PREVIEW_ROWS`.
    pub rows: Vec<PlannedRow>,
}

/// A valid row's student as the file has it, and as it is on file now (None: a new student;
/// boxed, as the plan holds one per row and most rows of a large import are new).
type StudentChange = (ValidStudent, Option<Box<Student>>);

struct Plan {
    format: String,
    rows: Vec<(PlannedRow, Option<StudentChange>)>,
    deactivate: Vec<i64>,
}

struct Columns {
    number: usize,
    first: usize,
    last: usize,
    preferred: Option<usize>,
    grade: Option<usize>,
    graduation: Option<usize>,
    multilingual: Option<usize>,
}

fn find_columns(table: &Table) -> Result<Columns> {
    let columns = Columns {
        number: table.require(NUMBER, "student number")?,
        first: table.require(FIRST, "first name")?,
        last: table.require(LAST, "last name")?,
        preferred: table.find(PREFERRED),
        grade: table.find(GRADE),
        graduation: table.find(GRADUATION),
        multilingual: table.find(MULTILINGUAL),
    };
    if columns.grade.is_none() && columns.graduation.is_none() {
        return Err(Error::Invalid("The file needs a grade or a graduation year column.".into()));
    }
    Ok(columns)
}

fn number_cell(label: &str, value: &str) -> std::result::Result<Option<i64>, String> {
    match value.trim() {
        "" => Ok(None),
        text => text.parse().map(Some).map_err(|_| format!("{label} \"{text}\" is not a whole number.")),
    }
}

fn student_from(record: &csv::StringRecord, columns: &Columns) -> std::result::Result<ValidStudent, String> {
    let cell = |index: Option<usize>| index.and_then(|i| record.get(i)).unwrap_or("");
    let yes = |value: &str| ["y", "yes", "true", "1", "x"].iter().any(|word| value.trim().eq_ignore_ascii_case(word));
    let grade = number_cell("Grade", cell(columns.grade))?;
    let graduation_year = number_cell("Graduation year", cell(columns.graduation))?;
    if grade.is_none() && graduation_year.is_none() {
        return Err("Grade or graduation year is required.".into());
    }
    let student = students::validate_fields(StudentFields {
        student_number: cell(Some(columns.number)),
        first_name: cell(Some(columns.first)),
        last_name: cell(Some(columns.last)),
        preferred_name: cell(columns.preferred),
        grade,
        graduation_year,
        multilingual: yes(cell(columns.multilingual)),
    });
    student.map_err(|e| e.to_string())
}

/// `text` cut to at most `chars` characters, for the preview's columns.
fn clipped(mut text: String, chars: usize) -> String {
    // No more bytes than characters allowed: nothing to cut, without walking the characters.
    if text.len() <= chars {
        return text;
    }
    if let Some((end, _)) = text.char_indices().nth(chars) {
        text.truncate(end);
    }
    text
}

fn plan(conn: &Connection, file: RosterFile, deactivate_missing: bool) -> Result<Plan> {
    let table = roster_table::read_table(file)?;
    let columns = find_columns(&table)?;
    // Matched rows are taken out: what remains is on file but not in the roster.
    let mut on_file = students::by_number(conn)?;
    // Keyed by the cells themselves, borrowed from the file: a copy per row, and freeing them
    // all at the end, cost a tenth of a 100,000-row import.
    let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
    let mut rows = Vec::with_capacity(table.records.len());
    for (line, record) in &table.records {
        let line = *line;
        let raw_number = record.get(columns.number).unwrap_or("").trim();
        let planned = |action, reason: Option<String>| PlannedRow {
            line,
            student_number: clipped(raw_number.to_owned(), 40),
            name: clipped(
                format!(
                    "{} {}",
                    record.get(columns.first).unwrap_or("").trim(),
                    record.get(columns.last).unwrap_or("").trim()
                ),
                160,
            ),
            action,
            reason,
        };
        let mut student = match student_from(record, &columns) {
            Ok(student) => student,
            Err(reason) => {
                rows.push((planned(Action::Reject, Some(reason)), None));
                continue;
            }
        };
        if student.student_number.is_none() {
            rows.push((planned(Action::Reject, Some("Student number is required.".into())), None));
            continue;
        }
        // The cell trimmed is the number as validated.
        if let Some(first_line) = seen.insert(raw_number, line) {
            let reason = format!("Student number {raw_number} already appears on line {first_line}.");
            rows.push((planned(Action::Reject, Some(reason)), None));
            continue;
        }
        let existing = on_file.remove(raw_number).map(Box::new);
        let action = match &existing {
            None => Action::Add,
            Some(current) => {
                // A column the export does not have keeps what is on file.
                if columns.preferred.is_none() {
                    student.preferred_name.clone_from(&current.preferred_name);
                }
                if columns.multilingual.is_none() {
                    student.multilingual = current.multilingual;
                }
                if students::roster_fields_match(current, &student) {
                    Action::Unchanged
                } else {
                    Action::Update
                }
            }
        };
        rows.push((planned(action, None), Some((student, existing))));
    }
    let mut deactivate: Vec<i64> =
        if deactivate_missing { on_file.values().filter(|s| s.active).map(|s| s.id).collect() } else { Vec::new() };
    deactivate.sort_unstable();
    Ok(Plan { format: table.format, rows, deactivate })
}

/// Counts every planned row and lists them (or only the rejected ones) for the window: rejected
/// first, then by line, at most `PREVIEW_ROWS`. Shared by the student and tutor imports.
pub(super) fn summarize<'a>(
    format: &str,
    rows: impl IntoIterator<Item = &'a PlannedRow>,
    deactivated: usize,
    only_rejected: bool,
) -> Preview {
    let mut counts = Counts { deactivated, ..Counts::default() };
    let (mut rejected, mut others) = (Vec::new(), Vec::new());
    for row in rows {
        match row.action {
            Action::Add => counts.added += 1,
            Action::Update => counts.updated += 1,
            Action::Unchanged => counts.unchanged += 1,
            Action::Reject => counts.rejected += 1,
        }
        if row.action == Action::Reject {
            rejected.push(row);
        } else if !only_rejected {
            others.push(row);
        }
    }
    rejected.sort_by_key(|row| row.line);
    others.sort_by_key(|row| row.line);
    let shown = rejected.into_iter().chain(others).take(PREVIEW_ROWS).cloned().collect();
    Preview { format: format.to_owned(), counts, rows: shown }
}

impl Plan {
    fn summary(&self, only_rejected: bool) -> Preview {
        summarize(&self.format, self.rows.iter().map(|(row, _)| row), self.deactivate.len(), only_rejected)
    }
}

/// What an import of this file would do, without writing anything.
pub fn preview<'a>(conn: &Connection, file: impl Into<RosterFile<'a>>, deactivate_missing: bool) -> Result<Preview> {
    Ok(plan(conn, file.into(), deactivate_missing)?.summary(false))
}

/// Applies the file: adds and updates every valid row, skips rejected ones, and (if asked)
/// marks students missing from the file inactive. All in the caller's one transaction.
pub fn import<'a>(
    tx: &Transaction,
    file: impl Into<RosterFile<'a>>,
    deactivate_missing: bool,
    actor: Actor,
    now: NaiveDateTime,
) -> Result<Preview> {
    let plan = plan(tx, file.into(), deactivate_missing)?;
    let added: Vec<&ValidStudent> = plan
        .rows
        .iter()
        .filter_map(|(row, change)| match (row.action, change) {
            (Action::Add, Some((student, None))) => Some(student),
            _ => None,
        })
        .collect();
    students::add_from_roster(tx, added, actor, now)?;
    for (row, change) in &plan.rows {
        if let (Action::Update, Some((student, Some(current)))) = (row.action, change) {
            students::update_from_roster(tx, current, student, actor, now)?;
        }
    }
    for id in &plan.deactivate {
        students::set_active(tx, *id, false, actor, now)?;
    }
    Ok(plan.summary(true))
}

#[cfg(test)]
mod tests {
    use super::clipped;

    #[test]
    fn clipping_counts_characters_not_bytes() {
        assert_eq!(clipped("Ana Lima".into(), 8), "Ana Lima");
        assert_eq!(clipped("Ana Lima".into(), 3), "Ana");
        // 10 bytes, 5 characters: within a limit of 5 although longer than 5 bytes.
        assert_eq!(clipped("ÉÉÉÉÉ".into(), 5), "ÉÉÉÉÉ");
        assert_eq!(clipped("Zoë Ñúñez".into(), 3), "Zoë");
        assert_eq!(clipped(String::new(), 0), "");
    }
}
