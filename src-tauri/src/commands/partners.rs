//! Partner institutions, mentor contacts and the partnership log (director only).

use tauri::State;

use scriptorium_core::clock;
use scriptorium_core::db::Db;
use scriptorium_core::director_lock::DirectorLock;
use scriptorium_core::error::Result;
use scriptorium_core::storage::data_sharing::{self, DataSharingAgreement};
use scriptorium_core::storage::partners::{
    self, Activity, Contact, FollowUp, Institution, NewActivity, NewContact, NewInstitution,
};
use scriptorium_core::storage::settings;

#[tauri::command]
pub async fn list_institutions(db: State<'_, Db>, lock: State<'_, DirectorLock>) -> Result<Vec<Institution>> {
    lock.check(&db)?;
    db.read(partners::institutions)
}

#[tauri::command]
pub async fn add_institution(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    institution: NewInstitution,
) -> Result<Institution> {
    lock.check(&db)?;
    db.write(|tx| partners::add_institution(tx, &institution, clock::now()))
}

#[tauri::command]
pub async fn list_contacts(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    institution_id: i64,
) -> Result<Vec<Contact>> {
    lock.check(&db)?;
    db.read(|conn| partners::contacts(conn, Some(institution_id)))
}

#[tauri::command]
pub async fn add_contact(db: State<'_, Db>, lock: State<'_, DirectorLock>, contact: NewContact) -> Result<Contact> {
    lock.check(&db)?;
    db.write(|tx| partners::add_contact(tx, &contact, clock::now()))
}

/// This school year's activities with one partner, both directions.
#[tauri::command]
pub async fn list_activities(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    institution_id: i64,
) -> Result<Vec<Activity>> {
    lock.check(&db)?;
    db.read(|conn| {
        let year = settings::stats_settings(conn)?.school_year(clock::now().date());
        partners::activities(conn, Some(institution_id), year)
    })
}

#[tauri::command]
pub async fn add_activity(db: State<'_, Db>, lock: State<'_, DirectorLock>, activity: NewActivity) -> Result<Activity> {
    lock.check(&db)?;
    db.write(|tx| partners::add_activity(tx, &activity, clock::now()))
}

#[tauri::command]
pub async fn follow_ups_this_week(db: State<'_, Db>, lock: State<'_, DirectorLock>) -> Result<Vec<FollowUp>> {
    lock.check(&db)?;
    db.read(|conn| {
        let first = clock::week_start(clock::now().date(), settings::stats_settings(conn)?.week_start_day);
        partners::follow_ups_due(conn, clock::Days::week(first))
    })
}

#[tauri::command]
pub async fn data_sharing_agreement(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    partner_id: i64,
) -> Result<Option<DataSharingAgreement>> {
    lock.check(&db)?;
    db.read(|conn| data_sharing::agreement(conn, partner_id))
}

#[tauri::command]
pub async fn record_data_sharing_agreement(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    partner_id: i64,
    signed_on: String,
    purpose: String,
) -> Result<DataSharingAgreement> {
    lock.check(&db)?;
    db.write(|tx| data_sharing::record(tx, partner_id, &signed_on, &purpose, clock::now()))
}

#[tauri::command]
pub async fn end_data_sharing_agreement(
    db: State<'_, Db>,
    lock: State<'_, DirectorLock>,
    partner_id: i64,
) -> Result<()> {
    lock.check(&db)?;
    db.write(|tx| data_sharing::end(tx, partner_id, clock::now()))
}
