//! End-to-end: the director's statistics, corrections and rosters through the real window, and
//! a correction and a deletion by keyboard alone, with the focus followed after each.

mod support;

use scriptorium_core::storage;
use scriptorium_core::synthetic::{self, SchoolSize};
use support::{week_fixture, App, TestDir, ENTER, ESCAPE};

const PIN: &str = "correct horse";

async fn figure(app: &App, key: &str) -> String {
    app.find(&format!("[data-figure='{key}'] .figure-value")).await.text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_dashboard_shows_the_hand_computed_week() {
    let mut app = App::launch_on("director-dashboard", week_fixture::data_dir("director-dashboard")).await;
    app.unlock_director("stats", PIN).await;
    let week = app.find("#stats-week").await;
    week.clear().await.unwrap();
    week.send_keys(&format!("2026-11-19{ENTER}")).await.unwrap();
    app.wait_for_text("#stats-week-label", "Week of 2026-11-16 to 2026-11-22").await;

    // The figures worked out by hand in tests/stats.rs.
    let expected = [
        ("sessions", "5"),
        ("uniqueWriters", "4"),
        ("newWriters", "2"),
        ("returningWriters", "2"),
        ("totalMinutes", "190"),
        ("averageMinutes", "38"),
        ("walkAways", "1"),
        ("averageWaitMinutes", "7.5"),
        ("repeatPairing", "66.7%"),
    ];
    for (key, value) in expected {
        assert_eq!(figure(&app, key).await, value, "{key}");
    }
    let sessions_card = app.find("[data-figure='sessions'] .figure-compare").await.text().await.unwrap();
    assert_eq!(sessions_card, "previous week 2 · last year 1");
    app.screenshot("dashboard-figures").await;

    assert_eq!(
        app.table_rows("#breakdown-tutor-table").await,
        ["Uma Brooks | 3 | 60%", "Sam Rivera | 2 | 40%", "Pat Lee | 1 | 20%"]
    );
    assert_eq!(
        app.table_rows("#grades-served-table").await,
        ["Grade 9 | 1 | 100 | 1%", "Grade 10 | 2 | 200 | 1%", "Grade 11 | 1 | 50 | 2%", "Grade 12 | 0 | 80 | 0%"]
    );
    let heat = app.table_rows("#heatmap table").await;
    assert!(heat.contains(&"After school |  |  |  |  | 1 |  | ".to_string()), "{heat:?}");
    assert!(heat.contains(&"Period 2 |  | 2 |  |  |  |  | ".to_string()), "{heat:?}");
    app.scroll_to("#trend").await;
    app.screenshot("dashboard-trend-and-heatmap").await;
    app.scroll_to("#breakdown-tutor").await;
    app.screenshot("dashboard-breakdowns").await;

    // The previous week, one click back.
    app.click("#previous-week").await;
    app.wait_for_text("#stats-week-label", "Week of 2026-11-09").await;
    assert_eq!(figure(&app, "sessions").await, "2");
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_correction_and_a_delete_show_in_the_history_and_the_statistics() {
    let mut app = App::launch_on("director-corrections", week_fixture::data_dir("director-corrections")).await;
    app.unlock_director("records", PIN).await;

    // Visits: a date that isn't one is refused; the week's desk visits are listed, newest first.
    app.type_into("#visit-filters [name=from]", &format!("16/11/2026{ENTER}")).await;
    app.wait_for_text("#visit-filters .form-message", "From \"16/11/2026\" is not a date like 2026-").await;
    let from = app.find("#visit-filters [name=from]").await;
    from.clear().await.unwrap();
    from.send_keys(&format!("2026-11-16{ENTER}")).await.unwrap();
    let visits: i64 = app.database().query_row("SELECT count(*) FROM visits", [], |r| r.get(0)).unwrap();
    wait_for_rows(&app, "#visits-table", visits as usize).await;
    let rows = app.table_rows("#visits-table").await;
    assert!(rows[0].starts_with("2026-11-18 10:00") && rows[0].contains("Left unseen"), "{rows:?}");
    assert!(!app.find("#visits .show-more").await.is_displayed().await.unwrap(), "one page");
    app.type_into("#session-filters [name=writer]", &format!("C{ENTER}")).await;
    app.wait_for_text("#sessions-table", "2026-11-19 12:50").await;
    assert_eq!(app.table_rows("#sessions-table").await.len(), 2);

    // Correct S4 (the newest of C's two sessions): stage and next steps.
    app.click("#sessions-table tbody tr:first-child button.correct").await;
    app.wait_for("#log-dialog[open]").await;
    app.scroll_to("#log-form [name=writingStage]").await;
    app.find("#log-form [name=writingStage]").await.select_by_label("Drafting").await.unwrap();
    app.type_into("#log-form [name=nextSteps]", "Bring the revised draft on Monday.").await;
    app.screenshot("correcting-a-session").await;
    app.click("#log-save").await;
    let history = app.wait_for_text("#session-history", "writing stage: Revising → Drafting").await;
    assert!(history.contains("next steps: (empty) → Bring the revised draft on Monday."), "{history}");
    assert!(history.contains("director · Changed"), "{history}");
    app.screenshot("history-after-correction").await;

    // Delete S3 with a reason.
    app.click("#sessions-table tbody tr:nth-child(2) button.delete").await;
    app.wait_for("#delete-session").await;
    app.press(ENTER).await;
    app.wait_for_text("#delete-session .form-message", "Reason is required.").await;
    app.type_into("#delete-session [name=reason]", &format!("Logged twice{ENTER}")).await;
    app.wait_for_text("#session-history", "reason: Logged twice").await;
    assert_eq!(app.table_rows("#sessions-table").await.len(), 1, "deleted sessions are hidden by default");
    app.screenshot("history-after-delete").await;

    // The statistics follow: S3 is gone; S4 kept its 40 minutes.
    app.go("stats").await;
    let week = app.find("#stats-week").await;
    week.clear().await.unwrap();
    week.send_keys(&format!("2026-11-19{ENTER}")).await.unwrap();
    app.wait_for_text("#stats-week-label", "Week of 2026-11-16").await;
    assert_eq!(figure(&app, "sessions").await, "4");
    assert_eq!(figure(&app, "totalMinutes").await, "170", "190 minus S3's 20 minutes");
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_roster_import_previews_rejects_a_bad_row_and_commits_the_rest() {
    let mut app = App::launch("director-roster").await;
    app.unlock_director("records", PIN).await;
    let csv = app.data_dir.join("roster-2026.csv");
    // As Excel saves "CSV" in a European locale: semicolons, Windows-1252.
    let text = "Student ID;Last Name;First Name;Grade Level\r\n\
                2001;Okonkwo-Castellanos;Adaeze;9\r\n\
                2002;Nguyen;Bao;10\r\n\
                2003;Sjöberg;Britt;14\r\n";
    std::fs::write(&csv, text.chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect::<Vec<u8>>()).unwrap();
    // A file moved away after it was chosen is named in the refusal.
    app.choose_file("#roster-choose", &app.data_dir.join("moved.csv")).await;
    app.wait_for_text("#roster-form .form-message", "The file \"moved.csv\" is no longer there: choose it again.")
        .await;
    app.choose_file("#roster-choose", &csv).await;
    app.wait_for_text("#roster-chosen", "roster-2026.csv").await;
    app.click("#roster-preview").await;
    app.wait_for_text("#roster-format", "Read as CSV with semicolons, Windows-1252").await;
    let counts = app.wait_for_text("#roster-counts", "Preview:").await;
    assert_eq!(counts, "Preview: 2 to add · 0 to update · 0 unchanged · 1 rejected. Nothing has been written yet.");
    assert_eq!(
        app.table_rows("#roster-rows").await[0],
        "4 | 2003 | Britt Sjöberg | Rejected | Grade must be between 6 and 12, not 14."
    );
    let before: i64 = app.database().query_row("SELECT count(*) FROM students", [], |r| r.get(0)).unwrap();
    assert_eq!(before, 0, "a preview writes nothing");
    app.scroll_to("#roster").await;
    app.screenshot("roster-preview").await;

    app.click("#roster-import").await;
    app.wait_for_text("#roster-summary", "Imported: 2 added · 0 updated · 0 unchanged · 1 rejected.").await;
    // The next term's roster as an Excel workbook: read from its first sheet, numbers as shown.
    let workbook = app.data_dir.join("roster-spring.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    // An old sheet comes first: the director picks the right one in the preview.
    let archive = book.add_worksheet().set_name("Archive 2025").unwrap();
    archive.write_string(0, 0, "Student_Number").unwrap();
    archive.write_number(1, 0, 1999.0).unwrap();
    let sheet = book.add_worksheet().set_name("Students").unwrap();
    for (col, header) in ["Student_Number", "Last_Name", "First_Name", "Grade_Level"].iter().enumerate() {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    sheet.write_number(1, 0, 2004.0).unwrap();
    sheet.write_string(1, 1, "Ødegård").unwrap();
    sheet.write_string(1, 2, "Siv").unwrap();
    sheet.write_number(1, 3, 11.0).unwrap();
    book.save(&workbook).unwrap();
    app.choose_file("#roster-choose", &workbook).await;
    app.click("#roster-preview").await;
    app.wait_for_text("#roster-form .form-message", "The file has no first name column.").await;
    app.find("#roster-sheet").await.select_by_label("Students").await.unwrap();
    app.click("#roster-preview").await;
    app.wait_for_text("#roster-format", "Read as Excel sheet \"Students\" (sheet 2 of 2)").await;
    let counts = app.wait_for_text("#roster-counts", "Preview:").await;
    assert_eq!(counts, "Preview: 1 to add · 0 to update · 0 unchanged · 0 rejected. Nothing has been written yet.");
    assert_eq!(app.table_rows("#roster-rows").await[0], "2 | 2004 | Siv Ødegård | Add | ");
    app.scroll_to("#roster").await;
    app.screenshot("roster-preview-from-excel").await;
    app.click("#roster-import").await;
    app.wait_for_text("#roster-summary", "Imported: 1 added").await;
    let listed = app.wait_for_text("#students-list", "Okonkwo-Castellanos, Adaeze").await;
    assert!(!listed.contains("null"), "no stray text under the students table: {listed}");
    app.scroll_to("#roster").await;
    app.screenshot("roster-imported").await;
    let numbers: Vec<String> = app
        .database()
        .prepare("SELECT student_number FROM students ORDER BY student_number")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(numbers, ["2001", "2002", "2004"], "the workbook's 2004.0 is student number 2004");

    // Find a student as you type; mark them inactive (kept, hidden unless asked for).
    app.type_into("#students-filter", "okon").await;
    app.wait_for_text("#students-table", "Okonkwo-Castellanos").await;
    assert_eq!(app.table_rows("#students-table").await.len(), 1);
    app.click("#students-table button.toggle-active").await;
    // Changed in place: the row says so and offers the way back.
    // ("Mark inactive" holds the word too: wait for the way back.)
    let row = app.wait_for_text("#students-table tbody tr", "Mark active").await;
    assert!(row.contains("inactive"), "{row}");
    app.click("#students-inactive").await;
    app.wait_for_text("#students-table", "inactive").await;
    app.click("#students-inactive").await;
    app.wait_for_text("#students-list", "No students match.").await;
    let active: bool = app
        .database()
        .query_row("SELECT active FROM students WHERE student_number = '2001'", [], |r| r.get(0))
        .unwrap();
    assert!(!active);

    // A slow answer to an earlier keystroke never replaces the answer to a later one: the list
    // for the emptied filter (both students) is held back until after "n" (Nguyen) has answered.
    app.click("#students-inactive").await;
    app.wait_for_text("#students-table", "Okonkwo-Castellanos").await;
    app.client
        .execute(
            "const internals = window.__TAURI_INTERNALS__;
             const invoke = internals.invoke;
             internals.invoke = (command, args, options) => {
               const answer = invoke(command, args, options);
               const slow = command === 'list_students' && args.name === '';
               return slow ? new Promise((resolve) => setTimeout(resolve, 800)).then(() => answer) : answer;
             };
             const filter = document.getElementById('students-filter');
             filter.value = '';
             filter.dispatchEvent(new Event('input'));",
            vec![],
        )
        .await
        .unwrap();
    app.type_into("#students-filter", "n").await;
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    let rows = app.table_rows("#students-table").await;
    assert_eq!(rows.len(), 1, "the list answers the filter as typed: {rows:?}");
    assert!(rows[0].starts_with("Nguyen, Bao"), "{rows:?}");

    // The tutor list the same way: an unknown kind is rejected, the rest imported, and the
    // university tutor linked to the partner the file names.
    let partner =
        serde_json::json!({"institution": {"name": "Lakeside University", "kind": "university_writing_center"}});
    app.invoke("add_institution", partner).await.expect("the director adds a partner");
    app.go("partners").await;
    app.go("records").await;
    let tutors = app.data_dir.join("tutors.csv");
    std::fs::write(
        &tutors,
        "Name,Kind,Institution
Uma Brooks,University tutor,Lakeside University
Max Moe,Volunteer,
",
    )
    .unwrap();
    app.choose_file("#tutor-roster-choose", &tutors).await;
    app.click("#tutor-roster-preview").await;
    app.wait_for_text("#tutor-roster-counts", "Preview: 1 to add · 0 to update · 0 unchanged · 1 rejected.").await;
    app.click("#tutor-roster-import").await;
    app.wait_for_text("#tutor-roster-summary", "Imported: 1 added").await;
    app.wait_for_text("#tutors-table", "Uma Brooks").await;
    let partner: String = app
        .database()
        .query_row(
            "SELECT i.name FROM tutors t JOIN institutions i ON i.id = t.institution_id WHERE t.name = 'Uma Brooks'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(partner, "Lakeside University");
    let shown = app.find("#tutors-table tbody tr:last-child select").await.prop("value").await.unwrap();
    assert!(shown.is_some_and(|id| !id.is_empty()), "her row shows the partner, not This school");
    app.scroll_to("#tutor-roster").await;
    app.screenshot("tutor-roster-imported").await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn statistics_settings_change_the_week_and_the_share_of_grades_served() {
    let mut app = App::launch_on("director-settings", week_fixture::data_dir("director-settings")).await;
    app.unlock_director("settings", PIN).await;
    app.find("#week-start-day").await.select_by_label("Sunday").await.unwrap();
    let grade11 = app.find("#enrollment-11").await;
    grade11.clear().await.unwrap();
    grade11.send_keys("25").await.unwrap();
    // A textarea gets its line breaks as Enter key presses.
    let bells = app.find("#bell-schedule").await;
    let schedule = |late_bus: &str| {
        [
            "Period 1, 08:00, 08:55",
            "Period 2, 09:00, 09:55",
            "Period 5, 12:45, 13:40",
            "After school, 14:40, 17:30",
            late_bus,
        ]
        .join(ENTER)
    };
    bells.clear().await.unwrap();
    bells.send_keys(&schedule("Late bus, 17:30")).await.unwrap();
    app.click("#stats-settings button[type=submit]").await;
    app.wait_for_text("#stats-settings .form-message", "Bell schedule line 5 needs a name, a start and an end").await;
    app.scroll_to("#stats-settings .form-message").await;
    app.screenshot("settings-refused").await;
    bells.clear().await.unwrap();
    bells.send_keys(&schedule("Late bus, 17:30, 17:00")).await.unwrap();
    app.click("#stats-settings button[type=submit]").await;
    app.wait_for_text("#stats-settings .form-message", "Late bus must end after it starts.").await;
    bells.clear().await.unwrap();
    bells.send_keys(&schedule("Late bus, 17:30, 18:30")).await.unwrap();
    app.click("#stats-settings button[type=submit]").await;
    app.wait_for_text("#stats-settings .form-message.ok", "Saved.").await;

    app.go("stats").await;
    let week = app.find("#stats-week").await;
    week.clear().await.unwrap();
    week.send_keys(&format!("2026-11-19{ENTER}")).await.unwrap();
    app.wait_for_text("#stats-week-label", "Week of 2026-11-15 to 2026-11-21").await;
    let grades = app.table_rows("#grades-served-table").await;
    assert!(grades.contains(&"Grade 11 | 1 | 25 | 4%".to_string()), "{grades:?}");
    // Sunday is the first column now; the rows are the new bell schedule.
    assert_eq!(
        app.table_rows("#heatmap table").await,
        [
            "Period 1 |  | 1 |  |  |  |  | ",
            "Period 2 |  |  | 2 |  |  |  | ",
            "Period 5 |  |  |  |  | 1 |  | ",
            "After school |  |  |  |  |  | 1 | ",
            "Late bus |  |  |  |  |  |  | ",
        ]
    );
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_dashboard_on_a_synthetic_school_for_looking_at() {
    let dir = TestDir::new("director-synthetic");
    let size = SchoolSize { students: 600, tutors: 12, teachers: 24, sessions: 6_000, years: 1, last_year: 2026 };
    synthetic::add_school(&mut storage::open(&dir.join(storage::DATABASE_FILE)).unwrap(), size, 7).unwrap();

    let mut app = App::launch_on("director-synthetic", dir).await;
    app.unlock_director("stats", PIN).await;
    let week = app.find("#stats-week").await;
    week.clear().await.unwrap();
    week.send_keys(&format!("2027-03-10{ENTER}")).await.unwrap();
    app.wait_for_text("#stats-week-label", "Week of 2027-03-08 to 2027-03-14").await;
    let sessions: u32 = figure(&app, "sessions").await.parse().unwrap();
    assert!(sessions > 100, "about 6,000 sessions over 40 school weeks: {sessions}");
    app.screenshot("synthetic-figures").await;
    for part in ["#trend", "#heatmap", "#grades-served", "#breakdown-teacher", "#breakdown-concern"] {
        app.scroll_to(part).await;
        app.screenshot(&format!("synthetic-{}", part.trim_start_matches('#'))).await;
    }

    // Records a page of 200 at a time, to the last.
    let active: i64 = app.database().query_row("SELECT count(*) FROM students WHERE active", [], |r| r.get(0)).unwrap();
    let active = active as usize;
    assert!((401..=600).contains(&active), "three pages of students: {active}");
    app.go("records").await;
    wait_for_rows(&app, "#sessions-table", 200).await;
    app.click("#sessions .show-more").await;
    wait_for_rows(&app, "#sessions-table", 400).await;
    wait_for_rows(&app, "#students-table", 200).await;
    for shown in [400, active] {
        app.click("#students .show-more").await;
        wait_for_rows(&app, "#students-table", shown).await;
    }
    assert!(!app.find("#students .show-more").await.is_displayed().await.unwrap(), "everything is shown");
    app.wait_for_text("#students .more", &format!("All {active} shown.")).await;
    app.scroll_to("#students .more").await;
    app.screenshot("synthetic-students-all-pages").await;
    app.close().await;
}

/// Waits for a table to hold `count` rows (a page is appended after a click).
async fn wait_for_rows(app: &App, table: &str, count: usize) {
    for _ in 0..400 {
        if app.table_rows(table).await.len() == count {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{table} never held {count} rows: {}", app.table_rows(table).await.len());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_is_corrected_and_deleted_by_keyboard_alone() {
    let mut app = App::launch_on("director-keyboard", week_fixture::data_dir("director-keyboard")).await;
    app.unlock_director("records", PIN).await;

    // Find C's sessions from the filter.
    app.tab_to("#session-filters [name=writer]", false, 30).await;
    app.press(&format!("C{ENTER}")).await;
    app.wait_for_text("#sessions-table", "2026-11-19 12:50").await;

    // Escape closes the correction form and the focus is back on the row's Correct button.
    app.tab_to("#sessions-table tbody tr:first-child button.correct", false, 30).await;
    app.press(ENTER).await;
    app.wait_for("#log-dialog[open]").await;
    app.press(ESCAPE).await;
    app.wait_for_focus_on("#sessions-table tbody tr:first-child button.correct").await;

    // Correct the stage and the next steps, all by keyboard; the focus lands on the history.
    app.press(ENTER).await;
    app.wait_for("#log-dialog[open]").await;
    app.tab_to("#log-form [name=writingStage]", false, 40).await;
    app.press("Drafting").await;
    app.tab_to("#log-form [name=nextSteps]", false, 40).await;
    app.press("Bring the revised draft on Monday.").await;
    app.tab_to("#log-save", false, 40).await;
    app.press(ENTER).await;
    let history = app.wait_for_text("#session-history", "writing stage: Revising → Drafting").await;
    assert!(history.contains("next steps: (empty) → Bring the revised draft on Monday."), "{history}");
    app.wait_for_focus("session-history-heading").await;
    app.screenshot("corrected-by-keyboard").await;

    // Delete the other session: the reason is asked for first, and Cancel gives the focus back.
    app.tab_to("#sessions-table tbody tr:nth-child(2) button.delete", true, 40).await;
    app.press(ENTER).await;
    app.wait_for_focus_on("#delete-session [name=reason]").await;
    app.tab_to("#delete-session button.secondary", false, 5).await;
    app.press(ENTER).await;
    app.wait_for_focus_on("#sessions-table tbody tr:nth-child(2) button.delete").await;
    app.press(ENTER).await;
    app.wait_for("#delete-session").await;
    app.press(&format!("Logged twice{ENTER}")).await;
    app.wait_for_text("#session-history", "reason: Logged twice").await;
    app.wait_for_focus("session-history-heading").await;
    assert_eq!(app.table_rows("#sessions-table").await.len(), 1, "the deleted session is hidden");
    app.screenshot("deleted-by-keyboard").await;
    app.close().await;
}
