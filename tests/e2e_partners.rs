//! End-to-end: partner institutions, a mentor contact and the two-way partnership log.

mod support;

use support::table_schema::check_package;
use support::App;

#[tokio::test(flavor = "multi_thread")]
async fn a_partner_a_contact_and_activities_in_both_directions() {
    let mut app = App::launch("partners").await;
    app.unlock_director("partners", "271828").await;
    app.wait_for_text("#follow-ups", "Nothing due this week.").await;
    app.wait_for_text("#institutions-list", "No partners yet").await;

    app.type_into("#add-institution [name=name]", "Lakeside University Writing Center").await;
    app.click("#add-institution button[type=submit]").await;
    app.wait_for_text("#partner-detail h2", "Lakeside University Writing Center").await;
    assert_eq!(app.table_rows("#institutions-table").await.len(), 1);

    // A refused contact first, then a good one.
    app.type_into("#add-contact [name=name]", "Dr. Amara Okafor-Lindqvist").await;
    app.type_into("#add-contact [name=email]", "amara at lakeside").await;
    app.click("#add-contact button[type=submit]").await;
    app.wait_for_text("#add-contact .form-message", "is not an email address").await;
    app.replace_text("#add-contact [name=email]", "aokafor@lakeside.example").await;
    app.type_into("#add-contact [name=role]", "Associate director, tutor education").await;
    app.click("#add-contact [name=isPrimary]").await;
    app.click("#add-contact button[type=submit]").await;
    app.wait_for_text("#contacts-table", "Dr. Amara Okafor-Lindqvist").await;

    // Two activities, one in each direction.
    let log = |kind: &'static str, direction: &'static str, hours: &'static str, notes: &'static str| {
        let app = &app;
        async move {
            app.scroll_to("#add-activity").await;
            app.find("#add-activity [name=kind]").await.select_by_label(kind).await.unwrap();
            app.find("#add-activity [name=direction]").await.select_by_label(direction).await.unwrap();
            app.replace_text("#add-activity [name=hours]", hours).await;
            app.find("#add-activity [name=contact]").await.select_by_label("Dr. Amara Okafor-Lindqvist").await.unwrap();
            app.type_into("#add-activity [name=notes]", notes).await;
            app.click("#add-activity button[type=submit]").await;
        }
    };
    log("Tutor training", "Received from the partner", "3", "Training on multilingual writers").await;
    app.wait_for_text("#activities-received", "Tutor training").await;
    log("Conference presentation", "Given to the partner", "1.5", "Our tutors presented at their conference").await;
    app.wait_for_text("#activities-given", "Conference presentation").await;
    let given = app.find("#activities-given h3").await.text().await.unwrap();
    let received = app.find("#activities-received h3").await.text().await.unwrap();
    assert_eq!(
        (given.as_str(), received.as_str()),
        ("Given to the partner · 1 · 1.5 h", "Received from the partner · 1 · 3 h")
    );
    app.scroll_to("#partner-detail").await;
    app.screenshot("partner-both-directions").await;

    let stored: Vec<(String, f64)> = app
        .database()
        .prepare("SELECT direction, hours FROM partnership_activities ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(stored, [("received".to_string(), 3.0), ("given".to_string(), 1.5)]);
    let contacts = app.table_rows("#contacts-table").await;
    assert!(
        contacts[0].contains("primary") && contacts[0].contains(&chrono::Local::now().format("%Y-%m-%d").to_string()),
        "{contacts:?}"
    );

    // A data-sharing agreement, kept on the partner's page: a date after today is refused.
    app.scroll_to("#data-sharing").await;
    app.wait_for_text("#data-sharing-status", "No agreement recorded").await;
    let tomorrow = (chrono::Local::now().date_naive() + chrono::Duration::days(1)).to_string();
    app.type_into("#data-sharing-form [name=signedOn]", &tomorrow).await;
    app.type_into("#data-sharing-form [name=purpose]", "Study of tutoring outcomes in grades 9-12").await;
    app.click("#data-sharing-form button[type=submit]").await;
    app.wait_for_text("#data-sharing-form .form-message", "is after today").await;
    app.replace_text("#data-sharing-form [name=signedOn]", "2026-09-01").await;
    app.click("#data-sharing-form button[type=submit]").await;
    app.wait_for_text("#data-sharing-status", "Agreement of 2026-09-01: Study of tutoring outcomes in grades 9-12.")
        .await;
    app.screenshot("data-sharing-agreement").await;
    let recorded: Option<String> =
        app.database().query_row("SELECT data_sharing_agreement_on FROM institutions", [], |r| r.get(0)).unwrap();
    assert_eq!(recorded.as_deref(), Some("2026-09-01"));

    // The school's departments, in Settings: added, and "Other" can't be removed.
    app.go("settings").await;
    app.scroll_to("#departments").await;
    app.type_into("#add-department [name=department]", "Health").await;
    app.click("#add-department button[type=submit]").await;
    app.wait_for_text("#departments-list", "Health").await;
    app.click("button[aria-label='Remove Health']").await;
    support::wait_until(
        || {
            let conn = app.database();
            conn.query_row("SELECT count(*) FROM departments WHERE name = 'Health'", [], |r| r.get::<_, i64>(0))
                .unwrap()
                == 0
        },
        "Health to be removed",
    );
    assert!(
        app.client.find(fantoccini::Locator::Css("button[aria-label='Remove Other']")).await.is_err(),
        "Other stays"
    );
    app.screenshot("departments").await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_report_is_saved_from_the_window() {
    use scriptorium_core::clock::Days;
    use scriptorium_core::export::reports;
    use scriptorium_core::storage::partners::{self, NewInstitution};
    use scriptorium_core::storage::{self, settings, write};
    use support::week_fixture;

    let dir = week_fixture::data_dir("report");
    let today = chrono::Local::now().date_naive();
    let year_start = match today - chrono::Duration::days(35) {
        start if start.format("%m-%d").to_string() == "08-01" => start - chrono::Duration::days(1),
        start => start,
    };
    let mut conn = storage::open(&dir.join(storage::DATABASE_FILE)).unwrap();
    let partner = NewInstitution {
        name: "Lakeside University".into(),
        kind: "university_writing_center".into(),
        notes: String::new(),
    };
    write(&mut conn, |tx| {
        let lakeside = partners::add_institution(tx, &partner, week_fixture::at("2026-11-01", "08:00"))?;
        let visit = partners::NewActivity {
            institution_id: lakeside.id,
            date: "2026-10-15".into(),
            kind: "visit".into(),
            direction: "received".into(),
            hours: 2.0,
            ..Default::default()
        };
        partners::add_activity(tx, &visit, week_fixture::at("2026-11-01", "08:00"))?;
        // This school's year started five weeks ago (not on August 1): the form starts there.
        let stats = settings::StatsSettings {
            school_year_start: Some(year_start.to_string()),
            school_year_end: Some((today + chrono::Duration::days(200)).to_string()),
            ..settings::stats_settings(tx)?
        };
        settings::set_stats_settings(tx, &stats)
    })
    .unwrap();
    drop(conn);

    let mut app = App::launch_on("report", dir).await;
    // Uma comes from Lakeside: linked in Records, her hours and sessions count toward its reports.
    app.unlock_director("records", "271828").await;
    app.scroll_to("#tutors-table").await;
    app.find("#tutors-table select[aria-label='Partner institution of Uma Brooks']")
        .await
        .select_by_label("Lakeside University")
        .await
        .unwrap();
    let linked = || {
        let conn = app.database();
        let institution: Option<i64> =
            conn.query_row("SELECT institution_id FROM tutors WHERE name = 'Uma Brooks'", [], |r| r.get(0)).unwrap();
        institution.is_some()
    };
    support::wait_until(linked, "Uma to be linked to Lakeside");
    app.screenshot("tutor-linked-to-partner").await;

    app.go("reports").await;
    for form in ["report", "identified"] {
        let from = app.find(&format!("#{form}-from")).await.prop("value").await.unwrap();
        let to = app.find(&format!("#{form}-to")).await.prop("value").await.unwrap();
        assert_eq!(
            (from, to),
            (Some(year_start.to_string()), Some(today.to_string())),
            "{form}: the school year so far"
        );
    }
    set_range(&app, "report", "2026-11-30", "2026-08-01").await;
    app.click("#export-sessions").await;
    app.wait_for_text("#report-form .form-message", "The report must end on or after the day it starts.").await;
    set_range(&app, "report", "2026-08-01", "2026-11-30").await;
    // The de-identified file is shown as figures first: the window's are the core's.
    app.click("#export-sessions").await;
    app.wait_for_text("#disclosure-sessions", "7").await;
    let told =
        reports::deidentified_preview(&app.database(), 1, Days::typed("2026-08-01", "2026-11-30").unwrap(), today)
            .unwrap();
    assert_eq!((told.sessions, told.withheld), (7, 7), "two weeks of 2 and 5 sessions are all under k = 10");
    for (id, figure) in [
        ("#disclosure-as-recorded", told.as_recorded),
        ("#disclosure-generalized", told.generalized),
        ("#disclosure-withheld", told.withheld),
    ] {
        assert_eq!(app.find(id).await.text().await.unwrap(), figure.to_string(), "{id}");
    }
    assert!(app.find("#disclosure-codes").await.text().await.unwrap().contains("no data-sharing agreement"));
    app.screenshot("report-deidentified-disclosure").await;
    app.click("#deidentified-save").await;
    let summary = app.wait_for_text("#report-form-summary", "Saved 0 sessions to").await;
    app.screenshot("report-saved").await;
    let path = app.export_dir().join("sessions-deidentified-2026-08-01-to-2026-11-30.csv");
    assert!(summary.contains(&path.display().to_string()), "{summary}");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("\u{feff}\"Writer code\",\"ISO week\",\"Grade\""), "every text field is quoted: {text}");
    assert_eq!(text.lines().count(), 1, "every row withheld: {text}");
    let readme =
        std::fs::read_to_string(app.export_dir().join("sessions-deidentified-2026-08-01-to-2026-11-30.README.txt"))
            .unwrap();
    assert!(
        readme.contains("Of 7 sessions: 0 as recorded (week and length band), 0 with values coarsened, 7 withheld."),
        "{readme}"
    );
    let audited: String = app
        .database()
        .query_row("SELECT changes FROM audit_log WHERE action = 'export' ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
        .unwrap();
    assert!(
        audited.contains("\"report\":\"sessions-deidentified\"") && audited.contains("\"withheld\":7"),
        "{audited}"
    );

    app.click("#export-activities").await;
    app.wait_for_text("#report-form-summary", "Saved 1 activities to").await;
    let activities = read_export(&app, "partnership-activities-2026-08-01-to-2026-11-30.csv");
    assert!(
        activities.contains("\"2026-10-15\",\"Lakeside University\",\"\",\"Visit\",\"Received from the partner\",2,"),
        "{activities}"
    );

    // The weekly summary, with a refused threshold first and then the smallest allowed one.
    app.replace_text("#suppression-threshold", "4").await;
    app.click("#threshold-form button[type=submit]").await;
    app.wait_for_text("#threshold-form .form-message", "between 5 and 30, not 4").await;
    app.replace_text("#suppression-threshold", "5").await;
    app.click("#threshold-form button[type=submit]").await;
    app.wait_for_text("#threshold-form .form-message", "now hide counts under 5").await;
    app.click("#export-summary").await;
    app.wait_for_text("#report-form-summary", "Saved 2 weeks").await;
    let summary = read_export(&app, "weekly-summary-2026-08-01-to-2026-11-30.csv");
    assert_eq!(summary.lines().count(), 3, "a header and two weeks, no total to subtract from: {summary}");
    assert!(summary.contains("\"2026-W46\",\"suppressed\","), "2 sessions, under 5: {summary}");
    assert!(summary.contains("\"2026-W47\",5,"), "{summary}");
    let audited: String = app
        .database()
        .query_row("SELECT changes FROM audit_log WHERE changes LIKE '%weekly-summary%'", [], |r| r.get(0))
        .unwrap();
    assert!(
        audited.contains("\"from\":\"2026-07-27\"") && audited.contains("\"through\":\"2026-11-29\""),
        "the whole weeks it covers: {audited}"
    );

    app.click("#report-include-peers").await;
    app.click("#export-hours").await;
    app.wait_for_text("#report-form-summary", "Saved 3 rows (tutors and the total)").await;
    let hours = read_export(&app, "tutor-service-hours-2026-08-01-to-2026-11-30.csv");
    assert!(hours.contains("\"Uma Brooks\",\"University tutor\",\"Lakeside University\",0,0.00,0,4,2.42"), "{hours}");
    assert!(hours.contains("\"Sam Rivera\",\"Peer tutor\",\"This school\","), "{hours}");

    // The same summary as a data package: a zip a partner's tools can check against its schema.
    app.find("#report-container").await.select_by_label("Data package (zip)").await.unwrap();
    app.click("#export-summary").await;
    let saved = app.wait_for_text("#report-form-summary", "weekly-summary-2026-08-01-to-2026-11-30.zip").await;
    assert!(saved.starts_with("Saved 2 weeks to"), "{saved}");
    app.screenshot("report-data-package-saved").await;
    let package = check_package(&app.export_dir().join("weekly-summary-2026-08-01-to-2026-11-30.zip"));
    let (_, rows) = &package.tables[0];
    assert_eq!(rows[0][..2], ["2026-W46", "suppressed"], "the same rows as the CSV");
    assert_eq!(package.descriptor["resources"][0]["disclosure"]["threshold"], 5);

    // The identified export needs the acknowledgement, then holds names and notes.
    app.scroll_to("#identified-card").await;
    set_range(&app, "identified", "2026-08-01", "2026-11-30").await;
    app.click("#export-identified").await;
    app.wait_for_text("#identified-form .form-message", "Confirm that this file stays in the school").await;
    app.screenshot("report-identified-refused").await;
    app.click("#identified-understood").await;
    app.click("#export-identified").await;
    app.wait_for_text("#identified-form-summary", "Saved 7 sessions to").await;
    let identified = read_export(&app, "sessions-IDENTIFIED-internal-2026-08-01-to-2026-11-30.csv");
    assert!(identified.contains("Fixture") && identified.contains("Ms. Alvarez"), "{identified}");
    app.screenshot("report-all-saved").await;
    app.close().await;
}

async fn set_range(app: &App, prefix: &str, from: &str, to: &str) {
    for (field, value) in [(format!("#{prefix}-from"), from), (format!("#{prefix}-to"), to)] {
        app.replace_text(&field, value).await;
    }
}

fn read_export(app: &App, file: &str) -> String {
    std::fs::read_to_string(app.export_dir().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_partner_report_is_saved_by_keyboard_alone() {
    use scriptorium_core::storage::partners::{self, NewInstitution};
    use scriptorium_core::storage::{self, write};
    use support::{week_fixture, ENTER};

    // End, then Backspace over a date's ten characters, as a keyboard user clears a date field.
    let erase_date = format!("\u{E010}{}", "\u{E003}".repeat(10));

    let dir = week_fixture::data_dir("report-keyboard");
    let mut conn = storage::open(&dir.join(storage::DATABASE_FILE)).unwrap();
    let lakeside = NewInstitution {
        name: "Lakeside University".into(),
        kind: "university_writing_center".into(),
        notes: String::new(),
    };
    write(&mut conn, |tx| partners::add_institution(tx, &lakeside, week_fixture::at("2026-11-01", "08:00"))).unwrap();
    drop(conn);
    let mut app = App::launch_on("report-keyboard", dir).await;
    app.unlock_director("reports", "271828").await;

    // The range is typed, the weekly summary saved; the focus stays on its button.
    app.tab_to("#report-from", false, 30).await;
    app.press(&format!("{erase_date}2026-08-01")).await;
    app.tab_to("#report-to", false, 5).await;
    app.press(&format!("{erase_date}2026-11-30")).await;
    app.tab_to("#export-summary", false, 10).await;
    app.press(ENTER).await;
    app.wait_for_text("#report-form-summary", "Saved 2 weeks").await;
    assert!(app.focus_is_on("#export-summary").await);

    // The de-identified file: its figures first, with the focus on Save; once saved, the focus
    // is back on the form's button.
    app.tab_to("#export-sessions", true, 10).await;
    app.press(ENTER).await;
    app.wait_for_focus_on("#deidentified-save").await;
    app.screenshot("deidentified-figures-by-keyboard").await;
    app.press(ENTER).await;
    let summary = app.wait_for_text("#report-form-summary", "Saved 0 sessions to").await;
    app.wait_for_focus_on("#export-sessions").await;
    let saved = app.export_dir().join("sessions-deidentified-2026-08-01-to-2026-11-30.csv");
    assert!(saved.exists(), "{summary}");
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_partner_and_an_activity_are_added_by_keyboard_alone() {
    use support::ENTER;

    let mut app = App::launch("partners-keyboard").await;
    app.unlock_director("partners", "271828").await;
    app.tab_to("#add-institution [name=name]", false, 30).await;
    app.press(&format!("Lakeside University{ENTER}")).await;
    // The new partner opens, with the focus on its name.
    app.wait_for_focus_on("#partner-detail h2").await;
    assert_eq!(app.find("#partner-detail h2").await.text().await.unwrap(), "Lakeside University");

    // An activity received from the partner: Enter in a field logs it, and the focus moves to
    // the side of the log it went to.
    app.tab_to("#add-activity [name=direction]", false, 40).await;
    app.press("Received").await;
    app.tab_to("#add-activity [name=hours]", false, 5).await;
    app.press("\u{E010}\u{E003}\u{E003}\u{E003}2").await;
    app.tab_to("#add-activity [name=notes]", false, 5).await;
    app.press(&format!("Workshop on feedback for our tutors{ENTER}")).await;
    app.wait_for_focus_on("#activities-received h3").await;
    assert_eq!(app.find("#activities-received h3").await.text().await.unwrap(), "Received from the partner · 1 · 2 h");
    app.screenshot("activity-logged-by-keyboard").await;
    app.close().await;
}
