//! Corrections to logged sessions: same rules as logging, every change audited old → new,
//! deletes kept (soft) with a reason.

mod support;

use rusqlite::Connection;
use scriptorium_core::error::Error;
use scriptorium_core::storage::session_records::{self, SessionFilter};
use scriptorium_core::storage::{open_in_memory, write, Actor};
use serde_json::json;
use support::week_fixture::{self, at};

fn fixture() -> Connection {
    let mut conn = open_in_memory().unwrap();
    week_fixture::build(&mut conn);
    conn
}

/// Session S4: C with Uma on 2026-11-19, Literary analysis, Revising.
fn s4(conn: &Connection) -> i64 {
    conn.query_row("SELECT id FROM sessions WHERE started_at = '2026-11-19T12:50:00'", [], |r| r.get(0)).unwrap()
}

fn audit_rows(conn: &Connection, id: i64) -> i64 {
    conn.query_row("SELECT count(*) FROM audit_log WHERE entity = 'session' AND entity_id = ?1", [id], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_correction_is_stored_and_audited_field_by_field() {
    let mut conn = fixture();
    let id = s4(&conn);
    let mut edit = session_records::as_log(&conn, id).unwrap();
    assert_eq!((edit.writing_stage.as_str(), edit.end_time.as_str()), ("Revising", "13:30"));
    edit.writing_stage = "Drafting".into();
    edit.end_time = "13:40".into();
    edit.next_steps = "Bring the revised draft.".into();
    write(&mut conn, |tx| session_records::correct(tx, id, &edit, Actor::Director, at("2026-12-01", "09:00"))).unwrap();

    let after = session_records::as_log(&conn, id).unwrap();
    assert_eq!((after.writing_stage.as_str(), after.next_steps.as_str()), ("Drafting", "Bring the revised draft."));
    let minutes: i64 = conn.query_row("SELECT minutes FROM sessions WHERE id = ?1", [id], |r| r.get(0)).unwrap();
    assert_eq!(minutes, 50, "12:50 to 13:40");

    let history = session_records::history(&conn, "session", id).unwrap();
    assert_eq!(history.iter().map(|h| h.action.stored()).collect::<Vec<_>>(), ["create", "update"]);
    assert_eq!(history[1].actor, "director");
    assert_eq!(history[1].at, "2026-12-01T09:00:00");
    assert_eq!(
        history[1].changes,
        json!({
            "end": ["13:30", "13:40"],
            "next steps": ["", "Bring the revised draft."],
            "writing stage": ["Revising", "Drafting"],
        })
    );
}

#[test]
fn correcting_the_department_of_a_teacher_on_file_changes_it_and_audits_it() {
    let mut conn = fixture();
    let id = s4(&conn);
    let mut edit = session_records::as_log(&conn, id).unwrap();
    assert!(!edit.teacher_name.is_empty(), "S4 names a teacher");
    let old = edit.teacher_department.clone();
    edit.teacher_department = "History/Social Studies".into();
    write(&mut conn, |tx| session_records::correct(tx, id, &edit, Actor::Director, at("2026-12-01", "09:00"))).unwrap();

    assert_eq!(session_records::as_log(&conn, id).unwrap().teacher_department, "History/Social Studies");
    let history = session_records::history(&conn, "session", id).unwrap();
    assert_eq!(history.last().unwrap().changes, json!({"department": [old, "History/Social Studies"]}));
    let teacher_audit: i64 = conn
        .query_row("SELECT count(*) FROM audit_log WHERE entity = 'teacher' AND actor = 'director'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(teacher_audit, 1, "the teacher's own record says who changed the department");
}

#[test]
fn the_lead_tutor_is_named_first_whatever_the_tutors_ids() {
    let mut conn = fixture();
    let id = s4(&conn);
    let tutor =
        |name: &str| -> i64 { conn.query_row("SELECT id FROM tutors WHERE name = ?1", [name], |r| r.get(0)).unwrap() };
    let (uma, sam) = (tutor("Uma Brooks"), tutor("Sam Rivera"));
    assert!(sam < uma, "the second tutor has the lower id, as the database would order them");
    let mut edit = session_records::as_log(&conn, id).unwrap();
    edit.tutor_ids = vec![uma, sam];
    write(&mut conn, |tx| session_records::correct(tx, id, &edit, Actor::Director, at("2026-12-01", "09:00"))).unwrap();

    let filter = SessionFilter { writer: String::new(), from: None, to: None, include_deleted: false };
    let listed = session_records::list(&conn, &filter, 100, 0).unwrap();
    let row = listed.iter().find(|row| row.id == id).unwrap();
    assert_eq!(row.tutors, "Uma Brooks & Sam Rivera");
    let student = row.student_id;
    let recent = scriptorium_core::storage::sessions::recent_for_student(&conn, student, 1).unwrap();
    assert_eq!(recent[0].tutors, "Uma Brooks & Sam Rivera");
}

#[test]
fn a_correction_that_changes_nothing_writes_no_history() {
    let mut conn = fixture();
    let id = s4(&conn);
    let same = session_records::as_log(&conn, id).unwrap();
    write(&mut conn, |tx| session_records::correct(tx, id, &same, Actor::Director, at("2026-12-01", "09:00"))).unwrap();
    assert_eq!(audit_rows(&conn, id), 1, "only the creation");
}

#[test]
fn an_invalid_correction_is_refused_and_changes_nothing() {
    let mut conn = fixture();
    let id = s4(&conn);
    let before = session_records::as_log(&conn, id).unwrap();
    let mut edit = before.clone();
    edit.end_time = "12:00".into();
    edit.notes = "should not be kept".into();
    let err = write(&mut conn, |tx| session_records::correct(tx, id, &edit, Actor::Director, at("2026-12-01", "9:00")))
        .unwrap_err();
    assert_eq!(err.to_string(), "End time 12:00 must be after the start time 12:50.");
    let after = session_records::as_log(&conn, id).unwrap();
    assert_eq!((after.notes, after.end_time), (before.notes, before.end_time));
    assert_eq!(audit_rows(&conn, id), 1);
}

#[test]
fn deleting_needs_a_reason_keeps_the_row_and_hides_it_from_lists() {
    let mut conn = fixture();
    let id = s4(&conn);
    let now = at("2026-12-01", "09:00");
    let err = write(&mut conn, |tx| session_records::delete(tx, id, "  ", Actor::Director, now)).unwrap_err();
    assert_eq!(err.to_string(), "Reason is required.");
    write(&mut conn, |tx| session_records::delete(tx, id, "Duplicate entry", Actor::Director, now)).unwrap();
    let err = write(&mut conn, |tx| session_records::delete(tx, id, "again", Actor::Director, now)).unwrap_err();
    assert!(matches!(err, Error::Conflict(_)));

    let visible = session_records::list(&conn, &SessionFilter::default(), 100, 0).unwrap();
    assert!(visible.iter().all(|row| row.id != id));
    let all =
        session_records::list(&conn, &SessionFilter { include_deleted: true, ..Default::default() }, 100, 0).unwrap();
    assert!(all.iter().any(|row| row.id == id && row.deleted));
    let history = session_records::history(&conn, "session", id).unwrap();
    assert_eq!(history.last().unwrap().changes, json!({"reason": [null, "Duplicate entry"]}));
}

#[test]
fn sessions_can_be_filtered_by_writer_prefix_and_dates() {
    let conn = fixture();
    let filter = |writer: &str, from: Option<&str>, to: Option<&str>| SessionFilter {
        writer: writer.into(),
        from: from.map(Into::into),
        to: to.map(Into::into),
        include_deleted: false,
    };
    let dates = |f: SessionFilter| -> Vec<String> {
        session_records::list(&conn, &f, 100, 0).unwrap().into_iter().map(|r| r.started_at[..10].to_string()).collect()
    };
    assert_eq!(dates(filter("c", None, None)), ["2026-11-19", "2026-11-17"]);
    assert_eq!(dates(filter("", Some("2026-11-17"), Some("2026-11-17"))), ["2026-11-17", "2026-11-17"]);
    let err = session_records::list(&conn, &filter("", Some("17/11/2026"), None), 100, 0).unwrap_err();
    assert_eq!(err.to_string(), "From \"17/11/2026\" is not a date like 2026-11-22.");
}

#[test]
fn pages_of_sessions_follow_on_without_gaps_or_repeats() {
    let conn = fixture();
    let ids = |limit, offset| -> Vec<i64> {
        session_records::list(&conn, &SessionFilter::default(), limit, offset)
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect()
    };
    let all = ids(100, 0);
    assert!(all.len() >= 3, "the fixture has a few sessions: {all:?}");
    let paged: Vec<i64> = (0..all.len() as i64).step_by(2).flat_map(|offset| ids(2, offset)).collect();
    assert_eq!(paged, all);
    assert!(ids(2, all.len() as i64).is_empty());
}
