//! Append-only schema migrations keyed on `PRAGMA user_version`. Never edit a shipped
//! migration: add a new one, so every school's database walks the same path.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_domain.sql"),
    include_str!("migrations/0002_session_report_columns.sql"),
    include_str!("migrations/0003_per_writer_facts.sql"),
    include_str!("migrations/0004_visits_closed_automatically.sql"),
    include_str!("migrations/0005_partner_files_and_access_audit.sql"),
    include_str!("migrations/0006_appointments.sql"),
    include_str!("migrations/0007_day_types_exceptions_waitlist.sql"),
    include_str!("migrations/0008_teachers_in_the_loop.sql"),
    include_str!("migrations/0009_group_work_and_tutor_hours.sql"),
    include_str!("migrations/0010_partner_log_lines_follow_their_event.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The schema version the file says it has. SQLite lets any program set any 32-bit number: a
/// negative one was not written by Scriptorium.
fn user_version(conn: &Connection) -> Result<i64> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if found < 0 {
        return Err(Error::Damaged(format!("it is not a Scriptorium database (it says schema version {found}).")));
    }
    Ok(found)
}

/// Refuses a database from a newer app, which this build could only damage; otherwise whether
/// its schema is already this build's (nothing to migrate).
pub(crate) fn refuse_newer(conn: &Connection) -> Result<bool> {
    let found = user_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(Error::DatabaseTooNew { found, supported: SCHEMA_VERSION });
    }
    Ok(found == SCHEMA_VERSION)
}

/// Applies every pending migration in one transaction: all of them or none.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found = user_version(&tx)?;
    if found > SCHEMA_VERSION {
        return Err(Error::DatabaseTooNew { found, supported: SCHEMA_VERSION });
    }
    for sql in &MIGRATIONS[found as usize..] {
        tx.execute_batch(sql)?;
    }
    if found < SCHEMA_VERSION {
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_count(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table'", [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn fresh_database_gets_every_table_and_the_current_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION);
        for table in [
            "students",
            "tutors",
            "teachers",
            "visits",
            "sessions",
            "session_tutors",
            "session_concerns",
            "tutor_shifts",
            "institutions",
            "contacts",
            "partnership_activities",
            "settings",
            "audit_log",
            "terms",
            "closed_days",
            "tutor_availability",
            "availability_exceptions",
            "appointments",
            "waitlist",
        ] {
            let n: i64 =
                conn.query_row("SELECT count(*) FROM sqlite_schema WHERE name = ?1", [table], |r| r.get(0)).unwrap();
            assert_eq!(n, 1, "table {table} missing");
        }
    }

    #[test]
    fn running_again_changes_nothing() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let tables = table_count(&conn);
        migrate(&mut conn).unwrap();
        assert_eq!(table_count(&conn), tables);
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn newer_database_is_refused_and_left_alone() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
        let err = migrate(&mut conn).unwrap_err();
        assert!(matches!(err, Error::DatabaseTooNew { found, .. } if found == SCHEMA_VERSION + 1));
        assert_eq!(table_count(&conn), 0);
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION + 1);
    }

    #[test]
    fn a_negative_or_absurd_version_is_not_a_scriptorium_database() {
        for version in [-1_i64, i64::from(i32::MIN)] {
            let mut conn = Connection::open_in_memory().unwrap();
            conn.pragma_update(None, "user_version", version).unwrap();
            let err = migrate(&mut conn).unwrap_err();
            assert!(err.to_string().contains("not a Scriptorium database"), "{err}");
            assert!(refuse_newer(&conn).is_err());
            assert_eq!(table_count(&conn), 0, "left alone");
        }
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", i32::MAX).unwrap();
        assert!(matches!(migrate(&mut conn).unwrap_err(), Error::DatabaseTooNew { .. }));
    }
}
