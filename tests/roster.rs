//! Roster import from a student information system CSV: preview first, then one transaction.

use chrono::NaiveDate;
use rusqlite::Connection;
use scriptorium_core::error::Error;
use scriptorium_core::storage::roster::{self, Action, Counts};
use scriptorium_core::storage::session_records;
use scriptorium_core::storage::students::{self, NewStudent};
use scriptorium_core::storage::{open_in_memory, write, Actor};

fn now() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 8, 20).unwrap().and_hms_opt(9, 0, 0).unwrap()
}

/// On file: 1001 Ana Lima (grade 9, multilingual), 1002 Bo Chen (grade 10), 1003 Cy Diaz (grade 12).
fn school() -> Connection {
    let mut conn = open_in_memory().unwrap();
    write(&mut conn, |tx| {
        for (number, first, last, grade, multilingual) in
            [("1001", "Ana", "Lima", 9, true), ("1002", "Bo", "Chen", 10, false), ("1003", "Cy", "Diaz", 12, false)]
        {
            let new = NewStudent {
                student_number: Some(number.into()),
                first_name: first.into(),
                last_name: last.into(),
                grade: Some(grade),
                multilingual,
                ..Default::default()
            };
            students::add(tx, &new, Actor::Director, now())?;
        }
        Ok(())
    })
    .unwrap();
    conn
}

/// A typical export: BOM, its own header spelling, a blank line, and four kinds of bad row.
const EXPORT: &str = "\u{feff}Student ID,Last Name,First Name,Grade Level\r\n\
    1001,Lima,Ana,10\r\n\
    1002,Chen,Bo,10\r\n\
    1004,\"O'Neil, Jr.\",Dee,9\r\n\
    \r\n\
    1005,Evans,Eve,13\r\n\
    1006,,Fay,11\r\n\
    1004,Other,Gus,9\r\n\
    12 34,Bad,Number,9\r\n";

fn student_count(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM students", [], |r| r.get(0)).unwrap()
}

/// A student's audit history as (actor, action, changes).
fn history(conn: &Connection, id: i64) -> Vec<(String, String, String)> {
    session_records::history(conn, "student", id)
        .unwrap()
        .into_iter()
        .map(|entry| (entry.actor, entry.action.stored().to_owned(), entry.changes.to_string()))
        .collect()
}

fn audited(action: &str, changes: &str) -> (String, String, String) {
    ("director".into(), action.into(), changes.into())
}

fn created(name: &str) -> (String, String, String) {
    audited("create", &format!(r#"{{"name":[null,"{name}"]}}"#))
}

fn imported(count: usize, last_id: i64) -> (String, String, String) {
    audited("create", &format!(r#"{{"last id":[null,{last_id}],"students added":[null,{count}]}}"#))
}

#[test]
fn the_preview_classifies_every_row_and_writes_nothing() {
    let conn = school();
    let preview = roster::preview(&conn, EXPORT.as_bytes(), false).unwrap();
    assert_eq!(preview.counts, Counts { added: 1, updated: 1, unchanged: 1, rejected: 4, deactivated: 0 });
    let rejected: Vec<(usize, String)> = preview
        .rows
        .iter()
        .filter(|r| r.action == Action::Reject)
        .map(|r| (r.line, r.reason.clone().unwrap()))
        .collect();
    assert_eq!(
        rejected,
        [
            (6, "Grade must be between 6 and 12, not 13.".to_string()),
            (7, "Last name is required.".to_string()),
            (8, "Student number 1004 already appears on line 4.".to_string()),
            (9, "Student number \"12 34\" is not valid: use up to 20 letters, digits or dashes.".to_string()),
        ]
    );
    assert_eq!(preview.rows[0].action, Action::Reject, "rejected rows come first");
    assert_eq!(student_count(&conn), 3);
}

#[test]
fn the_import_adds_updates_and_keeps_what_the_export_lacks() {
    let mut conn = school();
    let summary = write(&mut conn, |tx| roster::import(tx, EXPORT.as_bytes(), false, Actor::Director, now())).unwrap();
    assert_eq!(summary.counts, Counts { added: 1, updated: 1, unchanged: 1, rejected: 4, deactivated: 0 });
    assert_eq!(summary.rows.len(), 4, "the summary lists the rejected rows");
    let ana = students::find_by_number(&conn, "1001").unwrap().unwrap();
    assert_eq!((ana.grade, ana.multilingual), (Some(10), true), "grade updated; no multilingual column, flag kept");
    let dee = students::find_by_number(&conn, "1004").unwrap().unwrap();
    assert_eq!((dee.first_name.as_str(), dee.last_name.as_str()), ("Dee", "O'Neil, Jr."));
    assert!(students::find_by_number(&conn, "1005").unwrap().is_none());
    let changes: String = conn
        .query_row(
            "SELECT changes FROM audit_log WHERE entity = 'student' AND entity_id = ?1 AND action = 'update'",
            [ana.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(changes, r#"{"grade":[9,10]}"#);
    // The import is one audit entry naming the ids it added; each of them shows it first in their
    // history, and nobody else does.
    assert_eq!(history(&conn, dee.id), [imported(1, dee.id)]);
    assert_eq!(history(&conn, ana.id), [created("Ana Lima"), audited("update", r#"{"grade":[9,10]}"#)]);
    let later = "student number,first name,last name,grade\n2001,Eve,Ng,9\n2002,Fay,Oh,10\n";
    write(&mut conn, |tx| roster::import(tx, later.as_bytes(), false, Actor::Director, now())).unwrap();
    let id = |number: &str| students::find_by_number(&conn, number).unwrap().unwrap().id;
    let (eve, fay) = (id("2001"), id("2002"));
    assert_eq!(history(&conn, eve), [imported(2, fay)]);
    assert_eq!(history(&conn, fay), [imported(2, fay)]);
    assert_eq!(history(&conn, dee.id), [imported(1, dee.id)], "an earlier import keeps its own range");
    let gus = NewStudent {
        student_number: Some("3001".into()),
        first_name: "Gus".into(),
        last_name: "Paz".into(),
        grade: Some(9),
        ..Default::default()
    };
    let gus = write(&mut conn, |tx| students::add(tx, &gus, Actor::Director, now())).unwrap();
    assert_eq!(history(&conn, gus.id), [created("Gus Paz")], "added after the import, not by it");
    // Importing the same file again changes nothing.
    let again = write(&mut conn, |tx| roster::import(tx, EXPORT.as_bytes(), false, Actor::Director, now())).unwrap();
    assert_eq!(again.counts, Counts { added: 0, updated: 0, unchanged: 3, rejected: 4, deactivated: 0 });
}

#[test]
fn year_end_marks_students_missing_from_the_roster_inactive_and_keeps_them() {
    let mut conn = school();
    let next_year = "student number,first name,last name,graduation year\n1001,Ana,Lima,2030\n1002,Bo,Chen,2029\n";
    let summary =
        write(&mut conn, |tx| roster::import(tx, next_year.as_bytes(), true, Actor::Director, now())).unwrap();
    assert_eq!(summary.counts.deactivated, 1);
    let cy = students::find_by_number(&conn, "1003").unwrap().unwrap();
    assert!(!cy.active, "Cy graduated: inactive, still on file");
    assert_eq!(student_count(&conn), 3);
    assert!(students::search(&conn, "cy", 8).unwrap().is_empty(), "inactive writers leave the desk search");
    // Back on a later roster: active again.
    let back = "student number,first name,last name,grade\n1003,Cy,Diaz,12\n";
    write(&mut conn, |tx| roster::import(tx, back.as_bytes(), false, Actor::Director, now())).unwrap();
    assert!(students::find_by_number(&conn, "1003").unwrap().unwrap().active);
}

#[test]
fn unusable_files_are_refused_whole_with_a_precise_reason() {
    let mut conn = school();
    let cases: [(&[u8], &str); 5] = [
        (b"id,first name,grade\n1,A,9\n", "The file has no last name column. Its columns are: id, first name, grade."),
        (b"id,first,last\n1,A,B\n", "The file needs a grade or a graduation year column."),
        (b"id,first;last\n1,A;B\n", "The file's columns could be separated by commas or semicolons"),
        (b"", "The file is empty."),
        (b"\n\n  \n", "The file is empty."),
    ];
    for (bytes, message) in cases {
        let err = write(&mut conn, |tx| roster::import(tx, bytes, true, Actor::Director, now())).unwrap_err();
        assert!(matches!(err, Error::Invalid(_)));
        assert!(err.to_string().starts_with(message), "{err}");
    }
    assert_eq!(student_count(&conn), 3);
    let inactive: i64 = conn.query_row("SELECT count(*) FROM students WHERE active = 0", [], |r| r.get(0)).unwrap();
    assert_eq!(inactive, 0, "a refused year-end import deactivates nobody");
}

#[test]
fn a_tutor_roster_adds_updates_by_name_and_rejects_unknown_kinds() {
    use scriptorium_core::storage::tutor_roster;
    use scriptorium_core::storage::tutors::{self, NewTutor};
    let mut conn = school();
    write(&mut conn, |tx| {
        tutors::add(
            tx,
            &NewTutor { name: "Sam Rivera".into(), kind: "peer".into(), ..Default::default() },
            Actor::Director,
            now(),
        )
    })
    .unwrap();
    let file = "Name,Kind,Languages\n\
        sam rivera,Peer tutor,Spanish\n\
        Uma Brooks,University tutor,\n\
        Pat Lee,Pre-service teacher,Korean\n\
        Max Moe,Volunteer,\n\
        Uma Brooks,Staff,\n";
    let preview = tutor_roster::preview(&conn, file.as_bytes()).unwrap();
    assert_eq!(preview.counts, Counts { added: 2, updated: 1, unchanged: 0, rejected: 2, deactivated: 0 });
    assert_eq!(
        preview.rows[0].reason.as_deref(),
        Some("Tutor kind must be one of: peer, university, preservice, staff (not \"volunteer\").")
    );
    assert_eq!(preview.rows[1].reason.as_deref(), Some("Uma Brooks already appears on line 3."));
    write(&mut conn, |tx| tutor_roster::import(tx, file.as_bytes(), Actor::Director, now())).unwrap();
    let listed: Vec<(String, String)> =
        tutors::list_active(&conn).unwrap().into_iter().map(|t| (t.name, t.kind.stored().to_owned())).collect();
    assert_eq!(
        listed,
        [
            ("Pat Lee".to_string(), "preservice".to_string()),
            ("sam rivera".to_string(), "peer".to_string()),
            ("Uma Brooks".to_string(), "university".to_string())
        ]
    );
    let languages: String =
        conn.query_row("SELECT languages FROM tutors WHERE name = 'sam rivera'", [], |r| r.get(0)).unwrap();
    assert_eq!(languages, "Spanish");
}

#[test]
fn a_tutor_roster_links_tutors_to_partners_by_name() {
    use scriptorium_core::storage::partners::{self, NewInstitution};
    use scriptorium_core::storage::{tutor_roster, tutors};
    let mut conn = school();
    let lakeside = write(&mut conn, |tx| {
        let new = NewInstitution {
            name: "Lakeside University Writing Center".into(),
            kind: "university_writing_center".into(),
            ..Default::default()
        };
        partners::add_institution(tx, &new, now())
    })
    .unwrap()
    .id;
    let import = |conn: &mut Connection, file: &str| {
        write(conn, |tx| tutor_roster::import(tx, file.as_bytes(), Actor::Director, now())).unwrap()
    };
    let partner_of = |conn: &Connection, name: &str| -> Option<i64> {
        conn.query_row("SELECT institution_id FROM tutors WHERE name = ?1", [name], |r| r.get(0)).unwrap()
    };

    let file = "Name,Kind,Institution\n\
        Uma Brooks,University tutor,lakeside university writing center\n\
        Sam Rivera,Peer tutor,\n\
        Pat Lee,Preservice teacher,Hillcrest College\n";
    let preview = tutor_roster::preview(&conn, file.as_bytes()).unwrap();
    assert_eq!(preview.counts, Counts { added: 2, updated: 0, unchanged: 0, rejected: 1, deactivated: 0 });
    assert_eq!(
        preview.rows[0].reason.as_deref(),
        Some(
            "No partner institution is named \"Hillcrest College\": add it under Partners first, or leave the \
             cell empty for the school's own tutors."
        )
    );
    import(&mut conn, file);
    assert_eq!((partner_of(&conn, "Uma Brooks"), partner_of(&conn, "Sam Rivera")), (Some(lakeside), None));
    let audit: String = conn
        .query_row(
            "SELECT changes FROM audit_log WHERE entity = 'tutor' AND entity_id =
                 (SELECT id FROM tutors WHERE name = 'Uma Brooks')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(audit.contains(&format!("\"institution_id\":[null,{lakeside}]")), "{audit}");

    // A list without the column keeps the links; the same list again changes nothing.
    let preview = tutor_roster::preview(&conn, "Name,Kind\nUma Brooks,University tutor\n".as_bytes()).unwrap();
    assert_eq!(preview.counts.unchanged, 1);
    import(&mut conn, "Name,Kind\nUma Brooks,University tutor\n");
    assert_eq!(partner_of(&conn, "Uma Brooks"), Some(lakeside));
    // With the column, an empty cell means the school's own tutor.
    import(&mut conn, "Name,Kind,From\nUma Brooks,University tutor,\n");
    assert_eq!(partner_of(&conn, "Uma Brooks"), None);
    let linked = tutors::list_active(&conn).unwrap().into_iter().filter(|t| t.institution_id.is_some()).count();
    assert_eq!(linked, 0);
}

/// The same three writers in every shape a school's system or spreadsheet saves.
#[test]
fn rosters_in_every_text_shape_import_with_the_right_names_and_numbers() {
    let rows = [
        ("Student_Number", "Last_Name", "First_Name", "Grade_Level"),
        ("100234", "Pérez", "José", "9"),
        ("100235", "Nguyễn", "Ánh", "10"),
        ("100236", "O'Brien", "Siobhán", "11"),
    ];
    let joined = |separator: &str, ending: &str| -> String {
        rows.iter().map(|r| [r.0, r.1, r.2, r.3].join(separator)).collect::<Vec<_>>().join(ending) + ending
    };
    let utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain(joined("\t", "\r\n").encode_utf16().flat_map(u16::to_le_bytes)).collect();
    // Windows-1252 has no "ễ": that writer's name is written without it, as Excel would save it.
    let cp1252: Vec<u8> =
        joined(",", "\r\n").replace("Nguyễn", "Nguyen").chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect();
    let shapes: Vec<(&str, Vec<u8>)> = vec![
        ("CSV with tabs, UTF-8", joined("\t", "\n").into_bytes()),
        ("CSV with semicolons, UTF-8", joined(";", "\r\n").into_bytes()),
        ("CSV with pipes, UTF-8", joined("|", "\n").into_bytes()),
        ("CSV with tabs, UTF-16", utf16),
        ("CSV with commas, Windows-1252", cp1252),
        ("CSV with commas, UTF-8", joined(",", "\r").into_bytes()),
        (
            "CSV with commas, UTF-8",
            format!("Roster export, Fall 2026 \n\n{}", joined(",", "\n"))
                .replace("Roster export, Fall 2026", "Roster export Fall 2026")
                .into_bytes(),
        ),
    ];
    for (format, bytes) in shapes {
        let mut conn = scriptorium_core::storage::open_in_memory().unwrap();
        let preview = roster::preview(&conn, &bytes, false).unwrap();
        assert_eq!(
            (preview.format.as_str(), preview.counts.added, preview.counts.rejected),
            (format, 3, 0),
            "{format}: {:?}",
            preview.rows
        );
        write(&mut conn, |tx| roster::import(tx, &bytes, false, Actor::Director, now())).unwrap();
        let jose = students::find_by_number(&conn, "100234").unwrap().unwrap();
        assert_eq!(
            (jose.first_name.as_str(), jose.last_name.as_str(), jose.grade),
            ("José", "Pérez", Some(9)),
            "{format}"
        );
        let siobhan = students::find_by_number(&conn, "100236").unwrap().unwrap();
        assert_eq!(siobhan.first_name, "Siobhán", "{format}");
    }
}

#[test]
fn a_rejected_row_keeps_its_line_below_a_title_row() {
    let conn = scriptorium_core::storage::open_in_memory().unwrap();
    let file = "Roster export\r\rStudent ID,First Name,Last Name,Grade\r1,Ana,Lima,9\r2,,Diaz,10\r";
    let preview = roster::preview(&conn, file.as_bytes(), false).unwrap();
    let rejected: Vec<usize> = preview.rows.iter().filter(|r| r.reason.is_some()).map(|r| r.line).collect();
    assert_eq!(rejected, [5], "the title, a blank line, the header, Ana, then the row without a first name");
}
