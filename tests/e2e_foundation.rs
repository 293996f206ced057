//! End-to-end: the app shell and its first vertical slice, through the real window.

mod support;

use support::{App, TestDir, ENTER};

#[tokio::test(flavor = "multi_thread")]
async fn adding_a_student_lists_it_and_stores_it_in_sqlite() {
    let mut app = App::launch("foundation-add-student").await;
    app.screenshot("front-desk-on-empty-database").await;

    app.unlock_director("records", "271828").await;
    app.wait_for_text("#students-list", "No students yet").await;
    app.screenshot("records-empty").await;

    // A refused entry shows its precise message and writes nothing.
    app.type_into("#add-student [name=firstName]", "Mariana").await;
    app.click("#add-student button[type=submit]").await;
    app.wait_for_text("#add-student .form-message.error", "Last name is required.").await;
    app.screenshot("missing-last-name-refused").await;

    app.type_into("#add-student [name=lastName]", "Velásquez-Montgomery Oyelaran-Whitfield").await;
    app.type_into("#add-student [name=preferredName]", "Mari").await;
    app.type_into("#add-student [name=studentNumber]", &format!("2025001{ENTER}")).await;
    app.wait_for_text("#add-student .form-message.ok", "Added Mariana").await;
    let row = app.wait_for_text("#students-table tbody tr", "Velásquez-Montgomery").await;
    assert!(row.contains("2025001"), "row shows the student number: {row}");
    app.screenshot("student-added").await;

    let stored: (String, String, String) = app
        .database()
        .query_row("SELECT first_name, last_name, student_number FROM students", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(stored, ("Mariana".into(), "Velásquez-Montgomery Oyelaran-Whitfield".into(), "2025001".into()));
    let count: i64 = app.database().query_row("SELECT count(*) FROM students", [], |r| r.get(0)).unwrap();
    assert_eq!(count, 1, "the refused attempt wrote nothing");

    // The audit every screenshot runs finds what it should: a field with no label.
    app.client
        .execute("document.querySelector('main').prepend(Object.assign(document.createElement('input'), { id: 'unlabelled' }));", vec![])
        .await
        .unwrap();
    let (rules, found) = app.accessibility_audit("planted-violation").await;
    assert!(rules > 50, "{rules} rules ran");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("- label (Form elements must have labels)") && found[0].contains("at #unlabelled"),
        "{found:?}"
    );
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_database_from_a_newer_app_shows_a_plain_message_and_is_not_touched() {
    let data_dir = TestDir::new("too-new");
    let file = data_dir.join("scriptorium.db");
    rusqlite::Connection::open(&file).unwrap().execute_batch("PRAGMA user_version = 999;").unwrap();
    let before = std::fs::read(&file).unwrap();

    let mut app = App::launch_on("foundation-too-new", data_dir.clone()).await;
    let text = app.wait_for_text("#startup-problem", "newer version of Scriptorium").await;
    assert!(text.contains("was not opened or changed"), "{text}");
    app.screenshot("database-too-new").await;
    app.close().await;
    assert_eq!(std::fs::read(&file).unwrap(), before);
}
