//! The audit trail: who changed which record when, old value to new. Written in the same
//! transaction as the change it describes, so the two can never disagree.

use rusqlite::{params, Transaction};
use serde_json::{Map, Value};

use crate::clock;
use crate::error::Result;
use crate::vocabulary::AuditAction;
use chrono::NaiveDateTime;

/// Who made a change. There are no accounts: the app knows which area the change came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    FrontDesk,
    Director,
}

impl Actor {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Actor::FrontDesk => "front desk",
            Actor::Director => "director",
        }
    }
}

pub fn record(
    tx: &Transaction,
    at: NaiveDateTime,
    actor: Actor,
    entity: &str,
    entity_id: i64,
    action: AuditAction,
    changes: Map<String, Value>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO audit_log (at, actor, entity, entity_id, action, changes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        clock::format(at),
        actor.as_str(),
        entity,
        entity_id,
        action,
        Value::Object(changes).to_string()
    ])?;
    Ok(())
}
