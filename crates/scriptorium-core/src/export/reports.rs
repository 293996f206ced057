//! The reports a director exports: for a partner (de-identified, or naming only the partner's own
//! people), and one identified sessions export for the school's own records.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::csv_file::{self, CsvFile};
pub use super::deidentified_sessions::{
    covered_weeks, deidentified_preview, deidentified_sessions, DeidentifiedFile, Disclosure,
};
use super::weekly_summary;
use crate::clock::{self, Days};
use crate::error::Result;
use crate::storage::{exports, partners, service_hours, settings};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Exported {
    pub rows: usize,
    pub path: String,
}

impl Exported {
    pub(super) fn at(path: &Path, rows: usize) -> Exported {
        Exported { rows, path: path.display().to_string() }
    }
}

/// A range as the report form shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateRange {
    pub from: String,
    pub to: String,
}

/// The reports' default range: this school year (as Settings define it) up to `today`.
pub fn school_year_so_far(conn: &Connection, today: NaiveDate) -> Result<DateRange> {
    let year = settings::stats_settings(conn)?.school_year(today);
    Ok(DateRange { from: clock::date_of_day(year.first).to_string(), to: today.to_string() })
}

pub(super) fn optional(value: Option<i64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// Minutes as decimal hours, e.g. 90 -> "1.50".
fn hours(minutes: i64) -> String {
    format!("{:.2}", minutes as f64 / 60.0)
}

pub(super) const ACTIVITY_HEADER: [&str; 9] =
    ["Date", "Partner", "Contact", "Kind", "Direction", "Hours", "People involved", "Notes", "Follow-up"];

/// The partnership log with one partner, both directions. Partners' own people are named.
pub fn activities(conn: &Connection, partner_id: i64, days: Days, path: &Path) -> Result<Exported> {
    partners::institution_name(conn, partner_id)?;
    let mut log = partners::activities(conn, Some(partner_id), days)?;
    log.reverse(); // oldest first, as a log reads
    let rows = log.into_iter().map(|a| {
        vec![
            a.date,
            a.institution_name,
            a.contact_name.unwrap_or_default(),
            a.kind.label().to_owned(),
            a.direction.label().to_owned(),
            a.hours.to_string(),
            a.people,
            a.notes,
            a.follow_up.unwrap_or_default(),
        ]
    });
    Ok(Exported::at(path, csv_file::write(path, &ACTIVITY_HEADER, rows)?))
}

/// Counts per ISO week, with small counts suppressed (the threshold is a setting) so the table
/// can't single out a writer. Whole weeks that have ended only, each week's cells decided from
/// that week alone and no total over the range: two summaries that overlap show the same rows
/// for the weeks they share, so one can't be subtracted from the other.
pub fn weekly_summary(
    conn: &Connection,
    partner_id: i64,
    days: Days,
    today: NaiveDate,
    path: &Path,
) -> Result<Exported> {
    partners::institution_name(conn, partner_id)?;
    let weeks = covered_weeks(days, today)?;
    let threshold = settings::suppression_threshold(conn)?;
    let rows = weekly_summary::rows(conn, partner_id, weeks, threshold)?;
    let header = weekly_summary::header();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows = rows.into_iter().map(|(label, cells)| std::iter::once(label).chain(cells).collect::<Vec<_>>());
    Ok(Exported::at(path, csv_file::write(path, &header, rows)?))
}

pub(super) const SERVICE_HOURS_HEADER: [&str; 12] = [
    "Tutor",
    "Kind",
    "Institution",
    "Shifts",
    "Hours on shift",
    "Shifts closed automatically (hours estimated)",
    "Sessions",
    "Hours in sessions",
    "Training hours",
    "Workshop hours led",
    "Class visit hours",
    "Outreach hours",
];

/// Shifts, sessions and hours of the partner's tutors, and of the school's peer tutors when asked,
/// with a total row. Tutors are named: they are the partner's own people.
pub fn service_hours(
    conn: &Connection,
    partner_id: i64,
    include_peer_tutors: bool,
    days: Days,
    path: &Path,
) -> Result<Exported> {
    partners::institution_name(conn, partner_id)?;
    let tutors = service_hours::service_hours(conn, partner_id, include_peer_tutors, days)?;
    let sum = |field: &dyn Fn(&service_hours::ServiceHours) -> i64| tutors.iter().map(field).sum::<i64>();
    let mut total = vec![
        "Total".to_owned(),
        String::new(),
        String::new(),
        sum(&|t| t.shifts).to_string(),
        hours(sum(&|t| t.shift_minutes)),
        sum(&|t| t.auto_closed_shifts).to_string(),
        sum(&|t| t.sessions).to_string(),
        hours(sum(&|t| t.session_minutes)),
    ];
    total.extend((0..4).map(|kind| hours(sum(&|t| t.other_minutes[kind]))));
    let rows = tutors.iter().map(|t| {
        let mut row = vec![
            t.name.clone(),
            t.kind.label().to_owned(),
            t.institution.clone().unwrap_or_else(|| "This school".to_owned()),
            t.shifts.to_string(),
            hours(t.shift_minutes),
            t.auto_closed_shifts.to_string(),
            t.sessions.to_string(),
            hours(t.session_minutes),
        ];
        row.extend(t.other_minutes.iter().map(|m| hours(*m)));
        row
    });
    Ok(Exported::at(path, csv_file::write(path, &SERVICE_HOURS_HEADER, rows.chain(std::iter::once(total)))?))
}

const IDENTIFIED_HEADER: &[&str] = &[
    "Student number",
    "Last name",
    "First name",
    "Preferred name",
    "Grade",
    "Started",
    "Ended",
    "Minutes",
    "Mode",
    "Course",
    "Teacher",
    "Department",
    "Assignment type",
    "Stage of the writing process",
    "Concerns worked on",
    "Tutors",
    "Notes",
    "Next steps",
    "Confidence before (1-5)",
    "Confidence after (1-5)",
];

/// Every session with names, notes and next steps: for the school's own records, never for a
/// partner. The command refuses it unless the director has acknowledged that.
pub fn identified_sessions(conn: &Connection, days: Days, path: &Path) -> Result<Exported> {
    let mut file = CsvFile::create(path, IDENTIFIED_HEADER)?;
    exports::identified_sessions(conn, days, |s| {
        file.row(&[
            s.student_number,
            s.last_name,
            s.first_name,
            s.preferred_name,
            optional(s.grade),
            s.started_at.replace('T', " "),
            s.ended_at.replace('T', " "),
            s.minutes.to_string(),
            s.mode.label().to_owned(),
            s.course,
            s.teacher,
            s.department,
            s.assignment_type,
            s.writing_stage,
            s.concerns,
            s.tutors,
            s.notes,
            s.next_steps,
            optional(s.confidence_before),
            optional(s.confidence_after),
        ])
    })?;
    Ok(Exported::at(path, file.finish()?))
}
