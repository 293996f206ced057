//! Teachers in the loop: the director's teacher list, briefs and referrals; at the desk, the
//! briefs beside the session form and, with the writer's consent, a visit slip or a mail for
//! the teacher. A mail opens in the person's own mail program through a `mailto:` link.

use std::io::Write;

use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

use scriptorium_core::clock;
use scriptorium_core::db::Db;
use scriptorium_core::director_lock::DirectorLock;
use scriptorium_core::error::{Error, Result};
use scriptorium_core::storage::briefs::{self, Brief, NewBrief};
use scriptorium_core::storage::referrals::{self, NewReferral, Referral};
use scriptorium_core::storage::teacher_reports::{self, Digest, Mail, VisitReport};
use scriptorium_core::storage::teachers::{self, TeacherEntry, TeacherRecord};
use scriptorium_core::storage::Actor;

/// Tests set this to a file: mail links are written there instead of opening a mail program.
const MAILTO_LOG_ENV: &str = "SCRIPTORIUM_MAILTO_LOG";

/// Opens a `mailto:` link in the person's mail program (never any other kind of link).
fn open_mail(app: &AppHandle, uri: &str) -> Result<()> {
    if !uri.starts_with("mailto:") {
        return Err(Error::Invalid("Only mail links are opened.".into()));
    }
    if let Some(path) = std::env::var_os(MAILTO_LOG_ENV) {
        let mut log = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
        return Ok(writeln!(log, "{uri}")?);
    }
    app.opener()
        .open_url(uri, None::<&str>)
        .map_err(|e| Error::Invalid(format!("No mail program opened the message ({e}). Copy it instead.")))
}

/// Opens the mail when it fits a link; the window offers a too-long one to copy.
fn send(app: &AppHandle, mail: Mail) -> Result<Mail> {
    if let Some(uri) = &mail.uri {
        open_mail(app, uri)?;
    }
    Ok(mail)
}

#[tauri::command]
pub async fn teacher_directory(db: State<'_, Db>, lock: State<'_, DirectorLock>) -> Result<Vec<TeacherRecord>> {
    lock.check(&db)?;
    db.read(|conn| teachers::directory(conn, teachers::this_term(conn, clock::now().date())?))
}

#[tauri::command]
pub async fn add_teacher(db: State<'_, Db>, lock: State<'_, DirectorLock>, teacher: TeacherEntry) -> Result<i64> {
    lock.check(&db)?;
    db.write(|tx| teachers::add(tx, &teacher, clock::now()))
}

#[tauri::command]
pub async fn update_teacher(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    id: i64,
    teacher: TeacherEntry,
) -> Result<()> {
    lock.check(&db)?;
    db.write(|tx| teachers::update(tx, id, &teacher, clock::now()))
}

#[tauri::command]
pub async fn teacher_briefs(db: State<'_, Db>, lock: State<'_, DirectorLock>, teacher_id: i64) -> Result<Vec<Brief>> {
    lock.check(&db)?;
    db.read(|conn| briefs::of_teacher(conn, teacher_id))
}

#[tauri::command]
pub async fn add_brief(db: State<'_, Db>, lock: State<'_, DirectorLock>, brief: NewBrief) -> Result<Brief> {
    lock.check(&db)?;
    db.write(|tx| briefs::add(tx, &brief, clock::now()))
}

#[tauri::command]
pub async fn teacher_referrals(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    teacher_id: i64,
) -> Result<Vec<Referral>> {
    lock.check(&db)?;
    db.read(|conn| referrals::of_teacher(conn, teacher_id))
}

#[tauri::command]
pub async fn add_referral(db: State<'_, Db>, lock: State<'_, DirectorLock>, referral: NewReferral) -> Result<Referral> {
    lock.check(&db)?;
    db.write(|tx| referrals::add(tx, &referral, clock::now()))
}

/// The briefs to show beside the session form for the teacher or course the writer named.
#[tauri::command]
pub async fn briefs_for_session(
    db: State<'_, Db>,
    teacher_name: String,
    course: String,
    student_id: i64,
) -> Result<Vec<Brief>> {
    let today = clock::day_number(clock::now().date());
    db.read(|conn| briefs::for_session(conn, &teacher_name, &course, student_id, today))
}

/// The visit at the writer's consent level, for the slip; `proof` gives date, time and tutor only.
/// Today's sessions only: the desk never reads the records.
#[tauri::command]
pub async fn visit_slip(db: State<'_, Db>, session_id: i64, proof: bool) -> Result<VisitReport> {
    db.write(|tx| {
        teacher_reports::logged_today(tx, session_id, clock::now().date())?;
        let report = if proof {
            teacher_reports::proof_of_visit(tx, session_id)?
        } else {
            teacher_reports::visit(tx, session_id)?
        };
        let what = if proof { "proof of visit" } else { "visit slip" };
        teacher_reports::record_prepared(tx, "session", session_id, what, Actor::FrontDesk, clock::now())?;
        Ok(report)
    })
}

/// Prepares the visit's mail for the teacher (audited: the app cannot know it was sent) and
/// opens it in the mail program.
#[tauri::command]
pub async fn send_visit_to_teacher(app: AppHandle, db: State<'_, Db>, session_id: i64) -> Result<Mail> {
    let mail = db.write(|tx| {
        teacher_reports::logged_today(tx, session_id, clock::now().date())?;
        let mail = teacher_reports::visit_mail(tx, session_id)?;
        teacher_reports::record_prepared(tx, "session", session_id, "mail", Actor::FrontDesk, clock::now())?;
        Ok(mail)
    })?;
    send(&app, mail)
}

#[tauri::command]
pub async fn teacher_digest(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    teacher_id: i64,
    date: String,
) -> Result<Digest> {
    lock.check(&db)?;
    let date = clock::parse_date("Week of", &date)?;
    db.write(|tx| {
        let digest = teacher_reports::digest(tx, teacher_id, date)?;
        teacher_reports::record_prepared(tx, "teacher", teacher_id, "weekly digest", Actor::Director, clock::now())?;
        Ok(digest)
    })
}

#[tauri::command]
pub async fn send_teacher_digest(
    app: AppHandle,
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    teacher_id: i64,
    date: String,
) -> Result<Mail> {
    lock.check(&db)?;
    let date = clock::parse_date("Week of", &date)?;
    let mail = db.read(|conn| teacher_reports::digest_mail(conn, teacher_id, date))?;
    db.write(|tx| {
        teacher_reports::record_prepared(tx, "teacher", teacher_id, "weekly digest mail", Actor::Director, clock::now())
    })?;
    send(&app, mail)
}
