//! Partner institutions, mentor contacts and the two-way partnership log.

use chrono::NaiveDate;
use rusqlite::Connection;
use scriptorium_core::clock::Days;
use scriptorium_core::storage::partners::{self, NewActivity, NewContact, NewInstitution};
use scriptorium_core::storage::{open_in_memory, write};

fn now() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 16).unwrap().and_hms_opt(9, 0, 0).unwrap()
}

fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

fn university(conn: &mut Connection) -> i64 {
    let new = NewInstitution {
        name: "State University Writing Center".into(),
        kind: "university_writing_center".into(),
        notes: String::new(),
    };
    write(conn, |tx| partners::add_institution(tx, &new, now())).unwrap().id
}

#[test]
fn contacts_and_activities_in_both_directions_with_derived_last_contact() {
    let mut conn = open_in_memory().unwrap();
    let uni = university(&mut conn);
    let contact = NewContact {
        institution_id: uni,
        name: "Dr. Rosa Medina".into(),
        role: "Writing center director".into(),
        email: "rmedina@state.example".into(),
        is_primary: true,
        next_follow_up: "2026-11-19".into(),
        ..Default::default()
    };
    let rosa = write(&mut conn, |tx| partners::add_contact(tx, &contact, now())).unwrap();
    assert_eq!((rosa.is_primary, rosa.last_contacted.as_deref()), (true, None));

    let activity = |date: &str, kind: &str, direction: &str, hours: f64| NewActivity {
        institution_id: uni,
        contact_id: Some(rosa.id),
        date: date.into(),
        kind: kind.into(),
        direction: direction.into(),
        hours,
        ..Default::default()
    };
    for new in [
        activity("2026-10-02", "tutor_training", "received", 3.0),
        activity("2026-11-10", "conference_presentation", "given", 1.5),
    ] {
        write(&mut conn, |tx| partners::add_activity(tx, &new, now())).unwrap();
    }
    let listed = partners::activities(&conn, Some(uni), Days::typed("2026-08-01", "2027-07-31").unwrap()).unwrap();
    let summary: Vec<(&str, &str, f64)> =
        listed.iter().map(|a| (a.date.as_str(), a.direction.stored(), a.hours)).collect();
    assert_eq!(summary, [("2026-11-10", "given", 1.5), ("2026-10-02", "received", 3.0)]);

    let contacts = partners::contacts(&conn, Some(uni)).unwrap();
    assert_eq!(contacts[0].last_contacted.as_deref(), Some("2026-11-10"), "derived from the latest activity");
    let institutions = partners::institutions(&conn).unwrap();
    assert_eq!((institutions[0].contacts, institutions[0].last_activity.as_deref()), (1, Some("2026-11-10")));

    let due = partners::follow_ups_due(&conn, Days::typed("2026-11-16", "2026-11-22").unwrap()).unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].what, "Follow up with Dr. Rosa Medina");
}

#[test]
fn invalid_partner_entries_are_refused_and_write_nothing() {
    let mut conn = open_in_memory().unwrap();
    let uni = university(&mut conn);
    let again = NewInstitution {
        name: "state university writing center".into(),
        kind: "secondary_school".into(),
        notes: String::new(),
    };
    let err = write(&mut conn, |tx| partners::add_institution(tx, &again, now())).unwrap_err();
    assert_eq!(err.to_string(), "state university writing center is already a partner.");

    let bad_email =
        NewContact { institution_id: uni, name: "Ann".into(), email: "ann at state".into(), ..Default::default() };
    let err = write(&mut conn, |tx| partners::add_contact(tx, &bad_email, now())).unwrap_err();
    assert_eq!(err.to_string(), "\"ann at state\" is not an email address.");

    let base = NewActivity {
        institution_id: uni,
        date: "2026-11-10".into(),
        kind: "visit".into(),
        direction: "given".into(),
        hours: 1.0,
        ..Default::default()
    };
    let cases = [
        (NewActivity { date: "".into(), ..base.clone() }, "Date is required."),
        (
            NewActivity { date: "10/11/2026".into(), ..base.clone() },
            "Date \"10/11/2026\" is not a date like 2026-11-22.",
        ),
        (
            NewActivity { direction: "both".into(), ..base.clone() },
            "Direction must be one of: given, received (not \"both\").",
        ),
        (NewActivity { hours: -1.0, ..base.clone() }, "Hours must be between 0 and 1,000."),
        (NewActivity { contact_id: Some(999), ..base.clone() }, "That contact does not work at this institution."),
    ];
    for (new, message) in cases {
        let err = write(&mut conn, |tx| partners::add_activity(tx, &new, now())).unwrap_err();
        assert_eq!(err.to_string(), message);
    }
    assert_eq!(
        (count(&conn, "institutions"), count(&conn, "contacts"), count(&conn, "partnership_activities")),
        (1, 0, 0)
    );
}
