//! End-to-end, by keyboard alone: a date field's calendar (the app's own; WebKitGTK's date input
//! has no picker that works in this window). It opens on the field's date, moves by day, week,
//! month and year, writes the chosen day into the field, leaves the field alone on Escape, and
//! gives the focus back to its button. The school year chosen this way is saved.

mod support;

use std::time::{Duration, Instant};

use support::{App, ENTER, ESCAPE, SHIFT, TAB};

const PAGE_UP: &str = "\u{E00E}";
const PAGE_DOWN: &str = "\u{E00F}";
const END: &str = "\u{E010}";
const HOME: &str = "\u{E011}";
const RIGHT: &str = "\u{E014}";
const DOWN: &str = "\u{E015}";

/// The day the calendar's focus is on (its YYYY-MM-DD), or None when the focus is elsewhere.
async fn focused_day(app: &App) -> Option<String> {
    let day = app.client.execute("return document.activeElement?.dataset?.date ?? null;", vec![]).await.unwrap();
    day.as_str().map(str::to_owned)
}

async fn wait_for_focused_day(app: &App, expected: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let day = focused_day(app).await;
        if day.as_deref() == Some(expected) {
            return;
        }
        assert!(Instant::now() < deadline, "the calendar's focus is on {day:?}, not {expected}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn field_value(app: &App, css: &str) -> String {
    app.find(css).await.prop("value").await.unwrap().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_date_is_chosen_on_the_calendar_by_keyboard() {
    let mut app = App::launch("date-picker").await;
    app.unlock_director("settings", "271828").await;
    app.replace_text("#school-year-start", "2026-08-24").await;
    app.press(TAB).await;
    app.wait_for_focus("school-year-start-calendar").await;

    // Opens on the field's date, in a dialog named after the field.
    app.press(ENTER).await;
    app.wait_for_text("#date-picker-month", "August 2026").await;
    wait_for_focused_day(&app, "2026-08-24").await;
    let name = app.find("#date-picker").await.attr("aria-label").await.unwrap();
    assert_eq!(name.as_deref(), Some("Choose a date: School year: first day"));
    app.screenshot("calendar-open").await;

    // A month on, a day right, a week down; then the start and the end of that week.
    app.press(PAGE_DOWN).await;
    wait_for_focused_day(&app, "2026-09-24").await;
    app.press(RIGHT).await;
    app.press(DOWN).await;
    wait_for_focused_day(&app, "2026-10-02").await;
    app.wait_for_text("#date-picker-month", "October 2026").await;
    app.press(HOME).await;
    wait_for_focused_day(&app, "2026-09-28").await;
    app.press(END).await;
    wait_for_focused_day(&app, "2026-10-04").await;
    app.press(ENTER).await;
    app.wait_for_focus("school-year-start-calendar").await;
    assert!(app.client.find(fantoccini::Locator::Css("#date-picker")).await.is_err(), "the calendar closed");
    assert_eq!(field_value(&app, "#school-year-start").await, "2026-10-04");

    // Escape leaves the field as it was.
    app.press(ENTER).await;
    wait_for_focused_day(&app, "2026-10-04").await;
    app.press(PAGE_UP).await;
    wait_for_focused_day(&app, "2026-09-04").await;
    app.press(ESCAPE).await;
    app.wait_for_focus("school-year-start-calendar").await;
    assert_eq!(field_value(&app, "#school-year-start").await, "2026-10-04");

    // A year back (Shift + Page Up), chosen, and the 31st of a month moved to a shorter one.
    app.press(ENTER).await;
    wait_for_focused_day(&app, "2026-10-04").await;
    app.press(&format!("{SHIFT}{PAGE_UP}")).await;
    wait_for_focused_day(&app, "2025-10-04").await;
    app.press(ENTER).await;
    app.wait_for_focus("school-year-start-calendar").await;
    assert_eq!(field_value(&app, "#school-year-start").await, "2025-10-04");
    app.replace_text("#school-year-end", "2026-01-31").await;
    app.press(TAB).await;
    app.press(ENTER).await;
    wait_for_focused_day(&app, "2026-01-31").await;
    app.press(PAGE_DOWN).await;
    wait_for_focused_day(&app, "2026-02-28").await;
    app.press(ENTER).await;
    app.wait_for_focus("school-year-end-calendar").await;

    // The form saves what the calendar wrote.
    app.click("#stats-settings button[type=submit]").await;
    app.wait_for_text("#stats-settings .form-message.ok", "Saved.").await;
    let saved = app.invoke("stats_settings", serde_json::json!({})).await.unwrap();
    assert_eq!(saved["schoolYearStart"], "2025-10-04");
    assert_eq!(saved["schoolYearEnd"], "2026-02-28");
    app.screenshot("calendar-chosen-and-saved").await;
    app.close().await;
}
