//! End-to-end: appointments through the window. The director sets up a term and a tutor's
//! weekly times in Settings; the desk books a writer into a period, is refused an overlap, sees
//! the day list and the printed passes, and a writer booked for later today is checked in when
//! signed in at the desk.

mod support;

use chrono::{Datelike, Duration, Local, Timelike};
use support::{week_fixture, App, ENTER};

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
    let every_day = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map(|d| format!("{d} 00:00-23:59")).join(ENTER);
    app.replace_text("#tutor-availability [name=times]", "Mon 9 to 5").await;
    app.click("#tutor-availability button[type=submit]").await;
    app.wait_for_text("#tutor-availability .form-message", "\"Mon 9 to 5\" is not a weekly time like").await;
    app.replace_text("#tutor-availability [name=times]", &every_day).await;
    app.click("#tutor-availability button[type=submit]").await;
    app.wait_for_text("#tutor-availability .form-message", "Saved Sam Rivera's times.").await;
    app.screenshot("settings-term-and-times").await;
    // Uma is away the day after tomorrow; a wrong time is refused first.
    let away = (today + Duration::days(2)).to_string();
    app.scroll_to("#add-exception").await;
    app.find("#add-exception [name=tutorId]").await.select_by_label("Uma Brooks").await.unwrap();
    app.type_into("#add-exception [name=firstDay]", &away).await;
    app.find("#add-exception [name=period]").await.select_by_label("A time…").await.unwrap();
    app.type_into("#add-exception [name=start]", "10:00").await;
    app.type_into("#add-exception [name=end]", "09:00").await;
    app.click("#add-exception button[type=submit]").await;
    app.wait_for_text("#add-exception .form-message", "End 09:00 must be after the start 10:00.").await;
    app.find("#add-exception [name=period]").await.select_by_label("All day").await.unwrap();
    app.type_into("#add-exception [name=reason]", "Dentist").await;
    app.click("#add-exception button[type=submit]").await;
    app.wait_for_text("#add-exception .form-message", &format!("Added: Uma Brooks, {away}, all day.")).await;
    app.wait_for_text("#exceptions-list", &format!("Uma Brooks: {away}, all day (Dentist)")).await;
    app.screenshot("settings-tutor-away").await;

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
    app.show_print_view("passes").await;
    let pass = app.wait_for_text("#passes", "Writing Center pass").await;
    assert!(
        pass.contains("A Fixture") && pass.contains("Period 4") && pass.contains("Released by (teacher)"),
        "{pass}"
    );
    app.screenshot("printed-passes").await;
    app.show_print_view("day").await;
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

const ARROW_DOWN: &str = "\u{E015}";

/// The week fixture plus a term around today that Sam and Uma take appointments all of, A's
/// appointment tonight with Sam (course, teacher and assignment booked), A's card number, Sam on
/// shift, B on today's waitlist, and — when the clock allows — C's appointment with Uma that
/// started half an hour ago. Returns C's appointment id when there is one.
fn desk_day(name: &str) -> (support::TestDir, Option<i64>) {
    use scriptorium_core::storage::appointments::{self as booked, NewAppointment};
    use scriptorium_core::storage::terms::{self, NewTerm};
    use scriptorium_core::storage::waitlist::{self, NewWaiting};
    use scriptorium_core::storage::{self, availability, shifts, write, Actor};

    let dir = week_fixture::data_dir(name);
    let mut conn = storage::open(&dir.join(storage::DATABASE_FILE)).unwrap();
    let now = Local::now().naive_local().with_nanosecond(0).unwrap();
    let today = now.date();
    let id = |conn: &rusqlite::Connection, sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let [a, b, c] = ["A", "B", "C"].map(|first| {
        id(&conn, &format!("SELECT id FROM students WHERE first_name = '{first}' AND last_name = 'Fixture'"))
    });
    let sam = id(&conn, "SELECT id FROM tutors WHERE name = 'Sam Rivera'");
    let uma = id(&conn, "SELECT id FROM tutors WHERE name = 'Uma Brooks'");
    let missed = write(&mut conn, |tx| {
        let term = NewTerm {
            name: "This term".into(),
            first_day: (today - Duration::days(7)).to_string(),
            last_day: (today + Duration::days(60)).to_string(),
            open_weekdays: (0..7).collect(),
            ..Default::default()
        };
        let term = terms::add(tx, &term, now)?;
        let all_week = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map(|d| format!("{d} 00:00-23:59")).join("\n");
        availability::set(tx, term.id, sam, &all_week)?;
        availability::set(tx, term.id, uma, &all_week)?;
        tx.execute("UPDATE students SET student_number = '700555' WHERE id = ?1", [a])?;
        let tonight = NewAppointment {
            student_id: a,
            tutor_id: Some(sam),
            date: today.to_string(),
            start: "23:00".into(),
            end: "23:30".into(),
            course: "English 9".into(),
            teacher_name: "Ms. Okafor".into(),
            assignment_type: "Research paper".into(),
            working_on: "Sources for the research paper".into(),
            ..Default::default()
        };
        booked::book(tx, &tonight, Actor::FrontDesk, today.and_hms_opt(0, 0, 0).unwrap())?;
        let _ = shifts::clock_in(tx, sam, now - Duration::minutes(1));
        let waiting =
            NewWaiting { student_id: b, date: today.to_string(), tutor_id: None, note: "Lab report due".into() };
        waitlist::add(tx, &waiting, now)?;
        let started = now - Duration::minutes(30);
        if started.date() != today || now.hour() >= 23 {
            return Ok(None);
        }
        let earlier = NewAppointment {
            student_id: c,
            tutor_id: Some(uma),
            date: today.to_string(),
            start: started.format("%H:%M").to_string(),
            end: (started + Duration::minutes(25)).format("%H:%M").to_string(),
            ..Default::default()
        };
        Ok(Some(booked::book(tx, &earlier, Actor::FrontDesk, started - Duration::minutes(1))?.id))
    })
    .unwrap();
    (dir, missed)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_no_show_frees_a_time_for_the_waitlist_a_scan_checks_in_and_the_week_grid_books_by_keyboard() {
    let (dir, missed) = desk_day("appointments-desk-day");
    let mut app = App::launch_on("appointments-desk-day", dir).await;
    let today = Local::now().date_naive();

    // A no-show after the grace period: one button marks it missed, and B, waiting for a time
    // today, is offered it and signed in.
    if let Some(missed) = missed {
        let expected = app.wait_for_text("#queue-expected", "missed?").await;
        assert!(expected.contains("C Fixture") && expected.contains("A Fixture"), "{expected}");
        app.screenshot("desk-expected-missed").await;
        app.click(&format!("#queue-expected [data-appointment-id='{missed}'] .mark-missed")).await;
        let offer = app.wait_for_text("#freed-time", "B Fixture").await;
        assert!(offer.contains("Uma Brooks is free") && offer.contains("Lab report due"), "{offer}");
        app.screenshot("freed-time-offered").await;
        app.click("#freed-time .sign-in-waiting").await;
        app.wait_for_text("#signin-card", "B Fixture is signed in").await;
        app.press(support::ESCAPE).await;
        let (status, waiting): (String, String) = app
            .database()
            .query_row(
                "SELECT (SELECT status FROM appointments WHERE id = ?1), (SELECT status FROM waitlist)",
                [missed],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((status.as_str(), waiting.as_str()), ("missed", "served"));
    } else {
        println!("appointments: the no-show part needs 30 minutes of today behind and one ahead; skipped");
    }

    // A's card is scanned: checked in, first in the queue, and started with the booked tutor.
    app.wait_for_focus("writer-search").await;
    app.press(&format!("700555{ENTER}")).await;
    app.wait_for_text("#signin-card", "A Fixture is signed in").await;
    app.press(support::ESCAPE).await;
    let first = app.wait_for_text("#queue-waiting li:first-child", "A Fixture").await;
    assert!(first.contains("appointment 23:00–23:30") && first.contains("booked with Sam Rivera"), "{first}");
    app.screenshot("checked-in-first").await;
    app.click("#queue-waiting li:first-child .start").await;
    app.wait_for("#queue-waiting .start-form select").await;
    app.press(ENTER).await;
    app.wait_for_text("#queue-in-session", "A Fixture").await;

    // The session form starts from the booking, and the logged session completes it.
    app.click("#queue-in-session .end").await;
    app.wait_for("#log-dialog[open]").await;
    let value = |css: &'static str| {
        let client = app.client.clone();
        async move { client.find(fantoccini::Locator::Css(css)).await.unwrap().prop("value").await.unwrap().unwrap() }
    };
    assert_eq!(value("#log-form [name=course]").await, "English 9");
    assert_eq!(value("#log-form [name=teacherName]").await, "Ms. Okafor");
    assert_eq!(value("#log-form [name=assignmentType]").await, "Research paper");
    app.screenshot("session-form-from-the-booking").await;
    let now = Local::now().naive_local();
    let end = now.format("%H:%M").to_string();
    let start = (now - Duration::minutes(20)).max(today.and_hms_opt(0, 0, 0).unwrap()).format("%H:%M").to_string();
    app.replace_text("#log-form [name=startTime]", &start).await;
    app.replace_text("#log-form [name=endTime]", &end).await;
    app.scroll_to("#log-form [name=writingStage]").await;
    app.find("#log-form [name=writingStage]").await.select_by_label("Drafting").await.unwrap();
    app.click("#log-form input[value='Organization']").await;
    app.click("#log-save").await;
    app.wait_for_text("#desk-message", "Session with A Fixture logged.").await;
    let (status, linked): (String, bool) = app
        .database()
        .query_row(
            "SELECT a.status, a.session_id = (SELECT max(id) FROM sessions) FROM appointments a
             JOIN students s ON s.id = a.student_id WHERE s.first_name = 'A'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((status.as_str(), linked), ("completed", true));

    // Next week in the grid, by keyboard: find D, Enter, down to Period 1, Enter books it with
    // Sam; E into the same cell is refused.
    let next_week = today + Duration::days(7);
    let monday = next_week - Duration::days(i64::from(next_week.weekday().num_days_from_monday()));
    app.go("appointments").await;
    app.replace_text("#appointments-date", &next_week.to_string()).await;
    app.press(ENTER).await;
    app.wait_for_text("#week-title", &format!("Week of {monday}")).await;
    app.find("#book-appointment [name=tutorId]").await.select_by_label("Sam Rivera").await.unwrap();
    choose_writer(&app, "D Fixture", "Fixture, D · grade 12").await;
    app.click("#appointment-writer").await;
    app.press(ENTER).await;
    app.press(ARROW_DOWN).await;
    app.press(ENTER).await;
    app.wait_for_text("#booked", &format!("Booked: D Fixture, {monday} 08:00–08:55 with Sam Rivera.")).await;
    app.screenshot("week-grid-booked-by-keyboard").await;
    choose_writer(&app, "E Fixture", "Fixture, E · grade 11").await;
    app.click("#appointment-writer").await;
    app.press(ENTER).await;
    let focus = app.focus().await;
    assert!(
        matches!(&focus, support::Focus::Element { tag, .. } if tag == "button"),
        "the grid has the focus: {focus:?}"
    );
    app.press(ENTER).await;
    app.wait_for_text(
        "#book-appointment .form-message.error",
        "Sam Rivera is already booked 08:00–08:55 with D Fixture.",
    )
    .await;
    app.screenshot("week-grid-refused").await;
    let cell = app.wait_for_text("#week-grid", "D Fixture · Sam Rivera").await;
    assert!(cell.contains("1 free"), "{cell}");

    // Stats: this week's appointments against walk-ins, with the no-show.
    app.unlock_director("stats", "271828").await;
    app.wait_for("#appointment-stats-table").await;
    let rows = app.table_rows("#appointment-stats-table").await;
    let this_week = |measure: &str| {
        rows.iter().find(|r| r.starts_with(&format!("{measure} |"))).unwrap().rsplit(" | ").next().unwrap().to_owned()
    };
    assert_eq!(this_week("Sessions booked"), "1", "{rows:?}");
    assert_eq!(this_week("No-shows"), if missed.is_some() { "1" } else { "0" }, "{rows:?}");
    app.scroll_to("#appointment-stats").await;
    app.screenshot("stats-appointments").await;
    app.close().await;
}
