//! The reports a director exports for a partner.

use std::path::Path;

use rusqlite::Connection;
use serde::Serialize;

use super::{csv_file, pseudonym};
use crate::clock;
use crate::error::{Error, Result};
use crate::storage::{exports, partners};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Exported {
    pub rows: usize,
    pub path: String,
}

const SESSION_HEADER: &[&str] = &[
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
];

/// The inclusive day range of a report from its two YYYY-MM-DD fields.
pub fn date_range(from: &str, to: &str) -> Result<(i64, i64)> {
    let required = |label: &str, text: &str| {
        clock::optional_day(label, Some(text))?.ok_or_else(|| Error::Invalid(format!("{label} is required.")))
    };
    let (first, last) = (required("From", from)?, required("To", to)?);
    if first > last {
        return Err(Error::Invalid("The report must end on or after the day it starts.".into()));
    }
    Ok((first, last))
}

fn tutor_kind(kind: &str) -> &str {
    match kind {
        "peer" => "Peer tutor",
        "university" => "University tutor",
        "preservice" => "Preservice teacher",
        _ => "Staff",
    }
}

fn optional(value: Option<i64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// One row per session, de-identified: a writer code that is stable for this partner and cannot
/// be reversed without this machine's secret; no names, student numbers, teachers, notes or next
/// steps.
pub fn deidentified_sessions(
    conn: &Connection,
    partner_id: i64,
    first_day: i64,
    last_day: i64,
    path: &Path,
) -> Result<Exported> {
    if !partners::institutions(conn)?.iter().any(|i| i.id == partner_id) {
        return Err(Error::NotFound(format!("No partner institution with id {partner_id}.")));
    }
    let secret = exports::pseudonym_secret(conn)?;
    let mut rows = Vec::new();
    exports::session_facts(conn, first_day, last_day, |s| {
        rows.push(vec![
            pseudonym::writer_code(&secret, partner_id, s.student_id),
            optional(s.grade),
            clock::date_of_day(s.day).to_string(),
            format!("{}-W{:02}", s.iso_week / 100, s.iso_week % 100),
            s.minutes.to_string(),
            if s.mode == "online" { "Online" } else { "In person" }.to_owned(),
            s.department,
            s.assignment_type,
            s.writing_stage,
            s.concerns,
            s.tutor_kinds.iter().map(|k| tutor_kind(k)).collect::<Vec<_>>().join(" + "),
            optional(s.confidence_before),
            optional(s.confidence_after),
        ]);
        Ok(())
    })?;
    let count = csv_file::write(path, SESSION_HEADER, rows)?;
    Ok(Exported { rows: count, path: path.display().to_string() })
}

const ACTIVITY_HEADER: &[&str] =
    &["Date", "Partner", "Contact", "Kind", "Direction", "Hours", "People involved", "Notes", "Follow-up"];

/// The partnership log with one partner, both directions. Partners' own people are named.
pub fn activities(conn: &Connection, partner_id: i64, first_day: i64, last_day: i64, path: &Path) -> Result<Exported> {
    if !partners::institutions(conn)?.iter().any(|i| i.id == partner_id) {
        return Err(Error::NotFound(format!("No partner institution with id {partner_id}.")));
    }
    let mut log = partners::activities(conn, Some(partner_id), first_day, last_day)?;
    log.reverse(); // oldest first, as a log reads
    let rows = log.into_iter().map(|a| {
        vec![
            a.date,
            a.institution_name,
            a.contact_name.unwrap_or_default(),
            a.kind.replace('_', " "),
            if a.direction == "given" { "Given to the partner" } else { "Received from the partner" }.to_owned(),
            a.hours.to_string(),
            a.people,
            a.notes,
            a.follow_up.unwrap_or_default(),
        ]
    });
    let count = csv_file::write(path, ACTIVITY_HEADER, rows)?;
    Ok(Exported { rows: count, path: path.display().to_string() })
}
