//! Tutoring sessions as logged at the end of each meeting, and the continuity a returning
//! writer's card shows: each visit picks up where the last one left off.

use chrono::{NaiveDateTime, Timelike};
use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::audit::{self, Actor};
use super::{appointments, referrals, students, teacher_reports, teachers, tutors, visits};
use crate::clock;
use crate::error::{Error, Result};
use crate::text;
use crate::vocabulary::{
    AppointmentStatus, AuditAction, SessionMode, VisitStatus, ASSIGNMENT_TYPES, CONCERNS, WRITING_STAGES,
};

/// The session log form as the desk submits it (and as Records shows a session to correct).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SessionLog {
    pub visit_id: Option<i64>,
    pub student_id: i64,
    /// The lead tutor first, then an optional second (e.g. a university tutor shadowing).
    pub tutor_ids: Vec<i64>,
    /// YYYY-MM-DD
    pub date: String,
    /// HH:MM, 24-hour
    pub start_time: String,
    pub end_time: String,
    pub mode: String,
    pub course: String,
    /// Picked from the known teachers or typed; a new name is added with its department.
    pub teacher_name: String,
    pub teacher_department: String,
    pub assignment_type: String,
    pub writing_stage: String,
    pub concerns: Vec<String>,
    pub notes: String,
    pub next_steps: String,
    pub confidence_before: Option<i64>,
    pub confidence_after: Option<i64>,
    /// What the writer agreed their teacher may hear (a `ConsentLevel`); empty: not shared.
    pub consent: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PastSession {
    pub id: i64,
    pub date: String,
    pub minutes: i64,
    pub lead_tutor_id: Option<i64>,
    pub tutors: String,
    pub course: String,
    pub assignment_type: String,
    pub writing_stage: String,
    pub next_steps: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Continuity {
    pub student: students::Student,
    pub recent: Vec<PastSession>,
    /// The last session's lead tutor, when that tutor is on shift now.
    pub suggested_tutor: Option<tutors::Tutor>,
}

/// A writer just signed in, with the card the desk shows them.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignedIn {
    pub visit: visits::Visit,
    pub continuity: Continuity,
    /// The writer's appointment today, now checked in.
    pub appointment: Option<appointments::Appointment>,
    /// Teachers' referrals of this writer that no session has followed yet.
    pub referrals: Vec<referrals::Referral>,
}

/// A session that passed every check, ready to store.
pub(super) struct ValidSession {
    start: NaiveDateTime,
    end: NaiveDateTime,
    mode: SessionMode,
    course: String,
    assignment_type: String,
    writing_stage: String,
    concerns: Vec<String>,
    notes: String,
    next_steps: String,
}

fn invalid<T>(message: impl Into<String>) -> Result<T> {
    Err(Error::Invalid(message.into()))
}

/// A value from one of the fixed lists; `one` names an item ("an assignment type"), `all` the list.
fn from_list(one: &str, all: &str, value: &str, list: &[&str]) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return invalid(format!("Choose {one}."));
    }
    if !list.contains(&value) {
        return invalid(format!("\"{value}\" is not one of the {all}."));
    }
    Ok(value.to_owned())
}

pub(super) fn validate(log: &SessionLog, now: NaiveDateTime) -> Result<ValidSession> {
    let date = clock::parse_date("Date", &log.date)?;
    let start = date.and_time(clock::parse_time("Start time", &log.start_time)?);
    let end = date.and_time(clock::parse_time("End time", &log.end_time)?);
    if end <= start {
        return invalid(format!(
            "End time {} must be after the start time {}.",
            end.format("%H:%M"),
            start.format("%H:%M")
        ));
    }
    // A minute of slack: the form is pre-filled with the current minute.
    if end > now + chrono::Duration::minutes(1) {
        return invalid(format!(
            "A session cannot end in the future: it ends {} but it is now {}.",
            end.format("%Y-%m-%d %H:%M"),
            now.format("%Y-%m-%d %H:%M")
        ));
    }
    let Some(mode) = SessionMode::from_stored(log.mode.trim()) else {
        let modes: Vec<String> = SessionMode::ALL.iter().map(|m| m.label().to_lowercase()).collect();
        return invalid(format!("Choose a mode: {}.", modes.join(" or ")));
    };
    // Checked in the order the form shows them, so the first message is about the first problem.
    let course = text::optional("Course", &log.course, 80)?;
    let assignment_type = from_list("an assignment type", "assignment types", &log.assignment_type, ASSIGNMENT_TYPES)?;
    let writing_stage =
        from_list("a stage of the writing process", "writing stages", &log.writing_stage, WRITING_STAGES)?;
    let mut concerns = Vec::new();
    for concern in &log.concerns {
        let concern = from_list("a concern", "concerns", concern, CONCERNS)?;
        if !concerns.contains(&concern) {
            concerns.push(concern);
        }
    }
    if concerns.is_empty() {
        return invalid("Choose at least one concern worked on.");
    }
    let notes = text::multiline("Notes", &log.notes, 4000)?;
    let next_steps = text::multiline("Next steps", &log.next_steps, 1000)?;
    for (label, value) in [("Confidence before", log.confidence_before), ("Confidence after", log.confidence_after)] {
        if value.is_some_and(|v| !(1..=5).contains(&v)) {
            return invalid(format!("{label} must be between 1 and 5."));
        }
    }
    Ok(ValidSession { start, end, mode, course, assignment_type, writing_stage, concerns, notes, next_steps })
}

pub(super) fn validate_tutors(conn: &Connection, tutor_ids: &[i64]) -> Result<()> {
    match tutor_ids {
        [] => invalid("Choose the tutor who led the session."),
        [_] => Ok(()),
        [lead, second] if lead == second => invalid("The second tutor must be someone other than the lead tutor."),
        [_, _] => Ok(()),
        _ => invalid("A session can have at most two tutors."),
    }?;
    for id in tutor_ids {
        tutors::get(conn, *id)?;
    }
    Ok(())
}

/// Stores a logged session (and closes its visit) or refuses it whole with a precise message.
/// The front desk logs only the session of a writer signed in and in a session today; a past
/// session, or one without a visit, is the director's to add (Records).
pub fn log(tx: &Transaction, log: &SessionLog, actor: Actor, now: NaiveDateTime) -> Result<i64> {
    validate_tutors(tx, &log.tutor_ids)?;
    let session = validate(log, now)?;
    let student = students::get(tx, log.student_id)?;
    if actor == Actor::FrontDesk && log.visit_id.is_none() {
        return Err(Error::Conflict(
            "At the desk, a session is logged for a writer who is in a session today. The director adds past sessions in Records.".into(),
        ));
    }
    if let Some(visit_id) = log.visit_id {
        let visit = visits::get(tx, visit_id)?;
        if visit.student_id != student.id {
            return invalid("That visit belongs to another writer.");
        }
        if visit.status != VisitStatus::InSession {
            return Err(Error::Conflict(format!("{}'s visit is not in a session.", visit.student_name)));
        }
        let signed_in_today = clock::parse(&visit.signed_in_at).is_some_and(|at| at.date() == now.date());
        if actor == Actor::FrontDesk && (!signed_in_today || session.start.date() != now.date()) {
            return Err(Error::Conflict(
                "At the desk, a session is logged on the day it happens. The director adds past sessions in Records."
                    .into(),
            ));
        }
    }
    let stamp = clock::format(now);
    tx.execute(
        "INSERT INTO sessions (visit_id, student_id, started_at, ended_at, minutes, day, iso_week, start_minute, mode,
             created_at, updated_at)
         VALUES (?1, ?2, '', '', 0, 0, 0, 0, 'in_person', ?3, ?3)",
        params![log.visit_id, student.id, stamp],
    )?;
    let id = tx.last_insert_rowid();
    store(tx, id, log, &session, actor, now)?;
    teacher_reports::record_consent(tx, id, &log.consent, actor, now)?;
    if let Some(visit_id) = log.visit_id {
        visits::finish(tx, visit_id, now)?;
        appointments::advance_for_visit(tx, visit_id, AppointmentStatus::Completed, Some(id), now)?;
    }
    let mut changes = serde_json::Map::new();
    let writer = format!("{} {}", student.first_name, student.last_name);
    changes.insert("writer".into(), json!([null, writer]));
    audit::record(tx, now, actor, "session", id, AuditAction::Create, changes)?;
    Ok(id)
}

/// Between the concerns on a session row; no concern in the fixed list contains it.
pub(super) const CONCERN_SEPARATOR: &str = "; ";

/// Concerns as reports show them: sorted, separated by [`CONCERN_SEPARATOR`].
fn concerns_text(concerns: &[String]) -> String {
    let mut sorted: Vec<&str> = concerns.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    sorted.join(CONCERN_SEPARATOR)
}

/// Writes a validated session's fields, tutors and concerns onto row `id`.
pub(super) fn store(
    tx: &Transaction,
    id: i64,
    log: &SessionLog,
    session: &ValidSession,
    actor: Actor,
    now: NaiveDateTime,
) -> Result<()> {
    let teacher_id = match log.teacher_name.trim() {
        "" => None,
        name => Some(teachers::find_or_add(tx, name, &log.teacher_department, actor, now)?),
    };
    tx.execute(
        "UPDATE sessions SET started_at = ?2, ended_at = ?3, minutes = ?4, day = ?5, iso_week = ?6,
             start_minute = ?7, mode = ?8, course = ?9, teacher_id = ?10, assignment_type = ?11,
             writing_stage = ?12, notes = ?13, next_steps = ?14, confidence_before = ?15, confidence_after = ?16,
             updated_at = ?17, concerns = ?18, lead_tutor_id = ?19, second_tutor_id = ?20
         WHERE id = ?1",
        params![
            id,
            clock::format(session.start),
            clock::format(session.end),
            (session.end - session.start).num_minutes(),
            clock::day_number(session.start.date()),
            clock::iso_week_key(session.start.date()),
            i64::from(session.start.time().num_seconds_from_midnight() / 60),
            session.mode,
            session.course,
            teacher_id,
            session.assignment_type,
            session.writing_stage,
            session.notes,
            session.next_steps,
            log.confidence_before,
            log.confidence_after,
            clock::format(now),
            concerns_text(&session.concerns),
            log.tutor_ids.first(),
            log.tutor_ids.get(1),
        ],
    )?;
    tx.execute("DELETE FROM session_tutors WHERE session_id = ?1", [id])?;
    for (index, tutor_id) in log.tutor_ids.iter().enumerate() {
        let role = if index == 0 { "lead" } else { "second" };
        tx.execute(
            "INSERT INTO session_tutors (session_id, tutor_id, role) VALUES (?1, ?2, ?3)",
            params![id, tutor_id, role],
        )?;
    }
    tx.execute("DELETE FROM session_concerns WHERE session_id = ?1", [id])?;
    for concern in &session.concerns {
        tx.execute("INSERT INTO session_concerns (session_id, concern) VALUES (?1, ?2)", params![id, concern])?;
    }
    Ok(())
}

/// The writer's latest sessions, newest first, for the continuity card.
pub fn recent_for_student(conn: &Connection, student_id: i64, limit: i64) -> Result<Vec<PastSession>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.started_at, s.minutes,
             (SELECT tutor_id FROM session_tutors WHERE session_id = s.id AND role = 'lead'),
             (SELECT group_concat(t.name, ' & ' ORDER BY st.role <> 'lead') FROM session_tutors st JOIN tutors t ON t.id = st.tutor_id
                WHERE st.session_id = s.id),
             s.course, s.assignment_type, s.writing_stage, s.next_steps
         FROM sessions s WHERE s.student_id = ?1 AND s.deleted_at IS NULL
         ORDER BY s.day DESC, s.started_at DESC, s.id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![student_id, limit], |r| {
        let started: String = r.get(1)?;
        Ok(PastSession {
            id: r.get(0)?,
            date: started.get(..10).unwrap_or_default().to_owned(),
            minutes: r.get(2)?,
            lead_tutor_id: r.get(3)?,
            tutors: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
            course: r.get(5)?,
            assignment_type: r.get(6)?,
            writing_stage: r.get(7)?,
            next_steps: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn continuity(conn: &Connection, student_id: i64) -> Result<Continuity> {
    let student = students::get(conn, student_id)?;
    let recent = recent_for_student(conn, student_id, 3)?;
    let suggested_tutor = match recent.first().and_then(|s| s.lead_tutor_id) {
        Some(id) => Some(tutors::get(conn, id)?).filter(|t| t.active && t.on_shift_since.is_some()),
        None => None,
    };
    Ok(Continuity { student, recent, suggested_tutor })
}

/// What the desk shows for a writer just signed in: their last sessions, and the appointment
/// they came for, checked in.
pub fn signed_in(tx: &Transaction, visit: visits::Visit, now: NaiveDateTime) -> Result<SignedIn> {
    let continuity = continuity(tx, visit.student_id)?;
    let appointment = appointments::check_in(tx, visit.student_id, visit.id, now)?;
    let referrals = referrals::open_for_student(tx, visit.student_id, clock::day_number(now.date()))?;
    Ok(SignedIn { visit, continuity, appointment, referrals })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_concern_contains_the_separator_the_session_row_uses() {
        assert!(CONCERNS.iter().all(|concern| !concern.contains(CONCERN_SEPARATOR.trim())));
    }
}
