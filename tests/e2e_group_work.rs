//! End-to-end: group work and the tutors' own record through the window. The director records
//! a class visit (a missing headcount refused first) and sees it in Statistics, apart from the
//! sessions; a tutor logs training hours at the desk and the director approves them; Sam's
//! service record prints with both; and after a session the writer answers the feedback screen,
//! which the statistics then count.

mod support;

use chrono::{Duration, Local};
use scriptorium_core::storage::feedback::{self, Answers};
use scriptorium_core::storage::partners::{self, NewInstitution};
use scriptorium_core::storage::{self, shifts, write};
use support::{week_fixture, App};

/// Records → the event form: a class visit on `date`, 10:00 to 10:50, on thesis statements,
/// led by Sam Rivera.
async fn fill_in_class_visit(app: &App, date: &str) {
    app.scroll_to("#events").await;
    app.find("#event-form [name=kind]").await.select_by_label("Class visit").await.unwrap();
    app.replace_text("#event-form [name=date]", date).await;
    app.replace_text("#event-form [name=startTime]", "10:00").await;
    app.replace_text("#event-form [name=endTime]", "10:50").await;
    app.type_into("#event-form [name=topic]", "Thesis statements").await;
    app.click("#event-form input[name=tutor][value='1']").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_class_visit_approved_training_a_printed_service_record_and_writer_feedback() {
    let dir = week_fixture::data_dir("group-work");
    let now = Local::now().naive_local();
    {
        let mut conn = storage::open(&dir.join(storage::DATABASE_FILE)).unwrap();
        let clocked_in = (now - Duration::minutes(30)).max(now.date().and_hms_opt(0, 0, 0).unwrap());
        write(&mut conn, |tx| {
            let _ = shifts::clock_in(tx, 1, clocked_in);
            // Twelve writers answered earlier this week: one more shows in the counts.
            for _ in 0..12 {
                let answers = Answers([("helpful".to_owned(), "Very helpful".to_owned())].into());
                feedback::record(tx, &answers, now)?;
            }
            Ok(())
        })
        .unwrap();
    }
    let mut app = App::launch_on("group-work", dir).await;
    app.no_print_dialog().await;
    let yesterday = (now.date() - Duration::days(1)).to_string();

    // Records: a class visit, refused without its headcount, then recorded.
    app.unlock_director("records", "271828").await;
    fill_in_class_visit(&app, &yesterday).await;
    app.type_into("#event-form [name=teacherName]", "Ms. Alvarez").await;
    app.type_into("#event-form [name=course]", "English 9").await;
    app.click("#event-save").await;
    app.wait_for_text("#event-form .form-message", "People reached must be between 1 and 2,000, not 0.").await;
    app.type_into("#event-form [name=headcount]", "27").await;
    app.click("#event-save").await;
    app.wait_for_text("#event-saved", &format!("Recorded: class visit on {yesterday}, 27 people.")).await;
    let row = app.wait_for_text("#events-table tbody tr", "Thesis statements").await;
    assert!(row.contains("Ms. Alvarez · English 9") && row.contains("Sam Rivera"), "{row}");
    app.scroll_to("#events").await;
    app.screenshot("class-visit-recorded").await;

    // Statistics: the event's week, apart from the sessions.
    app.go("stats").await;
    app.scroll_to("#event-stats").await;
    app.wait_for_text("#event-kinds-table", "Class visit").await;
    assert_eq!(app.table_rows("#event-kinds-table").await, ["Class visit | 1 | 27"]);
    app.wait_for_text("#event-teachers-table", "Ms. Alvarez").await;
    app.screenshot("events-in-statistics").await;

    // The desk: Sam logs an hour and a half of training; it waits for the director.
    app.go("desk").await;
    app.click("#log-hours").await;
    app.wait_for("#desk-hours-form").await;
    app.find("#desk-hours-form [name=tutor]").await.select_by_label("Sam Rivera").await.unwrap();
    app.type_into("#desk-hours-form [name=hours]", "1.5").await;
    app.find("#desk-hours-form [name=kind]").await.select_by_label("Training").await.unwrap();
    app.type_into("#desk-hours-form [name=description]", "Tutor training with Lakeside").await;
    app.click("#desk-hours-form button[type=submit]").await;
    app.wait_for_text("#desk-message", "Sam Rivera's hours were saved; they count once the director approves them.")
        .await;

    // Records (the desk locked the director area): approve them, then print Sam's record.
    app.unlock_director("records", "271828").await;
    app.scroll_to("#tutor-hours").await;
    app.wait_for_text("#waiting-hours-table", "Tutor training with Lakeside").await;
    app.screenshot("training-waiting-for-approval").await;
    app.click("#waiting-hours-table button.approve").await;
    app.wait_for_text("#hours-status", "Approved 1 h 30 min of training for Sam Rivera.").await;
    app.wait_for_text("#waiting-hours", "No hours are waiting for approval.").await;
    app.wait_for_focus("hours-status").await; // the row went away: focus moved to what happened
    app.find("#record-tutor").await.select_by_label("Sam Rivera").await.unwrap();
    app.click("#print-record").await;
    // Printed (and the print flag cleared again) before the print rules go on for the screen.
    app.wait_for("#print-area #service-records").await;
    app.show_print_view("sheet").await;
    let sheet = app.wait_for_text("#print-area", "Record of service: Sam Rivera").await;
    // The fixture's 9-hour shift, the 1.5 hours approved and the 50-minute class visit.
    for expected in [
        "Training1.50 hours",
        "Class visit0.83 hours",
        "Total hours of service11.33",
        "Tutor training with Lakeside",
        "Director: ___",
    ] {
        assert!(sheet.contains(expected), "{expected:?} in {sheet}");
    }
    app.screenshot("printed-service-record").await;
    // Every active peer tutor at once, one to a page: the fixture's only peer tutor is Sam.
    app.client.refresh().await.unwrap();
    app.no_print_dialog().await;
    app.wait_for("#print-peer-records").await;
    app.click("#print-peer-records").await;
    app.wait_for("#print-area #service-records").await;
    let printed =
        app.client.execute("return document.getElementById('print-area').textContent;", vec![]).await.unwrap();
    assert!(printed.as_str().unwrap().starts_with("Record of service: Sam Rivera"), "{printed}");
    let records = app
        .client
        .execute("return document.querySelectorAll('#service-records .service-record').length;", vec![])
        .await
        .unwrap();
    assert_eq!(records, 1);
    app.client.refresh().await.unwrap();

    // The desk: after a session the writer answers, and the counts take the answer in.
    app.go("desk").await;
    app.fill_session_form("A Fixture", "Ms. Alvarez", "not_shared").await;
    app.click("#log-save").await;
    app.wait_for_text("#desk-message", "Session with A Fixture logged.").await;
    app.wait_for("#visit-slip-panel #hand-to-writer").await;
    app.scroll_to("#hand-to-writer").await;
    app.click("#hand-to-writer").await;
    app.wait_for("#feedback-screen").await;
    app.click("#feedback-screen [data-question=helpful] button[data-answer='Very helpful']").await;
    app.click("#feedback-screen [data-question=return] button[data-answer='Yes']").await;
    app.screenshot("feedback-screen").await;
    app.click("#feedback-done").await;
    app.wait_for_text("#desk-message", "Thank you: the writer’s answers were counted").await;
    let stored: i64 = app
        .database()
        .query_row("SELECT sum(responses) FROM writer_feedback_counts WHERE question = 'helpful'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stored, 13);
    app.unlock_director("stats", "271828").await;
    app.scroll_to("#feedback-stats").await;
    app.wait_for_text("#feedback-stats [data-question=helpful]", "13 answers").await;
    assert_eq!(
        app.table_rows("#feedback-stats [data-question=helpful]").await,
        ["Very helpful | 13", "Somewhat | 0", "Not really | 0"]
    );
    let came_back = app.find("#feedback-stats [data-question=return]").await.text().await.unwrap();
    assert_eq!(came_back, "Would you come back? Fewer than 10 answers so far.", "one answer alone is not shown");
    app.screenshot("feedback-in-statistics").await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_class_visit_logged_with_a_partner_is_corrected_and_deleted_in_the_partners_log_too() {
    let dir = week_fixture::data_dir("group-work-partner");
    {
        let mut conn = storage::open(&dir.join(storage::DATABASE_FILE)).unwrap();
        let lakeside = NewInstitution {
            name: "Lakeside University".into(),
            kind: "university_writing_center".into(),
            ..Default::default()
        };
        write(&mut conn, |tx| partners::add_institution(tx, &lakeside, week_fixture::at("2026-09-01", "08:00")))
            .unwrap();
    }
    let mut app = App::launch_on("group-work-partner", dir).await;
    let yesterday = (Local::now().date_naive() - Duration::days(1)).to_string();
    app.unlock_director("records", "271828").await;
    fill_in_class_visit(&app, &yesterday).await;
    app.type_into("#event-form [name=headcount]", "27").await;
    app.find("#event-form [name=institution]").await.select_by_label("Lakeside University").await.unwrap();
    app.find("#event-form [name=partnerLog]").await.select_by_label("Yes: given to the partner").await.unwrap();
    app.click("#event-save").await;
    app.wait_for_text("#event-saved", "Recorded: class visit").await;
    let log = |app: &App| -> Vec<(String, f64, String)> {
        app.database()
            .prepare("SELECT people, hours, notes FROM partnership_activities ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(log(&app), [("27 people".to_owned(), 0.83, "Class visit: Thesis statements".to_owned())]);

    // Corrected: it ran to 11:30 with 31 writers. The form shows the log line it has.
    app.click("#events-table tbody tr .row-actions button:first-child").await;
    let logged = app.client.execute("return document.querySelector('#event-form [name=partnerLog]').value;", vec![]);
    assert_eq!(logged.await.unwrap(), "given");
    app.replace_text("#event-form [name=endTime]", "11:30").await;
    app.replace_text("#event-form [name=headcount]", "31").await;
    app.scroll_to("#event-form [name=partnerLog]").await;
    app.screenshot("correcting-a-visit-logged-with-a-partner").await;
    app.click("#event-save").await;
    app.wait_for_text("#event-saved", "Its line in the partnership log was corrected too.").await;
    assert_eq!(log(&app), [("31 people".to_owned(), 1.5, "Class visit: Thesis statements".to_owned())]);
    app.go("partners").await;
    app.click("#institutions-table .open-partner").await;
    let given = app.wait_for_text("#activities-given", "Class visit: Thesis statements").await;
    assert!(given.contains("31 people") && given.contains("1.5"), "{given}");
    app.scroll_to("#activities-given").await;
    app.screenshot("corrected-visit-in-the-partners-log").await;

    // Deleted: the line leaves the partner's log with it.
    app.go("records").await;
    app.scroll_to("#events").await;
    app.click("#events-table tbody tr .row-actions button:last-child").await;
    app.type_into("#events-table .inline-form input", "Entered for the wrong class").await;
    app.click("#events-table .inline-form button[type=submit]").await;
    app.wait_for_text("#events-list", "No class visits, workshops or presentations").await;
    assert!(log(&app).is_empty());
    app.close().await;
}
