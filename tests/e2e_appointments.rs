//! End-to-end: appointments through the window. The director sets up a term and a tutor's
//! weekly times in Settings; the desk books a writer into a period, is refused an overlap, sees
//! the day list and the printed passes, and a writer booked for later today is checked in when
//! signed in at the desk.

mod support;

use chrono::{Duration, Local, Timelike};
use serde_json::json;
use support::{week_fixture, App, ENTER};

/// The page's print rules applied to the screen, so a screenshot shows what would print.
async fn show_print_view(app: &App, printing: &str) {
    app.client
        .execute(
            "document.body.dataset.printing = arguments[0];
             for (const sheet of document.styleSheets) for (const rule of sheet.cssRules)
               if (rule.media && rule.media.mediaText === 'print') rule.media.appendMedium('screen');",
            vec![json!(printing)],
        )
        .await
        .unwrap();
}

async fn choose_writer(app: &App, name: &str, option: &str) {
    app.replace_text("#appointment-writer", name).await;
    app.wait_for_text("#appointment-writer-choice", option).await;
    app.find("#appointment-writer-choice").await.select_by_label(option).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn set_up_a_term_book_refuse_an_overlap_print_passes_and_check_in_at_the_desk() {
    let mut app = App::launch_on("appointments", week_fixture::data_dir("appointments")).await;
    let today = Local::now().date_naive();
    let tomorrow = today + Duration::days(1);

    // Settings: a term around today, open every day, and Sam's weekly times.
    app.unlock_director("settings", "271828").await;
    app.scroll_to("#add-term").await;
    app.type_into("#add-term [name=name]", "This term").await;
    app.type_into("#add-term [name=firstDay]", &(today - Duration::days(7)).to_string()).await;
    app.type_into("#add-term [name=lastDay]", &(today + Duration::days(60)).to_string()).await;
    for weekday in [5, 6] {
        app.click(&format!("#add-term [name=weekday-{weekday}]")).await;
    }
    app.click("#add-term button[type=submit]").await;
    app.wait_for_text("#terms-list", "This term:").await;
    app.scroll_to("#tutor-availability").await;
    app.find("#tutor-availability [name=tutorId]").await.select_by_label("Sam Rivera").await.unwrap();
    let every_day = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map(|d| format!("{d} 07:00-23:59")).join(ENTER);
    app.replace_text("#tutor-availability [name=times]", "Mon 9 to 5").await;
    app.click("#tutor-availability button[type=submit]").await;
    app.wait_for_text("#tutor-availability .form-message", "\"Mon 9 to 5\" is not a weekly time like").await;
    app.replace_text("#tutor-availability [name=times]", &every_day).await;
    app.click("#tutor-availability button[type=submit]").await;
    app.wait_for_text("#tutor-availability .form-message", "Saved Sam Rivera's times.").await;
    app.screenshot("settings-term-and-times").await;

    // The desk books A with Sam tomorrow, Period 4; B in the same period with Sam is refused.
    app.go("appointments").await;
    app.wait_for_text("#appointments-list", "No appointments on").await;
    app.screenshot("empty-day").await;
    choose_writer(&app, "Fixture", "Fixture, A · grade 9").await;
    app.find("#book-appointment [name=tutorId]").await.select_by_label("Sam Rivera").await.unwrap();
    app.replace_text("#book-appointment [name=date]", &tomorrow.to_string()).await;
    app.find("#book-appointment [name=period]").await.select_by_label("Period 4 (11:45–12:40)").await.unwrap();
    app.type_into("#book-appointment [name=workingOn]", "Thesis for the history essay").await;
    app.click("#book-appointment-button").await;
    app.wait_for_text("#booked", &format!("Booked: A Fixture, {tomorrow} 11:45–12:40 with Sam Rivera.")).await;
    choose_writer(&app, "Fixture", "Fixture, B · grade 10").await;
    app.find("#book-appointment [name=tutorId]").await.select_by_label("Sam Rivera").await.unwrap();
    app.replace_text("#book-appointment [name=date]", &tomorrow.to_string()).await;
    app.find("#book-appointment [name=period]").await.select_by_label("Period 4 (11:45–12:40)").await.unwrap();
    app.click("#book-appointment-button").await;
    app.wait_for_text("#book-appointment .form-message", "Sam Rivera is already booked 11:45–12:40 with A Fixture.")
        .await;
    app.screenshot("overlap-refused").await;
    let rows = app.table_rows("#appointments-table").await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(
        rows[0].contains("A Fixture")
            && rows[0].contains("Scheduled")
            && rows[0].contains("Thesis for the history essay")
    );
    let stored: i64 = app.database().query_row("SELECT count(*) FROM appointments", [], |r| r.get(0)).unwrap();
    assert_eq!(stored, 1, "the refused booking wrote nothing");

    // What prints: the writer's pass.
    show_print_view(&app, "passes").await;
    let pass = app.wait_for_text("#passes", "Writing Center pass").await;
    assert!(
        pass.contains("A Fixture") && pass.contains("Period 4") && pass.contains("Released by (teacher)"),
        "{pass}"
    );
    app.screenshot("printed-passes").await;
    show_print_view(&app, "day").await;
    app.screenshot("printed-day-list").await;
    app.client.refresh().await.unwrap();

    // Later today, C has an appointment; signing C in at the desk checks it in.
    let now = Local::now();
    if (now.hour(), now.minute()) < (23, 15) {
        let start = now + Duration::minutes(10);
        let end = start + Duration::minutes(30);
        app.wait_for("#book-appointment").await;
        choose_writer(&app, "Fixture", "Fixture, C · grade 10").await;
        app.find("#book-appointment [name=period]").await.select_by_label("A time…").await.unwrap();
        app.type_into("#book-appointment [name=start]", &start.format("%H:%M").to_string()).await;
        app.type_into("#book-appointment [name=end]", &end.format("%H:%M").to_string()).await;
        app.click("#book-appointment-button").await;
        app.wait_for_text("#booked", "Booked: C Fixture").await;
        app.go("desk").await;
        let expected = app.wait_for_text("#queue-expected", "C Fixture").await;
        assert!(!expected.contains("missed?"), "not before the grace period: {expected}");
        app.screenshot("expected-at-the-desk").await;
        app.type_into("#writer-search", "C Fixture").await;
        app.wait_for_text("#writer-results", "C Fixture").await;
        app.press(ENTER).await;
        app.wait_for_text("#signin-card", "C Fixture is signed in").await;
        let status: String = app
            .database()
            .query_row(
                "SELECT a.status FROM appointments a JOIN students s ON s.id = a.student_id WHERE s.first_name = 'C'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(status, "checked_in");
        app.press(support::ESCAPE).await;
        let queue = app.wait_for_text("#queue-waiting", "appointment").await;
        assert!(queue.contains(&format!("appointment {}–{}", start.format("%H:%M"), end.format("%H:%M"))), "{queue}");
        assert!(
            app.client.find(fantoccini::Locator::Css("#queue-expected")).await.is_err(),
            "checked in: no longer expected"
        );
        app.screenshot("checked-in-in-the-queue").await;
    } else {
        println!("appointments: the check-in part needs an hour before midnight; skipped at {now}");
    }
    app.close().await;
}
