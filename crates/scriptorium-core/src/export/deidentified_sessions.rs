//! The de-identified sessions report: one row per session, the writer as a code that is stable
//! for this partner and cannot be reversed without this machine's secret; no names, student
//! numbers, teachers, notes or next steps.
//!
//! A partner may ask for every session of ten years (a million rows in 1.5 s is the budget), so
//! reading and writing run side by side: this thread reads the database into compact rows
//! (repeated text kept once, by number) and a second thread turns them into CSV.

use std::cell::Cell;
use std::fmt::Write;
use std::path::Path;
use std::sync::mpsc::{sync_channel, Receiver};

use rusqlite::Connection;
use rustc_hash::FxHashMap;

use super::csv_file::CsvFile;
use super::pseudonym;
use super::reports::{yes_no, Exported};
use crate::clock::{self, Days};
use crate::error::{Error, Result};
use crate::storage::exports::{self, SessionFacts};
use crate::storage::partners;

const HEADER: &[&str] = &[
    "Writer code",
    "Grade",
    "Date",
    "ISO week",
    "Minutes",
    "Mode",
    "Department",
    "Assignment type",
    "Stage of the writing process",
    "Concerns worked on",
    "Tutor kind",
    "Confidence before (1-5)",
    "Confidence after (1-5)",
    "Tutor from this partner",
];

/// A session as the writing thread needs it; text cells are numbers into the text table.
struct Row {
    student_id: i64,
    grade: Option<i64>,
    day: i64,
    iso_week: i64,
    minutes: i64,
    mode: &'static str,
    /// Department, assignment type, stage, concerns, tutor kinds.
    texts: [u32; 5],
    confidence: [Option<i64>; 2],
    partner_tutor: bool,
}

/// Rows in batches, with the text first seen in them.
struct Batch {
    new_texts: Vec<String>,
    rows: Vec<Row>,
    /// Every session was read: only then may the file be finished.
    last: bool,
}

const BATCH_ROWS: usize = 4096;

/// Text repeated across rows (a few departments, stages, concerns), numbered as first seen.
#[derive(Default)]
struct TextNumbers {
    numbers: FxHashMap<String, u32>,
    unsent: Vec<String>,
}

impl TextNumbers {
    fn number(&mut self, text: &str) -> u32 {
        if let Some(&number) = self.numbers.get(text) {
            return number;
        }
        let number = self.numbers.len() as u32;
        self.numbers.insert(text.to_owned(), number);
        self.unsent.push(text.to_owned());
        number
    }
}

fn tutor_kinds(session: &SessionFacts) -> String {
    session.tutors().map(|tutor| tutor.kind.label()).collect::<Vec<_>>().join(" + ")
}

pub fn deidentified_sessions(conn: &Connection, partner_id: i64, days: Days, path: &Path) -> Result<Exported> {
    partners::institution_name(conn, partner_id)?;
    let secret = exports::pseudonym_secret(conn)?;
    let file = CsvFile::create(path, HEADER)?;
    let (batches, received) = sync_channel::<Batch>(8);
    let writer = std::thread::spawn(move || write_rows(file, received, &secret, partner_id));

    let mut texts = TextNumbers::default();
    let mut kinds: FxHashMap<(Option<i64>, Option<i64>), u32> = FxHashMap::default();
    let mut rows = Vec::with_capacity(BATCH_ROWS);
    let writer_stopped = Cell::new(false);
    let send = |rows: Vec<Row>, texts: &mut TextNumbers, last: bool| {
        let batch = Batch { new_texts: std::mem::take(&mut texts.unsent), rows, last };
        // A closed channel means the writing thread stopped on an error of its own (a full disk):
        // that error, not this one, is what the director must read.
        batches.send(batch).map_err(|_| {
            writer_stopped.set(true);
            Error::Io(std::io::Error::other("the report writer stopped"))
        })
    };
    let read = exports::session_facts(conn, days, |s| {
        let pair = (s.lead_tutor.map(|t| t.id), s.second_tutor.map(|t| t.id));
        let kinds_number = *kinds.entry(pair).or_insert_with(|| texts.number(&tutor_kinds(s)));
        rows.push(Row {
            student_id: s.student_id,
            grade: s.grade,
            day: s.day,
            iso_week: s.iso_week,
            minutes: s.minutes,
            mode: s.mode.label(),
            texts: [
                texts.number(s.department),
                texts.number(s.assignment_type),
                texts.number(s.writing_stage),
                texts.number(s.concerns),
                kinds_number,
            ],
            confidence: [s.confidence_before, s.confidence_after],
            partner_tutor: s.tutors().any(|t| t.institution_id == Some(partner_id)),
        });
        if rows.len() == BATCH_ROWS {
            send(std::mem::replace(&mut rows, Vec::with_capacity(BATCH_ROWS)), &mut texts, false)?;
        }
        Ok(())
    })
    .and_then(|()| send(rows, &mut texts, true));
    drop(batches); // the writer sees the end
    let written = writer.join().unwrap_or_else(|_| Err(Error::Io(std::io::Error::other("the report writer failed"))));
    match (read, written) {
        (Ok(()), written) => Ok(Exported::at(path, written?)),
        (Err(_), Err(write_error)) if writer_stopped.get() => Err(write_error),
        (Err(read_error), _) => Err(read_error),
    }
}

/// The writing thread: rows to CSV, each writer's code computed once.
fn write_rows(mut file: CsvFile, batches: Receiver<Batch>, secret: &[u8], partner_id: i64) -> Result<usize> {
    let mut texts: Vec<String> = Vec::new();
    let mut codes: FxHashMap<i64, String> = FxHashMap::default();
    let mut day_labels: Option<(i64, String, String)> = None;
    let [mut grade, mut minutes, mut before, mut after]: [String; 4] = Default::default();
    let mut complete = false;
    for batch in batches {
        complete = batch.last;
        texts.extend(batch.new_texts);
        for row in batch.rows {
            let code = codes
                .entry(row.student_id)
                .or_insert_with(|| pseudonym::writer_code(secret, partner_id, row.student_id));
            if day_labels.as_ref().is_none_or(|(day, _, _)| *day != row.day) {
                let date = clock::date_of_day(row.day).to_string();
                day_labels = Some((row.day, date, clock::iso_week_label(row.iso_week)));
            }
            let (_, date, week) = day_labels.as_ref().expect("just set");
            set_number(&mut grade, row.grade);
            set_number(&mut minutes, Some(row.minutes));
            set_number(&mut before, row.confidence[0]);
            set_number(&mut after, row.confidence[1]);
            let [department, assignment, stage, concerns, kinds] = row.texts.map(|n| texts[n as usize].as_str());
            file.row(&[
                code.as_str(),
                &grade,
                date,
                week,
                &minutes,
                row.mode,
                department,
                assignment,
                stage,
                concerns,
                kinds,
                &before,
                &after,
                yes_no(row.partner_tutor),
            ])?;
        }
    }
    if !complete {
        // The reading side stopped on an error: dropping the file removes the partial report.
        return Err(Error::Io(std::io::Error::other("the report was not finished")));
    }
    file.finish()
}

/// Replaces `cell` with the number, or empties it (no allocation per row).
fn set_number(cell: &mut String, value: Option<i64>) {
    cell.clear();
    if let Some(value) = value {
        let _ = write!(cell, "{value}");
    }
}
