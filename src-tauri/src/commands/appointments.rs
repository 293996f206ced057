//! Appointments: booked and run from the desk; terms, tutor availability and the rules set up by
//! the director.

use tauri::State;

use scriptorium_core::clock;
use scriptorium_core::db::Db;
use scriptorium_core::director_lock::DirectorLock;
use scriptorium_core::error::Result;
use scriptorium_core::storage::appointment_rules::{self, AppointmentRules};
use scriptorium_core::storage::appointments::{self, Appointment, Freed, NewAppointment, WeekGrid};
use scriptorium_core::storage::availability;
use scriptorium_core::storage::availability_exceptions::{self, AddedException, Exception, NewException};
use scriptorium_core::storage::settings::{self, Period};
use scriptorium_core::storage::terms::{self, NewTerm, Term};
use scriptorium_core::storage::waitlist::{self, NewWaiting, Waiting};
use scriptorium_core::storage::Actor;

/// The bell schedule's periods, to book by.
#[tauri::command]
pub async fn bell_periods(db: State<'_, Db>) -> Result<Vec<Period>> {
    db.read(|conn| Ok(settings::stats_settings(conn)?.periods))
}

#[tauri::command]
pub async fn appointments_on(db: State<'_, Db>, date: String) -> Result<Vec<Appointment>> {
    let day = clock::day_number(clock::parse_date("Date", &date)?);
    db.read(|conn| appointments::on_day(conn, day))
}

/// The week holding `date`: days × slots with bookings and free tutors.
#[tauri::command]
pub async fn appointment_week(db: State<'_, Db>, date: String) -> Result<WeekGrid> {
    let date = clock::parse_date("Week of", &date)?;
    db.read(|conn| appointments::week(conn, date))
}

/// Booked at the desk: within every rule, the weekly limit included.
#[tauri::command]
pub async fn book_appointment(db: State<'_, Db>, appointment: NewAppointment) -> Result<Appointment> {
    let appointment = NewAppointment { override_limit: false, ..appointment };
    db.write(|tx| appointments::book(tx, &appointment, Actor::FrontDesk, clock::now()))
}

/// Booked by the director, who may book past the weekly limit (audited) and past the no-show
/// threshold.
#[tauri::command]
pub async fn book_appointment_as_director(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    appointment: NewAppointment,
) -> Result<Appointment> {
    lock.check(&db)?;
    db.write(|tx| appointments::book(tx, &appointment, Actor::Director, clock::now()))
}

#[tauri::command]
pub async fn cancel_appointment(db: State<'_, Db>, id: i64, by_tutor: bool) -> Result<Freed> {
    db.write(|tx| appointments::cancel(tx, id, by_tutor, Actor::FrontDesk, clock::now()))
}

#[tauri::command]
pub async fn mark_appointment_missed(db: State<'_, Db>, id: i64) -> Result<Freed> {
    db.write(|tx| appointments::mark_missed(tx, id, Actor::FrontDesk, clock::now()))
}

#[tauri::command]
pub async fn add_to_waitlist(db: State<'_, Db>, waiting: NewWaiting) -> Result<Waiting> {
    db.write(|tx| waitlist::add(tx, &waiting, clock::now()))
}

#[tauri::command]
pub async fn waitlist_on(db: State<'_, Db>, date: String) -> Result<Vec<Waiting>> {
    let day = clock::day_number(clock::parse_date("Date", &date)?);
    db.read(|conn| waitlist::on_day(conn, day))
}

#[tauri::command]
pub async fn withdraw_from_waitlist(db: State<'_, Db>, id: i64) -> Result<()> {
    db.write(|tx| waitlist::withdraw(tx, id, clock::now()))
}

#[tauri::command]
pub async fn list_terms(db: State<'_, Db>) -> Result<Vec<Term>> {
    db.read(terms::list)
}

#[tauri::command]
pub async fn add_term(db: State<'_, Db>, lock: State<'_, DirectorLock>, term: NewTerm) -> Result<Term> {
    lock.check(&db)?;
    db.write(|tx| terms::add(tx, &term, clock::now()))
}

#[tauri::command]
pub async fn close_term_day(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    term_id: i64,
    date: String,
    reason: String,
) -> Result<()> {
    lock.check(&db)?;
    db.write(|tx| terms::close_day(tx, term_id, &date, &reason))
}

#[tauri::command]
pub async fn tutor_availability(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    term_id: i64,
    tutor_id: i64,
) -> Result<String> {
    lock.check(&db)?;
    db.read(|conn| availability::typed(conn, term_id, tutor_id))
}

#[tauri::command]
pub async fn set_tutor_availability(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    term_id: i64,
    tutor_id: i64,
    times: String,
) -> Result<String> {
    lock.check(&db)?;
    db.write(|tx| {
        availability::set(tx, term_id, tutor_id, &times)?;
        availability::typed(tx, term_id, tutor_id)
    })
}

#[tauri::command]
pub async fn availability_exceptions(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    term_id: i64,
) -> Result<Vec<Exception>> {
    lock.check(&db)?;
    db.read(|conn| availability_exceptions::list(conn, term_id))
}

#[tauri::command]
pub async fn add_availability_exception(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    exception: NewException,
) -> Result<AddedException> {
    lock.check(&db)?;
    db.write(|tx| availability_exceptions::add(tx, &exception, clock::now()))
}

#[tauri::command]
pub async fn remove_availability_exception(db: State<'_, Db>, lock: State<'_, DirectorLock>, id: i64) -> Result<()> {
    lock.check(&db)?;
    db.write(|tx| availability_exceptions::remove(tx, id))
}

#[tauri::command]
pub async fn appointment_rules(db: State<'_, Db>, lock: State<'_, DirectorLock>) -> Result<AppointmentRules> {
    lock.check(&db)?;
    db.read(appointment_rules::get)
}

#[tauri::command]
pub async fn set_appointment_rules(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    rules: AppointmentRules,
) -> Result<()> {
    lock.check(&db)?;
    db.write(|tx| appointment_rules::set(tx, &rules))
}
