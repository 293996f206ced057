//! Visits: a writer signed in at the desk, waiting, in a session, done, or gone unseen.
//! The queue is the open visits; a writer can have only one open visit at a time.

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};

use super::{appointments, settings, students, tutors};
use crate::clock::{self, Days};
use crate::error::{Error, Result};
use crate::text;
use crate::vocabulary::{AppointmentStatus, VisitStatus};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Visit {
    pub id: i64,
    pub student_id: i64,
    pub student_name: String,
    pub grade: Option<i64>,
    pub status: VisitStatus,
    /// Left open on an earlier day and closed at that day's closing time.
    pub closed_automatically: bool,
    pub signed_in_at: String,
    pub started_at: Option<String>,
    pub signed_out_at: Option<String>,
    pub requested_tutor_id: Option<i64>,
    pub requested_tutor_name: Option<String>,
    pub tutor_id: Option<i64>,
    pub tutor_name: Option<String>,
    pub working_on: String,
    /// The appointment the writer came for.
    pub appointment: Option<BookedFor>,
}

/// What the writer booked: the session form starts from it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BookedFor {
    /// e.g. "11:45–12:40".
    pub time: String,
    pub course: String,
    pub teacher_name: String,
    pub assignment_type: String,
}

/// What the desk may add to a visit after signing a writer in.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct VisitRequest {
    pub requested_tutor_id: Option<i64>,
    pub working_on: String,
}

const SELECT: &str = "SELECT v.id, v.student_id,
        CASE WHEN s.preferred_name <> '' THEN s.preferred_name ELSE s.first_name END || ' ' || s.last_name,
        s.grade, v.status, v.signed_in_at, v.started_at, v.signed_out_at,
        v.requested_tutor_id, rt.name, v.tutor_id, t.name, v.working_on, v.closed_automatically,
        a.id, printf('%02d:%02d–%02d:%02d', a.start_minute / 60, a.start_minute % 60, a.end_minute / 60, a.end_minute % 60),
        a.course, a.teacher_name, a.assignment_type
     FROM visits v JOIN students s ON s.id = v.student_id
     LEFT JOIN appointments a ON a.visit_id = v.id
     LEFT JOIN tutors rt ON rt.id = v.requested_tutor_id
     LEFT JOIN tutors t ON t.id = v.tutor_id";

fn from_row(row: &Row) -> rusqlite::Result<Visit> {
    Ok(Visit {
        id: row.get(0)?,
        student_id: row.get(1)?,
        student_name: row.get(2)?,
        grade: row.get(3)?,
        status: row.get(4)?,
        signed_in_at: row.get(5)?,
        started_at: row.get(6)?,
        signed_out_at: row.get(7)?,
        requested_tutor_id: row.get(8)?,
        requested_tutor_name: row.get(9)?,
        tutor_id: row.get(10)?,
        tutor_name: row.get(11)?,
        working_on: row.get(12)?,
        closed_automatically: row.get(13)?,
        appointment: match row.get::<_, Option<i64>>(14)? {
            None => None,
            Some(_) => Some(BookedFor {
                time: row.get(15)?,
                course: row.get(16)?,
                teacher_name: row.get(17)?,
                assignment_type: row.get(18)?,
            }),
        },
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Visit> {
    conn.query_row(&format!("{SELECT} WHERE v.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("No visit with id {id}.")))
}

fn open_visit_of(conn: &Connection, student_id: i64) -> Result<Option<Visit>> {
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE v.student_id = ?1 AND v.status IN ('waiting', 'in_session')"),
            [student_id],
            from_row,
        )
        .optional()?)
}

/// Signs a writer in. Someone already waiting or in a session is refused, not signed in twice.
pub fn sign_in(tx: &Transaction, student_id: i64, now: NaiveDateTime) -> Result<Visit> {
    close_forgotten(tx, now)?;
    let student = students::get(tx, student_id)?;
    if !student.active {
        return Err(Error::Invalid(format!(
            "{} {} is marked inactive; the director can reactivate them in Records.",
            student.first_name, student.last_name
        )));
    }
    if let Some(open) = open_visit_of(tx, student_id)? {
        let state = open.status.label().to_lowercase();
        let since = clock::parse(&open.signed_in_at).map(|at| at.format("%H:%M").to_string()).unwrap_or_default();
        return Err(Error::Conflict(format!("{} is already {state} (signed in at {since}).", open.student_name)));
    }
    tx.execute(
        "INSERT INTO visits (student_id, signed_in_at, day) VALUES (?1, ?2, ?3)",
        params![student_id, clock::format(now), clock::day_number(now.date())],
    )?;
    get(tx, tx.last_insert_rowid())
}

/// The scanner path: an ID card types the student number and Enter.
pub fn sign_in_by_number(tx: &Transaction, number: &str, now: NaiveDateTime) -> Result<Visit> {
    let number = students::valid_student_number(number)?;
    let student = students::find_by_number(tx, &number)?
        .ok_or_else(|| Error::NotFound(format!("No writer has student number {number}. Add them with quick-add.")))?;
    sign_in(tx, student.id, now)
}

/// Records who the writer asked for and what they are working on.
pub fn set_request(tx: &Transaction, visit_id: i64, request: &VisitRequest) -> Result<Visit> {
    let visit = get(tx, visit_id)?;
    if visit.status != VisitStatus::Waiting {
        return Err(Error::Conflict(format!("{} is no longer waiting.", visit.student_name)));
    }
    if let Some(tutor_id) = request.requested_tutor_id {
        tutors::get_active(tx, tutor_id)?;
    }
    let working_on = text::optional("Working on", &request.working_on, 200)?;
    tx.execute(
        "UPDATE visits SET requested_tutor_id = ?1, working_on = ?2 WHERE id = ?3",
        params![request.requested_tutor_id, working_on, visit_id],
    )?;
    get(tx, visit_id)
}

/// A tutor starts a session with a waiting writer.
pub fn start(tx: &Transaction, visit_id: i64, tutor_id: i64, now: NaiveDateTime) -> Result<Visit> {
    let visit = get(tx, visit_id)?;
    if visit.status != VisitStatus::Waiting {
        return Err(Error::Conflict(format!("{} is not waiting.", visit.student_name)));
    }
    let tutor = tutors::get_active(tx, tutor_id)?;
    if tutor.on_shift_since.is_none() {
        return Err(Error::Conflict(format!("{} is not clocked in; clock in first.", tutor.name)));
    }
    tx.execute(
        "UPDATE visits SET status = 'in_session', started_at = ?1, tutor_id = ?2 WHERE id = ?3",
        params![clock::format(now), tutor_id, visit_id],
    )?;
    appointments::advance_for_visit(tx, visit_id, AppointmentStatus::InSession, None, now)?;
    get(tx, visit_id)
}

/// A waiting writer left without being seen: kept as a walk-away, not deleted.
pub fn mark_left(tx: &Transaction, visit_id: i64, now: NaiveDateTime) -> Result<Visit> {
    let visit = get(tx, visit_id)?;
    if visit.status != VisitStatus::Waiting {
        return Err(Error::Conflict(format!("{} is not waiting, so cannot be marked as left.", visit.student_name)));
    }
    tx.execute(
        "UPDATE visits SET status = 'left', signed_out_at = ?1 WHERE id = ?2",
        params![clock::format(now), visit_id],
    )?;
    get(tx, visit_id)
}

/// Closes visits left waiting or in a session on an earlier day at that day's closing time (or at
/// sign-in, if that was after closing), as left unseen and flagged for the director, so yesterday's
/// writer neither sits in today's queue nor blocks their own sign-in. Returns how many it closed.
pub fn close_forgotten(tx: &Transaction, now: NaiveDateTime) -> Result<usize> {
    let closing = settings::closing_time(tx)?;
    let mut stmt = tx.prepare_cached(
        "SELECT id, signed_in_at FROM visits INDEXED BY visits_one_open_per_student
         WHERE status IN ('waiting', 'in_session') AND day < ?1",
    )?;
    let open: Vec<(i64, String)> = stmt
        .query_map([clock::day_number(now.date())], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, signed_in_at) in &open {
        let signed_in = clock::parse(signed_in_at).unwrap_or(now);
        let closed = settings::closed_at(signed_in, closing);
        tx.execute(
            "UPDATE visits SET status = 'left', signed_out_at = ?1, closed_automatically = 1 WHERE id = ?2",
            params![clock::format(closed), id],
        )?;
    }
    Ok(open.len())
}

/// Closes an in-session visit once its session is logged.
pub(crate) fn finish(tx: &Transaction, visit_id: i64, now: NaiveDateTime) -> Result<()> {
    tx.execute(
        "UPDATE visits SET status = 'done', signed_out_at = ?1 WHERE id = ?2",
        params![clock::format(now), visit_id],
    )?;
    Ok(())
}

/// The desk's board.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeskQueue {
    /// Today's open visits, oldest first (earlier days' are closed at the next sign-in).
    pub open: Vec<Visit>,
    /// Today's closed visits are only counted: the desk shows how many, and asks for its board
    /// after every action, so a busy day's names need not cross to the window each time.
    pub logged_today: i64,
    pub left_today: i64,
    /// Today's appointments not yet checked in.
    pub expected: Vec<appointments::Expected>,
}

/// Today at the desk: the open visits, and how many of today's visits were logged or left unseen.
pub fn queue(conn: &Connection, now: NaiveDateTime) -> Result<DeskQueue> {
    // Read through the partial index of open visits: without it the planner scans every visit
    // the center ever had.
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE v.id IN (
             SELECT id FROM visits INDEXED BY visits_one_open_per_student WHERE status IN ('waiting', 'in_session'))
             AND v.day = ?1
         ORDER BY a.id IS NULL, v.signed_in_at, v.id"
    ))?;
    let today = clock::day_number(now.date());
    let open = stmt.query_map([today], from_row)?.collect::<rusqlite::Result<_>>()?;
    let (logged_today, left_today) = conn
        .prepare_cached(
            "SELECT count(*) FILTER (WHERE status = 'done'), count(*) FILTER (WHERE status = 'left')
             FROM visits WHERE day = ?1",
        )?
        .query_row([today], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let expected = appointments::expected_today(conn, now)?;
    Ok(DeskQueue { open, logged_today, left_today, expected })
}

/// Visits in `days`, newest first: at most `limit`, after skipping `offset`.
pub fn list(conn: &Connection, days: Days, limit: i64, offset: i64) -> Result<Vec<Visit>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE v.day >= ?1 AND v.day < ?2 ORDER BY v.signed_in_at DESC, v.id DESC LIMIT ?3 OFFSET ?4"
    ))?;
    let rows = stmt.query_map(params![days.first, days.end, limit, offset], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
