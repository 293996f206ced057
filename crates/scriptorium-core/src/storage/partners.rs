//! Partner institutions, their mentor contacts, and the partnership activity log. The log runs
//! in both directions (given to / received from the partner): the partnership is reciprocal.

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::audit::{self, Actor};
use crate::clock::{self, Days};
use crate::error::{Error, Result};
use crate::text;
use crate::vocabulary::{ActivityKind, AuditAction, Direction, PartnerKind};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NewInstitution {
    pub name: String,
    pub kind: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Institution {
    pub id: i64,
    pub name: String,
    pub kind: PartnerKind,
    pub notes: String,
    pub contacts: i64,
    /// Date of the latest activity with this partner.
    pub last_activity: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NewContact {
    pub institution_id: i64,
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    pub notes: String,
    pub is_primary: bool,
    /// YYYY-MM-DD or empty.
    pub next_follow_up: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    pub id: i64,
    pub institution_id: i64,
    pub institution_name: String,
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    pub notes: String,
    pub is_primary: bool,
    pub next_follow_up: Option<String>,
    /// Derived from the activities that name this contact.
    pub last_contacted: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NewActivity {
    pub institution_id: i64,
    pub contact_id: Option<i64>,
    /// YYYY-MM-DD
    pub date: String,
    pub kind: String,
    /// "given" (to the partner) or "received" (from the partner).
    pub direction: String,
    pub hours: f64,
    pub people: String,
    pub notes: String,
    /// YYYY-MM-DD or empty.
    pub follow_up: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Activity {
    pub id: i64,
    pub date: String,
    pub institution_id: i64,
    pub institution_name: String,
    pub contact_name: Option<String>,
    pub kind: ActivityKind,
    pub direction: Direction,
    pub hours: f64,
    pub people: String,
    pub notes: String,
    pub follow_up: Option<String>,
}

fn date_text(day: Option<i64>) -> Option<String> {
    day.map(|d| clock::date_of_day(d).to_string())
}

pub fn add_institution(tx: &Transaction, new: &NewInstitution, now: NaiveDateTime) -> Result<Institution> {
    let name = text::required("Institution name", &new.name, 120)?;
    let kind = PartnerKind::parse(&new.kind)?;
    let notes = text::multiline("Notes", &new.notes, 2000)?;
    let exists: Option<i64> =
        tx.query_row("SELECT id FROM institutions WHERE name = ?1", [&name], |r| r.get(0)).optional()?;
    if exists.is_some() {
        return Err(Error::Conflict(format!("{name} is already a partner.")));
    }
    tx.execute(
        "INSERT INTO institutions (name, kind, notes, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![name, kind, notes, clock::format(now)],
    )?;
    let id = tx.last_insert_rowid();
    let mut changes = serde_json::Map::new();
    changes.insert("name".into(), json!([null, name]));
    audit::record(tx, now, Actor::Director, "institution", id, AuditAction::Create, changes)?;
    Ok(institutions(tx)?.into_iter().find(|i| i.id == id).expect("just added"))
}

/// The name of an active partner institution; refuses an unknown id.
pub fn institution_name(conn: &Connection, id: i64) -> Result<String> {
    conn.query_row("SELECT name FROM institutions WHERE id = ?1 AND active = 1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("No partner institution with id {id}.")))
}

pub fn institutions(conn: &Connection) -> Result<Vec<Institution>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, i.name, i.kind, i.notes,
             (SELECT count(*) FROM contacts c WHERE c.institution_id = i.id AND c.active = 1),
             (SELECT max(day) FROM partnership_activities a WHERE a.institution_id = i.id)
         FROM institutions i WHERE i.active = 1 ORDER BY i.name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Institution {
            id: r.get(0)?,
            name: r.get(1)?,
            kind: r.get(2)?,
            notes: r.get(3)?,
            contacts: r.get(4)?,
            last_activity: date_text(r.get(5)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn institution_exists(conn: &Connection, id: i64) -> Result<()> {
    let found: Option<i64> =
        conn.query_row("SELECT id FROM institutions WHERE id = ?1", [id], |r| r.get(0)).optional()?;
    found.map(|_| ()).ok_or_else(|| Error::NotFound(format!("No partner institution with id {id}.")))
}

pub fn add_contact(tx: &Transaction, new: &NewContact, now: NaiveDateTime) -> Result<Contact> {
    institution_exists(tx, new.institution_id)?;
    let name = text::required("Contact name", &new.name, 120)?;
    let email = text::email("Email", &new.email)?;
    let follow_up = clock::parse_optional_date("Next follow-up", Some(&new.next_follow_up))?.map(clock::day_number);
    if new.is_primary {
        tx.execute("UPDATE contacts SET is_primary = 0 WHERE institution_id = ?1", [new.institution_id])?;
    }
    tx.execute(
        "INSERT INTO contacts (institution_id, name, role, email, phone, notes, is_primary, next_follow_up_day, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            new.institution_id,
            name,
            text::optional("Role", &new.role, 120)?,
            email,
            text::optional("Phone", &new.phone, 40)?,
            text::multiline("Notes", &new.notes, 2000)?,
            new.is_primary,
            follow_up,
            clock::format(now),
        ],
    )?;
    let id = tx.last_insert_rowid();
    Ok(contacts(tx, Some(new.institution_id))?.into_iter().find(|c| c.id == id).expect("just added"))
}

/// Contacts of one institution (or all), primary first.
pub fn contacts(conn: &Connection, institution_id: Option<i64>) -> Result<Vec<Contact>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.institution_id, i.name, c.name, c.role, c.email, c.phone, c.notes, c.is_primary,
             c.next_follow_up_day, (SELECT max(day) FROM partnership_activities a WHERE a.contact_id = c.id)
         FROM contacts c JOIN institutions i ON i.id = c.institution_id
         WHERE c.active = 1 AND (?1 IS NULL OR c.institution_id = ?1)
         ORDER BY i.name, c.is_primary DESC, c.name",
    )?;
    let rows = stmt.query_map([institution_id], |r| {
        Ok(Contact {
            id: r.get(0)?,
            institution_id: r.get(1)?,
            institution_name: r.get(2)?,
            name: r.get(3)?,
            role: r.get(4)?,
            email: r.get(5)?,
            phone: r.get(6)?,
            notes: r.get(7)?,
            is_primary: r.get(8)?,
            next_follow_up: date_text(r.get(9)?),
            last_contacted: date_text(r.get(10)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn add_activity(tx: &Transaction, new: &NewActivity, now: NaiveDateTime) -> Result<Activity> {
    institution_exists(tx, new.institution_id)?;
    let day = clock::day_number(
        clock::parse_optional_date("Date", Some(&new.date))?
            .ok_or_else(|| Error::Invalid("Date is required.".into()))?,
    );
    let kind = ActivityKind::parse(&new.kind)?;
    let direction = Direction::parse(&new.direction)?;
    if !(0.0..=1000.0).contains(&new.hours) || !new.hours.is_finite() {
        return Err(Error::Invalid("Hours must be between 0 and 1,000.".into()));
    }
    if let Some(contact_id) = new.contact_id {
        let owner: Option<i64> =
            tx.query_row("SELECT institution_id FROM contacts WHERE id = ?1", [contact_id], |r| r.get(0)).optional()?;
        if owner != Some(new.institution_id) {
            return Err(Error::Invalid("That contact does not work at this institution.".into()));
        }
    }
    let follow_up = clock::parse_optional_date("Follow-up date", Some(&new.follow_up))?.map(clock::day_number);
    tx.execute(
        "INSERT INTO partnership_activities (day, institution_id, contact_id, kind, direction, hours, people, notes,
             follow_up_day, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            day,
            new.institution_id,
            new.contact_id,
            kind,
            direction,
            new.hours,
            text::optional("People involved", &new.people, 300)?,
            text::multiline("Notes", &new.notes, 4000)?,
            follow_up,
            clock::format(now),
        ],
    )?;
    let id = tx.last_insert_rowid();
    Ok(activities(tx, Some(new.institution_id), Days { first: i64::MIN, end: i64::MAX })?
        .into_iter()
        .find(|a| a.id == id)
        .expect("just added"))
}

/// Activities with one institution (or all) between two day numbers (inclusive), newest first.
pub fn activities(conn: &Connection, institution_id: Option<i64>, days: Days) -> Result<Vec<Activity>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.day, a.institution_id, i.name, c.name, a.kind, a.direction, a.hours, a.people, a.notes,
             a.follow_up_day
         FROM partnership_activities a JOIN institutions i ON i.id = a.institution_id
         LEFT JOIN contacts c ON c.id = a.contact_id
         WHERE (?1 IS NULL OR a.institution_id = ?1) AND a.day >= ?2 AND a.day < ?3
         ORDER BY a.day DESC, a.id DESC",
    )?;
    let rows = stmt.query_map(params![institution_id, days.first, days.end], |r| {
        Ok(Activity {
            id: r.get(0)?,
            date: clock::date_of_day(r.get(1)?).to_string(),
            institution_id: r.get(2)?,
            institution_name: r.get(3)?,
            contact_name: r.get(4)?,
            kind: r.get(5)?,
            direction: r.get(6)?,
            hours: r.get(7)?,
            people: r.get(8)?,
            notes: r.get(9)?,
            follow_up: date_text(r.get(10)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A follow-up due with a partner: a contact's next follow-up or an activity's follow-up date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowUp {
    pub date: String,
    pub institution_name: String,
    pub what: String,
}

/// Follow-ups due between two day numbers (inclusive; e.g. this week), earliest first.
pub fn follow_ups_due(conn: &Connection, days: Days) -> Result<Vec<FollowUp>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.next_follow_up_day, i.name, c.name, NULL, NULL FROM contacts c
             JOIN institutions i ON i.id = c.institution_id
          WHERE c.active = 1 AND c.next_follow_up_day >= ?1 AND c.next_follow_up_day < ?2
         UNION ALL
         SELECT a.follow_up_day, i.name, NULL, a.kind, a.day
             FROM partnership_activities a JOIN institutions i ON i.id = a.institution_id
          WHERE a.follow_up_day >= ?1 AND a.follow_up_day < ?2
         ORDER BY 1, 2",
    )?;
    let rows = stmt.query_map([days.first, days.end], |r| {
        let what = match (r.get::<_, Option<String>>(2)?, r.get::<_, Option<ActivityKind>>(3)?) {
            (Some(contact), _) => format!("Follow up with {contact}"),
            (None, kind) => format!(
                "Follow up on {} of {}",
                kind.map_or("an activity".to_owned(), |k| k.label().to_lowercase()),
                clock::date_of_day(r.get(4)?)
            ),
        };
        Ok(FollowUp { date: clock::date_of_day(r.get(0)?).to_string(), institution_name: r.get(1)?, what })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
