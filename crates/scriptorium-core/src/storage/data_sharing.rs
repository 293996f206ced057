//! Data-sharing agreements with partners (FERPA's studies exception): the date it was signed and
//! its purpose, kept on the partner's page. Only under one do writer codes stay the same across
//! that partner's files; without one, each file gets codes of its own.

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::json;

use super::audit::{self, Actor};
use super::partners;
use crate::clock;
use crate::error::{Error, Result};
use crate::text;
use crate::vocabulary::AuditAction;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DataSharingAgreement {
    pub signed_on: String,
    pub purpose: String,
}

pub fn agreement(conn: &Connection, partner_id: i64) -> Result<Option<DataSharingAgreement>> {
    partners::institution_name(conn, partner_id)?;
    let found = conn
        .query_row(
            "SELECT data_sharing_agreement_on, data_sharing_purpose FROM institutions
             WHERE id = ?1 AND data_sharing_agreement_on IS NOT NULL",
            [partner_id],
            |r| Ok(DataSharingAgreement { signed_on: r.get(0)?, purpose: r.get(1)? }),
        )
        .optional()?;
    Ok(found)
}

/// Records (or replaces) the agreement with a partner, audited.
pub fn record(
    tx: &Transaction,
    partner_id: i64,
    signed_on: &str,
    purpose: &str,
    now: NaiveDateTime,
) -> Result<DataSharingAgreement> {
    let before = agreement(tx, partner_id)?;
    let signed = clock::parse_date("Date signed", signed_on)?;
    if signed > now.date() {
        return Err(Error::Invalid(format!(
            "Date signed {signed} is after today: record an agreement once it is signed."
        )));
    }
    let purpose = text::required("Purpose", purpose, 300)?;
    tx.execute(
        "UPDATE institutions SET data_sharing_agreement_on = ?1, data_sharing_purpose = ?2 WHERE id = ?3",
        params![signed.to_string(), purpose, partner_id],
    )?;
    let after = DataSharingAgreement { signed_on: signed.to_string(), purpose };
    let mut changes = serde_json::Map::new();
    changes.insert("dataSharingAgreement".into(), json!([before, after]));
    audit::record(tx, now, Actor::Director, "institution", partner_id, AuditAction::Update, changes)?;
    Ok(after)
}

/// Ends the agreement: from now on each file for this partner gets codes of its own. Audited.
pub fn end(tx: &Transaction, partner_id: i64, now: NaiveDateTime) -> Result<()> {
    let Some(before) = agreement(tx, partner_id)? else {
        return Err(Error::NotFound("No data-sharing agreement is recorded for this partner.".into()));
    };
    tx.execute(
        "UPDATE institutions SET data_sharing_agreement_on = NULL, data_sharing_purpose = '' WHERE id = ?1",
        [partner_id],
    )?;
    let mut changes = serde_json::Map::new();
    changes.insert("dataSharingAgreement".into(), json!([before, null]));
    audit::record(tx, now, Actor::Director, "institution", partner_id, AuditAction::Update, changes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::partners::{add_institution, NewInstitution};
    use crate::storage::{open_in_memory, write};

    fn at(text: &str) -> NaiveDateTime {
        clock::parse(text).unwrap()
    }

    #[test]
    fn an_agreement_is_recorded_checked_ended_and_audited() {
        let mut conn = open_in_memory().unwrap();
        let now = at("2026-11-20T10:00:00");
        let partner = write(&mut conn, |tx| {
            let new = NewInstitution {
                name: "State U".into(),
                kind: "university_writing_center".into(),
                notes: String::new(),
            };
            Ok(add_institution(tx, &new, now)?.id)
        })
        .unwrap();
        assert_eq!(agreement(&conn, partner).unwrap(), None);

        for (date, purpose, message) in [
            ("2026-11-21", "Study", "Date signed 2026-11-21 is after today: record an agreement once it is signed."),
            ("2026-11-01", "  ", "Purpose is required."),
            ("11/01/2026", "Study", "Date signed \"11/01/2026\""),
        ] {
            let err = write(&mut conn, |tx| record(tx, partner, date, purpose, now)).unwrap_err();
            assert!(err.to_string().starts_with(message), "{err}");
        }
        assert_eq!(agreement(&conn, partner).unwrap(), None, "nothing changed");

        let recorded =
            write(&mut conn, |tx| record(tx, partner, "2026-09-01", "Tutoring outcomes study", now)).unwrap();
        assert_eq!(agreement(&conn, partner).unwrap(), Some(recorded));
        write(&mut conn, |tx| end(tx, partner, now)).unwrap();
        assert_eq!(agreement(&conn, partner).unwrap(), None);
        assert!(write(&mut conn, |tx| end(tx, partner, now)).is_err(), "nothing left to end");
        let audited: i64 = conn
            .query_row("SELECT count(*) FROM audit_log WHERE changes LIKE '%dataSharingAgreement%'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(audited, 2);
        assert!(matches!(agreement(&conn, 999), Err(Error::NotFound(_))));
    }
}
