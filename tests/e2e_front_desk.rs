//! End-to-end: the front desk through the real window, keyboard first.

mod support;

use std::path::Path;

use chrono::{Duration, Local};
use scriptorium_core::storage::students::{self, NewStudent};
use scriptorium_core::storage::tutors::{self, NewTutor};
use scriptorium_core::storage::{self, shifts, write, Actor};
use support::{App, Focus, TestDir, ENTER, ESCAPE, TAB};

/// A data dir with two writers and two tutors: Sam on shift, or else Uma's shift left open
/// since yesterday afternoon.
fn seeded_data_dir(name: &str, sam_on_shift: bool) -> TestDir {
    let dir = TestDir::new(name);
    seed(&dir, sam_on_shift);
    dir
}

fn seed(dir: &Path, sam_on_shift: bool) {
    let mut conn = storage::open(&dir.join(storage::DATABASE_FILE)).unwrap();
    // Half an hour ago, but today: at 00:10 the seed must not clock Sam in yesterday.
    let now = (Local::now().naive_local() - Duration::minutes(30)).max(Local::now().date_naive().into());
    write(&mut conn, |tx| {
        for (number, first, last, grade) in [("700123", "Priya", "Natarajan", 10), ("700456", "Pedro", "Álvarez", 11)]
        {
            let student = NewStudent {
                student_number: Some(number.into()),
                first_name: first.into(),
                last_name: last.into(),
                grade: Some(grade),
                ..Default::default()
            };
            students::add(tx, &student, Actor::Director, now)?;
        }
        let tutor = |name: &str, kind: &str| NewTutor { name: name.into(), kind: kind.into(), ..Default::default() };
        let sam = tutors::add(tx, &tutor("Sam Rivera", "peer"), Actor::Director, now)?;
        let uma = tutors::add(tx, &tutor("Uma Brooks", "university"), Actor::Director, now)?;
        if sam_on_shift {
            shifts::clock_in(tx, sam.id, now)?;
        } else {
            let yesterday = (Local::now() - Duration::days(1)).date_naive().and_hms_opt(14, 0, 0).unwrap();
            shifts::clock_in(tx, uma.id, yesterday)?;
        }
        Ok(())
    })
    .unwrap();
}

fn yesterday() -> String {
    (Local::now().date_naive() - Duration::days(1)).format("%Y-%m-%d").to_string()
}

/// The desk logs only sessions of today's visits: a test that signs a writer in and logs the
/// session waits out the minutes around midnight, so both fall on one day.
async fn clear_of_midnight() {
    let minute = |t: chrono::NaiveTime| chrono::Timelike::hour(&t) * 60 + chrono::Timelike::minute(&t);
    let now = minute(Local::now().time());
    if !(2..23 * 60 + 58).contains(&now) {
        let wait = (24 * 60 + 2 - now) % (24 * 60);
        tokio::time::sleep(std::time::Duration::from_secs(u64::from(wait) * 60 + 5)).await;
    }
}

/// Today's session as the desk logs it: up to 40 minutes, ending this minute.
fn todays_times() -> (String, String, String, i64) {
    let now = Local::now().naive_local();
    let end = now.date().and_hms_opt(chrono::Timelike::hour(&now), chrono::Timelike::minute(&now), 0).unwrap();
    let start = (end - Duration::minutes(40)).max(now.date().and_hms_opt(0, 0, 0).unwrap());
    let hm = |t: chrono::NaiveDateTime| t.format("%H:%M").to_string();
    (now.date().to_string(), hm(start), hm(end), (end - start).num_minutes())
}

async fn select(app: &App, css: &str, label: &str) {
    // As a person would, scroll the long log form to the field first.
    app.scroll_to(css).await;
    let element = app.find(css).await;
    element.select_by_label(label).await.unwrap_or_else(|e| panic!("cannot choose {label:?} in {css}: {e}"));
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_start_log_and_return_with_continuity() {
    clear_of_midnight().await;
    let mut app = App::launch_on("desk-flow", seeded_data_dir("desk-flow", true)).await;
    app.wait_for_text("#shift-list", "On shift since").await;
    assert!(
        matches!(app.focus().await, Focus::Element { id, .. } if id == "writer-search"),
        "the desk opens with focus in the search box"
    );
    app.screenshot("desk-empty-queue").await;

    // Search as you type: prefix, case and accents ignored.
    app.press("pri").await;
    app.wait_for_text("#writer-results", "Priya Natarajan").await;
    app.screenshot("search-as-you-type").await;
    app.press(ESCAPE).await;
    app.press("ALV").await;
    let results = app.wait_for_text("#writer-results", "Pedro Álvarez").await;
    assert!(!results.contains("Priya"), "{results}");
    app.press(ESCAPE).await;

    // The card scanner types the number and Enter: signed in directly.
    app.press(&format!("700123{ENTER}")).await;
    app.wait_for_text("#signin-card", "Priya Natarajan is signed in").await;
    app.wait_for_text("#signin-card", "First visit").await;
    let focus = app.focus().await;
    assert!(
        matches!(&focus, Focus::Element { tag, inside, .. } if tag == "input" && inside.contains(&"#signin-card".to_owned())),
        "focus is in the card's working-on field: {focus:?}"
    );
    app.press(&format!("Gatsby essay{ENTER}")).await;
    app.wait_for_text("#queue-waiting", "Gatsby essay").await;
    app.wait_for_focus("writer-search").await;
    // A screen reader hears the queue's counts change (a visually hidden live region).
    let said = app.client.execute("return document.getElementById('queue-status').textContent;", vec![]).await.unwrap();
    assert_eq!(said, "Queue: 1 waiting, 0 in a session.");
    app.screenshot("writer-waiting").await;

    // A second scan while waiting is refused, not duplicated.
    app.press(&format!("700123{ENTER}")).await;
    app.wait_for_text("#desk-message", "Priya Natarajan is already waiting").await;
    app.screenshot("duplicate-sign-in-refused").await;
    let visits: i64 = app.database().query_row("SELECT count(*) FROM visits", [], |r| r.get(0)).unwrap();
    assert_eq!(visits, 1);

    // Start without a mouse: Tab from the search box reaches Start; Enter picks the tutor.
    app.press(TAB).await;
    app.press(ENTER).await;
    app.wait_for("#queue-waiting .start-form select").await;
    app.press(ENTER).await;
    app.wait_for_text("#queue-in-session", "with Sam Rivera").await;
    app.wait_for_focus("writer-search").await;

    // End and log (Tab, Enter): a refused entry first, then a valid one.
    app.press(TAB).await;
    app.press(ENTER).await;
    app.wait_for("#log-dialog[open]").await;
    app.screenshot("log-form-prefilled").await;
    let (today, start, end, logged_minutes) = todays_times();
    app.replace_text("#log-form [name=startTime]", &end).await;
    app.replace_text("#log-form [name=endTime]", &start).await;
    app.click("#log-save").await;
    app.wait_for_text(
        "#log-form .form-message.error",
        &format!("End time {start} must be after the start time {end}."),
    )
    .await;
    app.screenshot("log-refused-end-before-start").await;
    app.replace_text("#log-form [name=startTime]", &start).await;
    app.replace_text("#log-form [name=endTime]", &end).await;
    app.click("#log-save").await;
    app.wait_for_text("#log-form .form-message.error", "Choose an assignment type.").await;

    select(&app, "#log-form [name=assignmentType]", "Literary analysis").await;
    select(&app, "#log-form [name=writingStage]", "Revising").await;
    select(&app, "#log-form [name=secondTutor]", "Uma Brooks").await;
    app.click("#log-form input[value='Thesis or claim']").await;
    app.click("#log-form input[value='Counterargument']").await;
    app.type_into("#log-form [name=course]", "English 10 Honors").await;
    app.type_into("#log-form [name=teacherName]", "Ms. Alvarez").await;
    select(&app, "#log-form [name=teacherDepartment]", "English").await;
    app.type_into("#log-form [name=notes]", "Reworked the thesis; looked at two body paragraphs.").await;
    app.type_into("#log-form [name=nextSteps]", "Add a counterargument paragraph before Friday.").await;
    select(&app, "#log-form [name=confidenceBefore]", "2").await;
    select(&app, "#log-form [name=confidenceAfter]", "4").await;
    app.screenshot("log-form-filled").await;
    // Dated yesterday, the desk refuses it: past sessions are the director's.
    let ctrl_enter = format!("\u{E009}{ENTER}\u{E009}"); // Ctrl+Enter saves
    app.scroll_to("#log-form [name=date]").await;
    app.replace_text("#log-form [name=date]", &yesterday()).await;
    app.press(&ctrl_enter).await;
    app.wait_for_text("#log-form .form-message.error", "At the desk, a session is logged on the day it happens.").await;
    app.screenshot("log-refused-backdated").await;
    app.replace_text("#log-form [name=date]", &today).await;
    app.press(&ctrl_enter).await;
    app.wait_for_text("#desk-message", "Session with Priya Natarajan logged.").await;
    app.wait_for_text("#queue-today", "Today: 1 logged").await;
    app.wait_for_focus("writer-search").await;

    let (minutes, stage, next_steps, tutors, concerns): (i64, String, String, i64, i64) = app
        .database()
        .query_row(
            "SELECT minutes, writing_stage, next_steps,
                (SELECT count(*) FROM session_tutors WHERE session_id = s.id),
                (SELECT count(*) FROM session_concerns WHERE session_id = s.id)
             FROM sessions s",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(
        (minutes, stage.as_str(), next_steps.as_str(), tutors, concerns),
        (logged_minutes, "Revising", "Add a counterargument paragraph before Friday.", 2, 2)
    );

    // The second visit continues the conversation: last next steps, same tutor offered.
    app.press(&format!("700123{ENTER}")).await;
    let card = app.wait_for_text("#signin-card", "Add a counterargument paragraph before Friday.").await;
    assert!(card.contains("Sam Rivera & Uma Brooks") || card.contains("Uma Brooks & Sam Rivera"), "{card}");
    let offered = app.find("#visit-request [name=requestedTutor]").await.prop("value").await.unwrap();
    let sam_id: i64 =
        app.database().query_row("SELECT id FROM tutors WHERE name = 'Sam Rivera'", [], |r| r.get(0)).unwrap();
    assert_eq!(offered.as_deref(), Some(sam_id.to_string().as_str()), "Sam, on shift, is offered again");
    app.screenshot("continuity-card").await;

    // They leave before being seen: a walk-away, kept.
    app.press(ESCAPE).await;
    app.click("#queue-waiting button.left").await;
    app.wait_for_text("#queue-today", "1 left unseen").await;
    app.screenshot("walk-away").await;
    let statuses: Vec<String> = app
        .database()
        .prepare("SELECT status FROM visits ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(statuses, ["done", "left"]);
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn quick_add_unknown_scan_and_clocking_shifts() {
    let mut app = App::launch_on("desk-quick-add", seeded_data_dir("desk-quick-add", false)).await;

    // Clock in and out from the desk.
    app.wait_for_text("#shift-list", "Off shift").await;
    app.click("#shift-list li:first-child button.clock-in").await;
    app.wait_for_text("#shift-list li:first-child", "On shift since").await;
    app.wait_for_text("#desk-message", "Sam Rivera clocked in.").await;
    app.screenshot("clocked-in").await;
    app.click("#shift-list li:first-child button.clock-out").await;
    app.wait_for_text("#desk-message", "Sam Rivera clocked out").await;
    app.wait_for_text("#shift-list li:first-child", "Off shift").await;
    let closed: (Option<String>, i64) = app
        .database()
        .query_row(
            "SELECT clock_out_at, auto_closed FROM tutor_shifts s JOIN tutors t ON t.id = s.tutor_id
             WHERE t.name = 'Sam Rivera'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(closed.0.is_some() && closed.1 == 0, "{closed:?}");

    // A name nobody has: Enter opens quick-add with the name filled in.
    app.type_into("#writer-search", "Zanele Mokoena-Abernathy").await;
    app.wait_for_text("#writer-hint", "No writer found").await;
    app.press(ENTER).await;
    app.wait_for("#quick-add").await;
    let last = app.find("#quick-add [name=lastName]").await.prop("value").await.unwrap();
    assert_eq!(last.as_deref(), Some("Mokoena-Abernathy"));
    select(&app, "#quick-add [name=grade]", "9").await;
    app.screenshot("quick-add").await;
    app.press(ENTER).await;
    app.wait_for_text("#signin-card", "Zanele Mokoena-Abernathy is signed in").await;
    let grade: i64 =
        app.database().query_row("SELECT grade FROM students WHERE first_name = 'Zanele'", [], |r| r.get(0)).unwrap();
    assert_eq!(grade, 9);
    app.press(ESCAPE).await;
    app.wait_for_focus("writer-search").await;

    // An unknown card: the desk says so and opens quick-add with the number.
    app.wait_for_text("#queue-waiting", "Zanele").await;
    app.press(&format!("555000{ENTER}")).await;
    app.wait_for_text("#desk-message", "No writer has student number 555000").await;
    let number = app.find("#quick-add [name=studentNumber]").await.prop("value").await.unwrap();
    assert_eq!(number.as_deref(), Some("555000"));
    app.screenshot("unknown-card-quick-add").await;

    // Uma's shift from yesterday was closed at closing time. At the desk, without the director's
    // PIN, its end can't be changed; in Records it is shown for checking.
    let refused = app.invoke_refused("set_shift_end", serde_json::json!({"shiftId": 1, "endTime": "15:00"})).await;
    assert_eq!(refused, "locked");
    app.unlock_director("records", "271828").await;
    let flagged = app.wait_for_text("#auto-closed-shifts", "Uma Brooks").await;
    assert!(flagged.contains("16:30") && !flagged.contains("null"), "{flagged}");
    app.scroll_to("#auto-closed-shifts").await;
    app.screenshot("auto-closed-shift-flagged").await;

    // Uma says she left at 15:45: a time that isn't one is refused, then the real end is saved.
    app.replace_text("#auto-closed-shifts input[name=endTime]", "5 pm").await;
    app.press(ENTER).await;
    app.wait_for_text("#auto-closed-shifts .form-message", "End time \"5 pm\" is not a time like 14:05.").await;
    app.screenshot("auto-closed-shift-refused").await;
    app.replace_text("#auto-closed-shifts input[name=endTime]", "15:45").await;
    app.press(ENTER).await;
    let saved = app.wait_for_text("#shift-saved", "15:45").await;
    assert_eq!(saved, format!("Uma Brooks's shift on {}: 14:00–15:45, 1 h 45 min.", yesterday()));
    app.wait_for_text("#auto-closed-shifts", "Every shift closed automatically has been checked.").await;
    let (clock_out, minutes, flagged, audited): (String, i64, i64, i64) = app
        .database()
        .query_row(
            "SELECT clock_out_at, minutes, auto_closed,
                    (SELECT count(*) FROM audit_log WHERE entity = 'shift' AND entity_id = s.id AND actor = 'director')
             FROM tutor_shifts s JOIN tutors t ON t.id = s.tutor_id WHERE t.name = 'Uma Brooks'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!((clock_out, minutes, flagged, audited), (format!("{}T15:45:00", yesterday()), 105, 0, 1));
    app.screenshot("auto-closed-shift-checked").await;

    // The session Pedro had yesterday, never logged at the desk: the director adds it in Records.
    app.scroll_to("#students-table").await;
    app.click("button[aria-label='Add a past session for Álvarez, Pedro']").await;
    app.wait_for("#log-dialog[open]").await;
    app.replace_text("#log-form [name=date]", &yesterday()).await;
    app.replace_text("#log-form [name=startTime]", "13:00").await;
    app.replace_text("#log-form [name=endTime]", "13:25").await;
    select(&app, "#log-form [name=leadTutor]", "Sam Rivera").await;
    select(&app, "#log-form [name=assignmentType]", "Lab report").await;
    select(&app, "#log-form [name=writingStage]", "Drafting").await;
    app.click("#log-form input[value='Organization']").await;
    app.screenshot("past-session-form").await;
    app.click("#log-save").await;
    app.wait_for_text("button[aria-label='Add a past session for Álvarez, Pedro']", "Session added").await;
    let (day, minutes, actor): (String, i64, String) = app
        .database()
        .query_row(
            "SELECT substr(s.started_at, 1, 10), s.minutes, a.actor FROM sessions s
             JOIN students st ON st.id = s.student_id
             JOIN audit_log a ON a.entity = 'session' AND a.entity_id = s.id AND a.action = 'create'
             WHERE st.first_name = 'Pedro'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((day, minutes, actor.as_str()), (yesterday(), 25, "director"));
    app.close().await;
}
