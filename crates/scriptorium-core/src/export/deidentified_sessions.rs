//! The de-identified sessions file: one row per session, k-anonymous over the declared
//! quasi-identifiers (`quasi_identifiers.rs`). Dates become ISO weeks and lengths bands; where a
//! week's class is still smaller than k, values are generalized step by step; rows still alone
//! after the last step are withheld. No names, student numbers, teachers, notes, next steps or
//! concerns (one of which stands in for English-learner status) are read at all.
//!
//! Every decision is taken per ISO week from that week's sessions only, and a file covers whole
//! weeks that have ended. So two files for the same partner publish the same rows for a week they
//! both cover, and nothing can be learned by setting one against the other.
//!
//! Sessions are read in logging order; each week is handed, as soon as it is complete, to a
//! second thread that judges and writes it (`deidentified_writer.rs`): a million sessions are
//! read and written side by side.

use std::cell::Cell;
use std::path::Path;
use std::sync::mpsc::sync_channel;

use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::NaiveDate;
use rusqlite::Connection;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::csv_file::CsvFile;
use super::deidentified_readme as readme;
use super::deidentified_writer::{write_weeks, Names};
use super::pseudonym::CodeScope;
use super::quasi_identifiers::{self as qi, Quasi, QuasiIdentifier, STEPS};
use crate::clock::{self, Days};
use crate::error::{Error, Result};
use crate::storage::{data_sharing, departments, exports, partners, settings};
use crate::vocabulary::{SessionMode, ASSIGNMENT_TYPES, WRITING_STAGES};

/// The columns after the writer code: the quasi-identifiers, then what the session changed.
const OUTCOME_COLUMNS: [&str; 2] = ["Confidence before (1-5)", "Confidence after (1-5)"];

pub(super) fn header() -> Vec<&'static str> {
    let mut header = vec!["Writer code"];
    header.extend(QuasiIdentifier::ALL.map(QuasiIdentifier::column));
    header.extend(OUTCOME_COLUMNS);
    header
}

/// A session as read: the writer, the quasi-identifiers as numbers, the ratings.
pub(super) struct Row {
    pub(super) student_id: i64,
    pub(super) quasi: Quasi,
    /// 0 for none.
    pub(super) confidence: [u8; 2],
}

/// A session as read, before its values are looked up (on the writing thread, so the reading
/// thread only reads).
struct RawRow {
    student_id: i64,
    teacher_id: Option<i64>,
    tutor_ids: [Option<i64>; 2],
    minutes: i64,
    mode: u8,
    assignment: u8,
    stage: u8,
    confidence: [u8; 2],
}

/// One week's sessions, as read.
pub(super) struct Week {
    iso_week: i64,
    rows: Vec<RawRow>,
}

/// One week's sessions and the level each is published at (`WITHHELD`, or 0 to `STEPS.len()`).
pub(super) struct JudgedWeek {
    pub(super) iso_week: i64,
    pub(super) rows: Vec<Row>,
    pub(super) levels: Vec<u8>,
}

pub(super) fn judge(week: Week, lookups: &Lookups, k: usize) -> JudgedWeek {
    let rows: Vec<Row> = week.rows.iter().map(|raw| lookups.row(raw)).collect();
    let levels = publish_levels(&rows, k);
    JudgedWeek { iso_week: week.iso_week, rows, levels }
}

pub(super) const WITHHELD: u8 = u8::MAX;

/// What the director is told before saving, and what the file's README says.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Disclosure {
    /// The whole ISO weeks the file covers, e.g. "2026-W36".
    pub first_week: String,
    pub last_week: String,
    /// Their first and last days.
    pub from: String,
    pub through: String,
    /// The same weeks as day numbers, for the audit log.
    #[serde(skip)]
    pub weeks: Days,
    /// k: no published row shares its values with fewer than k-1 others.
    pub threshold: i64,
    pub sessions: usize,
    /// Published with the week and a length band in place of the date and minutes only.
    pub as_recorded: usize,
    /// Published with more values coarsened or replaced by "Any".
    pub generalized: usize,
    pub withheld: usize,
    /// Rows published at each generalization step, in `STEPS` order.
    pub generalized_by_step: Vec<StepCount>,
    /// The data-sharing agreement that keeps writer codes stable for this partner, if recorded.
    pub stable_codes_under: Option<data_sharing::DataSharingAgreement>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepCount {
    pub step: &'static str,
    pub rows: usize,
}

/// A saved file, its README beside it, and what was done.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeidentifiedFile {
    pub rows: usize,
    pub path: String,
    pub readme: String,
    pub disclosure: Disclosure,
}

/// The whole ended ISO weeks a range touches, or why there are none.
pub fn covered_weeks(days: Days, today: NaiveDate) -> Result<Days> {
    days.whole_ended_weeks(today).ok_or_else(|| {
        Error::Invalid(
            "Partner files cover whole weeks that have ended, and no week in this range has ended yet. \
             Choose a range that includes last week or earlier."
                .into(),
        )
    })
}

/// What is known before the sessions are read: the weeks, k, and the names behind the numbers.
struct Setup {
    partner_id: i64,
    weeks: Days,
    threshold: i64,
    /// Published department names, by number (the list, "Other", and "" for none).
    departments: Vec<String>,
    agreement: Option<data_sharing::DataSharingAgreement>,
}

impl Setup {
    fn read(conn: &Connection, partner_id: i64, days: Days, today: NaiveDate) -> Result<Setup> {
        partners::institution_name(conn, partner_id)?;
        Ok(Setup {
            partner_id,
            weeks: covered_weeks(days, today)?,
            threshold: settings::suppression_threshold(conn)?,
            departments: departments::partner_file_names(conn)?,
            agreement: data_sharing::agreement(conn, partner_id)?,
        })
    }
}

/// The small tables a session's published values come from, read whole once.
pub(super) struct Lookups {
    partner_id: i64,
    no_department: u8,
    department_of: FxHashMap<i64, u8>,
    tutors: FxHashMap<i64, exports::SessionTutor>,
    grades: FxHashMap<i64, Option<i64>>,
}

impl Lookups {
    fn read(conn: &Connection, setup: &Setup) -> Result<Lookups> {
        let other = setup.departments.iter().position(|d| d == departments::OTHER).expect("the list has Other") as u8;
        let none = setup.departments.iter().position(String::is_empty).expect("the list ends with none") as u8;
        let department_of = exports::teacher_departments(conn)?
            .into_iter()
            .map(|(id, name)| {
                let number = match name.as_str() {
                    "" => none,
                    name => {
                        setup.departments.iter().position(|d| d.eq_ignore_ascii_case(name)).map_or(other, |i| i as u8)
                    }
                };
                (id, number)
            })
            .collect();
        Ok(Lookups {
            partner_id: setup.partner_id,
            no_department: none,
            department_of,
            tutors: exports::session_tutors(conn)?,
            grades: exports::student_grades(conn)?,
        })
    }

    fn row(&self, raw: &RawRow) -> Row {
        let [lead, second] = raw.tutor_ids.map(|id| id.and_then(|id| self.tutors.get(&id)));
        Row {
            student_id: raw.student_id,
            quasi: Quasi {
                grade: qi::grade_number(self.grades.get(&raw.student_id).copied().flatten()),
                minutes: qi::minutes_band(raw.minutes),
                mode: raw.mode,
                department: raw
                    .teacher_id
                    .and_then(|id| self.department_of.get(&id).copied())
                    .unwrap_or(self.no_department),
                assignment: raw.assignment,
                stage: raw.stage,
                tutor_kinds: qi::tutor_kinds_number(lead.map(|t| t.kind), second.map(|t| t.kind)),
                partner_tutor: u8::from(
                    lead.into_iter().chain(second).any(|t| t.institution_id == Some(self.partner_id)),
                ),
            },
            confidence: raw.confidence,
        }
    }
}

/// A read transaction, so the lookups and both passes over the sessions see one snapshot (none
/// is needed inside a caller's transaction).
fn one_snapshot(conn: &Connection) -> Result<Option<rusqlite::Transaction<'_>>> {
    Ok(if conn.is_autocommit() { Some(conn.unchecked_transaction()?) } else { None })
}

/// Reads the covered weeks and hands each week's sessions to `each`, in week order.
fn weeks_read(conn: &Connection, setup: &Setup, mut each: impl FnMut(Week) -> Result<()>) -> Result<()> {
    // Sessions are read in the order they were logged, which is nearly day order; each week is
    // handed on, in week order, as soon as its last logged session has been read.
    let mut weeks: Vec<(i64, i64)> = Vec::new(); // (ISO week, its last session's id), in week order
    for (day, last_id) in exports::last_session_of_each_day(conn, setup.weeks)? {
        let week = clock::iso_week_key(clock::date_of_day(day));
        match weeks.last_mut() {
            Some((current, last)) if *current == week => *last = (*last).max(last_id),
            _ => weeks.push((week, last_id)),
        }
    }
    let mut waiting: FxHashMap<i64, Vec<RawRow>> = FxHashMap::default();
    let mut next = 0; // the first week not yet handed on
    exports::quasi_identifier_facts(conn, setup.weeks, |s| {
        waiting.entry(s.iso_week).or_default().push(RawRow {
            student_id: s.student_id,
            teacher_id: s.teacher_id,
            tutor_ids: [s.lead_tutor_id, s.second_tutor_id],
            minutes: s.minutes,
            mode: SessionMode::ALL.iter().position(|m| *m == s.mode).expect("every mode is listed") as u8,
            assignment: qi::listed_index(ASSIGNMENT_TYPES, s.assignment_type),
            stage: qi::listed_index(WRITING_STAGES, s.writing_stage),
            confidence: s.confidence.map(|c| c.map_or(0, |c| c.clamp(1, 5) as u8)),
        });
        while let Some(&(iso_week, _)) = weeks.get(next).filter(|(_, last_id)| *last_id <= s.id) {
            each(Week { iso_week, rows: waiting.remove(&iso_week).unwrap_or_default() })?;
            next += 1;
        }
        Ok(())
    })?;
    if next < weeks.len() || !waiting.is_empty() {
        return Err(Error::Conflict("Sessions changed while the file was being read. Export it again.".into()));
    }
    Ok(())
}

/// The level each of one week's rows is published at, or `WITHHELD`: at each level, the rows
/// not yet published are counted by their values, classes of k or more are published, and the
/// rest coarsened by the next step.
fn publish_levels(rows: &[Row], k: usize) -> Vec<u8> {
    let mut levels = vec![WITHHELD; rows.len()];
    let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
    let mut pending: Vec<(usize, Quasi)> = rows.iter().enumerate().map(|(i, row)| (i, row.quasi)).collect();
    for level in 0..=STEPS.len() {
        if level > 0 {
            pending.iter_mut().for_each(|(_, quasi)| STEPS[level - 1].apply(quasi));
        }
        counts.clear();
        for (_, quasi) in &pending {
            *counts.entry(quasi.key()).or_default() += 1;
        }
        pending.retain(|(i, quasi)| {
            let published = counts[&quasi.key()] as usize >= k;
            if published {
                levels[*i] = level as u8;
            }
            !published
        });
    }
    levels
}

/// Rows at each level across the weeks: `[0..=STEPS.len()]` published, then withheld.
#[derive(Default)]
pub(super) struct Tally([usize; STEPS.len() + 2]);

impl Tally {
    pub(super) fn add(&mut self, levels: &[u8]) {
        for &level in levels {
            self.0[if level == WITHHELD { STEPS.len() + 1 } else { level as usize }] += 1;
        }
    }

    fn disclosure(&self, setup: &Setup) -> Disclosure {
        let week_of = |day| clock::iso_week_label(clock::iso_week_key(clock::date_of_day(day)));
        let withheld = self.0[STEPS.len() + 1];
        let generalized_by_step: Vec<StepCount> = STEPS
            .iter()
            .zip(&self.0[1..=STEPS.len()])
            .map(|(step, &rows)| StepCount { step: step.label(), rows })
            .collect();
        Disclosure {
            first_week: week_of(setup.weeks.first),
            last_week: week_of(setup.weeks.last()),
            weeks: setup.weeks,
            from: clock::date_of_day(setup.weeks.first).to_string(),
            through: clock::date_of_day(setup.weeks.last()).to_string(),
            threshold: setup.threshold,
            sessions: self.0.iter().sum(),
            as_recorded: self.0[0],
            generalized: generalized_by_step.iter().map(|s| s.rows).sum(),
            withheld,
            generalized_by_step,
            stable_codes_under: setup.agreement.clone(),
        }
    }
}

/// What the file would hold, for the director to read before saving.
pub fn deidentified_preview(conn: &Connection, partner_id: i64, days: Days, today: NaiveDate) -> Result<Disclosure> {
    let setup = Setup::read(conn, partner_id, days, today)?;
    let _snapshot = one_snapshot(conn)?;
    let lookups = Lookups::read(conn, &setup)?;
    let mut tally = Tally::default();
    weeks_read(conn, &setup, |week| {
        tally.add(&judge(week, &lookups, setup.threshold as usize).levels);
        Ok(())
    })?;
    Ok(tally.disclosure(&setup))
}

pub fn deidentified_sessions(
    conn: &Connection,
    partner_id: i64,
    days: Days,
    today: NaiveDate,
    path: &Path,
) -> Result<DeidentifiedFile> {
    let setup = Setup::read(conn, partner_id, days, today)?;
    let scope = match setup.agreement {
        Some(_) => CodeScope::Partner(partner_id),
        None => {
            let mut file_key = [0_u8; 16];
            OsRng.fill_bytes(&mut file_key);
            CodeScope::File(file_key)
        }
    };
    let _snapshot = one_snapshot(conn)?;
    let names = Names {
        lookups: Lookups::read(conn, &setup)?,
        k: setup.threshold as usize,
        departments: setup.departments.clone(),
        scope,
        secret: exports::pseudonym_secret(conn)?,
    };
    let file = CsvFile::create(path, &header())?;
    let (weeks, received) = sync_channel::<Week>(4);
    let writer = std::thread::spawn(move || write_weeks(file, received, names));

    let writer_stopped = Cell::new(false);
    let read = weeks_read(conn, &setup, |week| {
        // A closed channel means the writing thread stopped on an error of its own (a full disk):
        // that error, not this one, is what the director must read.
        weeks.send(week).map_err(|_| {
            writer_stopped.set(true);
            Error::Io(std::io::Error::other("the report writer stopped"))
        })
    });
    drop(weeks); // the writer sees the end
    let written = writer.join().unwrap_or_else(|_| Err(Error::Io(std::io::Error::other("the report writer failed"))));
    let (file, tally) = match (read, written) {
        (Ok(()), written) => written?,
        (Err(_), Err(write_error)) if writer_stopped.get() => return Err(write_error),
        (Err(read_error), _) => return Err(read_error),
    };
    let rows = file.finish()?;
    let disclosure = tally.disclosure(&setup);
    let readme = readme::path_beside(path)?;
    let written_readme = crate::private_files::create_file(&readme)
        .and_then(|mut out| std::io::Write::write_all(&mut out, readme::text(&disclosure, &header()).as_bytes()));
    if let Err(err) = written_readme {
        let _ = std::fs::remove_file(path); // a file without its README is not sent
        return Err(err.into());
    }
    Ok(DeidentifiedFile { rows, path: path.display().to_string(), readme: readme.display().to_string(), disclosure })
}
