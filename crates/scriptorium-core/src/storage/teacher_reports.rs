//! What a teacher may hear about a visit, and only with the writer's consent: attendance (date,
//! time in and out, length, tutor) or attendance with the summary (assignment, stage, concerns
//! worked on) and next steps. Tutors' notes are never read here. The same report feeds the
//! visit slip, the `mailto:` message and the weekly digest; a proof of visit shows only the date,
//! time and tutor, whatever the consent.

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::json;

use super::audit::{self, Actor};
use super::sessions::CONCERN_SEPARATOR;
use super::settings;
use crate::clock::{self, Days};
use crate::error::{Error, Result};
use crate::vocabulary::{AuditAction, ConsentLevel};

/// Mail programs and the systems that hand `mailto:` links to them cut or refuse long links;
/// 2,000 characters is the common floor.
pub const MAILTO_LIMIT: usize = 2000;

/// What the session covered: shared only at the "attendance, summary and next steps" level.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub assignment_type: String,
    pub writing_stage: String,
    pub concerns: Vec<String>,
}

/// One visit as a teacher may see it, at the writer's consent level.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VisitReport {
    /// "Lincoln High Writing Center", or "Writing Center" before the school is named.
    pub center: String,
    pub session_id: i64,
    pub level: ConsentLevel,
    pub writer: String,
    pub date: String,
    pub time_in: String,
    pub time_out: String,
    pub minutes: i64,
    pub tutor: String,
    pub teacher_name: Option<String>,
    pub teacher_email: Option<String>,
    pub course: String,
    pub summary: Option<Summary>,
    pub next_steps: Option<String>,
}

/// A message ready for the writer's teacher. `uri` is None when the message is too long for a
/// mail link: the window then offers it to copy.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
    pub uri: Option<String>,
}

/// The session's facts and its consent; the notes column is not selected.
const SELECT: &str = "SELECT s.id, coalesce(c.level, 'not_shared'),
        CASE WHEN st.preferred_name <> '' THEN st.preferred_name ELSE st.first_name END || ' ' || st.last_name,
        s.started_at, s.ended_at, s.minutes,
        (SELECT group_concat(t.name, ' & ' ORDER BY x.role <> 'lead') FROM session_tutors x JOIN tutors t ON t.id = x.tutor_id
           WHERE x.session_id = s.id),
        te.name, te.email, s.course, s.assignment_type, s.writing_stage, s.concerns, s.next_steps
    FROM sessions s JOIN students st ON st.id = s.student_id
    LEFT JOIN session_consent c ON c.session_id = s.id
    LEFT JOIN teachers te ON te.id = s.teacher_id";

/// The center as a teacher knows it: with the school's name (Settings → School) once it is set.
fn center_name(conn: &Connection) -> Result<String> {
    let school = settings::stats_settings(conn)?.school_name;
    Ok(if school.is_empty() { "Writing Center".into() } else { format!("{school} Writing Center") })
}

fn from_row(r: &rusqlite::Row, center: &str) -> rusqlite::Result<VisitReport> {
    let level: ConsentLevel = r.get(1)?;
    let (started, ended): (String, String) = (r.get(3)?, r.get(4)?);
    let hm = |t: &str| t.get(11..16).unwrap_or_default().to_owned();
    let full = level == ConsentLevel::AttendanceSummary;
    let concerns: String = r.get(12)?;
    let next_steps: String = r.get(13)?;
    Ok(VisitReport {
        center: center.to_owned(),
        session_id: r.get(0)?,
        level,
        writer: r.get(2)?,
        date: started.get(..10).unwrap_or_default().to_owned(),
        time_in: hm(&started),
        time_out: hm(&ended),
        minutes: r.get(5)?,
        tutor: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
        teacher_name: r.get(7)?,
        teacher_email: r.get::<_, Option<String>>(8)?.filter(|e| !e.is_empty()),
        course: r.get(9)?,
        summary: full
            .then(|| -> rusqlite::Result<Summary> {
                Ok(Summary {
                    assignment_type: r.get(10)?,
                    writing_stage: r.get(11)?,
                    concerns: concerns.split(CONCERN_SEPARATOR).filter(|c| !c.is_empty()).map(str::to_owned).collect(),
                })
            })
            .transpose()?,
        next_steps: (full && !next_steps.is_empty()).then_some(next_steps),
    })
}

fn report(conn: &Connection, session_id: i64) -> Result<VisitReport> {
    let center = center_name(conn)?;
    conn.query_row(&format!("{SELECT} WHERE s.id = ?1 AND s.deleted_at IS NULL"), [session_id], |r| {
        from_row(r, &center)
    })
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("No session with id {session_id}.")))
}

/// The desk sees today's sessions only (never the records): it prepares slips and mail for them.
pub fn logged_today(conn: &Connection, session_id: i64, today: chrono::NaiveDate) -> Result<()> {
    let day: Option<i64> = conn
        .query_row("SELECT day FROM sessions WHERE id = ?1 AND deleted_at IS NULL", [session_id], |r| r.get(0))
        .optional()?;
    match day {
        None => Err(Error::NotFound(format!("No session with id {session_id}."))),
        Some(day) if day == clock::day_number(today) => Ok(()),
        Some(_) => Err(Error::Conflict("The desk prepares slips and mail for today's sessions only.".into())),
    }
}

/// The visit as the writer agreed to share it; refused when they chose not to.
pub fn visit(conn: &Connection, session_id: i64) -> Result<VisitReport> {
    let report = report(conn, session_id)?;
    if report.level == ConsentLevel::NotShared {
        return Err(Error::Conflict(format!(
            "{} chose not to share this visit with a teacher. A proof of visit (date, time and tutor only) can still be printed.",
            report.writer
        )));
    }
    Ok(report)
}

/// Proof of a visit for a writer who wants credit but shares nothing: date, time and tutor.
pub fn proof_of_visit(conn: &Connection, session_id: i64) -> Result<VisitReport> {
    let report = report(conn, session_id)?;
    Ok(VisitReport {
        level: ConsentLevel::NotShared,
        minutes: 0,
        teacher_name: None,
        teacher_email: None,
        course: String::new(),
        summary: None,
        next_steps: None,
        ..report
    })
}

/// The lines a teacher reads about one visit, at its consent level.
fn visit_lines(report: &VisitReport) -> Vec<String> {
    let mut lines = vec![format!(
        "{} visited the {} on {}, {}–{} ({} minutes), with {}.",
        report.writer, report.center, report.date, report.time_in, report.time_out, report.minutes, report.tutor
    )];
    if let Some(summary) = &report.summary {
        let course = if report.course.is_empty() { String::new() } else { format!(" for {}", report.course) };
        lines.push(format!(
            "Worked on: {}{course}, {}; {}.",
            summary.assignment_type,
            summary.writing_stage.to_lowercase(),
            summary.concerns.join(", ").to_lowercase()
        ));
    }
    if let Some(next_steps) = &report.next_steps {
        lines.push(format!("Next steps: {next_steps}"));
    }
    lines
}

const SIGN_OFF: &str = "Shared with the writer's permission. Tutors' notes stay with the Writing Center.";

/// RFC 6068: everything but unreserved characters percent-encoded, line breaks as CRLF.
fn mailto_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.replace("\r\n", "\n").replace('\n', "\r\n").bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn mail(to: &str, subject: String, body: String) -> Mail {
    let uri = format!(
        "mailto:{}?subject={}&body={}",
        mailto_encode(to).replace("%40", "@"),
        mailto_encode(&subject),
        mailto_encode(&body)
    );
    Mail { to: to.to_owned(), uri: (uri.len() <= MAILTO_LIMIT).then_some(uri), subject, body }
}

fn teacher_email(report: &VisitReport) -> Result<&str> {
    match (&report.teacher_name, &report.teacher_email) {
        (Some(_), Some(email)) => Ok(email),
        (Some(name), None) => {
            Err(Error::Invalid(format!("{name} has no school email on file: print the visit slip instead.")))
        }
        (None, _) => Err(Error::Invalid("The session names no teacher: print the visit slip instead.".into())),
    }
}

/// The message about one visit for the session's teacher.
pub fn visit_mail(conn: &Connection, session_id: i64) -> Result<Mail> {
    let report = visit(conn, session_id)?;
    let to = teacher_email(&report)?;
    let subject = format!("{} visit: {}, {}", report.center, report.writer, report.date);
    let body = [visit_lines(&report).join("\n"), SIGN_OFF.to_owned()].join("\n\n");
    Ok(mail(to, subject, body))
}

/// A teacher's week: the visits for them whose writers agreed to share, each at its level.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Digest {
    pub center: String,
    pub teacher_name: String,
    pub week_start: String,
    pub week_end: String,
    pub visits: Vec<VisitReport>,
    /// None when the teacher has no email on file (print it instead).
    pub mail: Option<Mail>,
}

/// The digest of the week (Monday to Sunday) holding `date`.
pub fn digest(conn: &Connection, teacher_id: i64, date: chrono::NaiveDate) -> Result<Digest> {
    let week = Days::week(clock::week_start(date, 0));
    let (name, email): (String, String) = conn
        .query_row("SELECT name, email FROM teachers WHERE id = ?1", [teacher_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("No teacher with id {teacher_id}.")))?;
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE s.teacher_id = ?1 AND s.deleted_at IS NULL AND s.day >= ?2 AND s.day < ?3
         AND c.level IN ('attendance', 'attendance_summary') ORDER BY s.started_at, s.id"
    ))?;
    let center = center_name(conn)?;
    let visits: Vec<VisitReport> = stmt
        .query_map(params![teacher_id, week.first, week.end], |r| from_row(r, &center))?
        .collect::<rusqlite::Result<_>>()?;
    let (start, end) = (clock::date_of_day(week.first), clock::date_of_day(week.last()));
    let mail = (!email.is_empty()).then(|| {
        let subject = format!("{center} visits, week of {start}");
        let mut body = vec![format!("Visits by your students from {start} to {end}:")];
        body.extend(visits.iter().map(|v| visit_lines(v).join("\n")));
        if visits.is_empty() {
            body.push("None of your students shared a visit this week.".into());
        }
        body.push(SIGN_OFF.to_owned());
        mail(&email, subject, body.join("\n\n"))
    });
    Ok(Digest { center, teacher_name: name, week_start: start.to_string(), week_end: end.to_string(), visits, mail })
}

/// The week's digest as a mail; refused when the teacher has no email on file.
pub fn digest_mail(conn: &Connection, teacher_id: i64, date: chrono::NaiveDate) -> Result<Mail> {
    let digest = digest(conn, teacher_id, date)?;
    digest.mail.ok_or_else(|| {
        Error::Invalid(format!("{} has no school email on file: print the digest instead.", digest.teacher_name))
    })
}

/// The audit line for a mail or slip made for a teacher: what and about which session or week.
pub fn record_prepared(
    tx: &Transaction,
    entity: &str,
    id: i64,
    what: &str,
    actor: Actor,
    now: NaiveDateTime,
) -> Result<()> {
    let mut changes = serde_json::Map::new();
    changes.insert("prepared".into(), json!([null, what]));
    audit::record(tx, now, actor, entity, id, AuditAction::PrepareForTeacher, changes)
}

/// Records the writer's answer with the logged session: what, when, and by whom.
pub fn record_consent(tx: &Transaction, session_id: i64, level: &str, actor: Actor, now: NaiveDateTime) -> Result<()> {
    let level = if level.trim().is_empty() { ConsentLevel::NotShared } else { ConsentLevel::parse(level)? };
    tx.execute(
        "INSERT INTO session_consent (session_id, level, entered_at, entered_by) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (session_id) DO UPDATE SET level = excluded.level, entered_at = excluded.entered_at,
             entered_by = excluded.entered_by",
        params![session_id, level, clock::format(now), actor.as_str()],
    )?;
    Ok(())
}
