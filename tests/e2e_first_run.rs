//! End-to-end, by keyboard alone: a new director on an empty database follows the desk's pointer
//! to Getting started, sets the PIN, names the school and its year, imports the roster and adds
//! a tutor, each step ticking itself off; then the desk signs a writer in. At 200 % zoom
//! (Ctrl + = five times) the desk and the statistics still fit the window.

mod support;

use support::{App, ENTER, SHIFT, TAB};

const CONTROL: &str = "\u{E009}";
const ALT: &str = "\u{E00A}";

/// The page is no wider than the window: nothing scrolls sideways.
async fn fits_the_window(app: &App) -> bool {
    let widths =
        app.client.execute("return [document.documentElement.scrollWidth, window.innerWidth];", vec![]).await.unwrap();
    widths[0].as_f64() <= widths[1].as_f64()
}

#[tokio::test(flavor = "multi_thread")]
async fn from_an_empty_database_to_a_working_desk_by_keyboard() {
    let mut app = App::launch("first-run").await;
    app.wait_for("#setup-link").await;
    app.wait_for_focus("writer-search").await;
    app.screenshot("desk-points-to-getting-started").await;
    app.press(&format!("{SHIFT}{TAB}")).await;
    app.wait_for_focus("setup-link").await;
    app.press(ENTER).await;

    // First use: the PIN twice, then the recovery code is kept; the area opens on the checklist.
    app.wait_for_focus("director-pin").await;
    app.press("271828").await;
    app.press(TAB).await;
    app.press(&format!("271828{ENTER}")).await;
    app.wait_for_focus("recovery-code-kept").await;
    app.press(ENTER).await;
    app.wait_for_text("#start-progress", "1 of 5 steps done").await;
    app.wait_for_focus("start-school").await;
    app.screenshot("checklist-after-the-pin").await;

    // The school: its name and year, on the School card Getting started opens.
    app.press(ENTER).await;
    app.wait_for_focus("school-name").await;
    app.press("Lincoln High School").await;
    app.press(TAB).await; // week starts on Monday, as it is
    app.press(TAB).await;
    app.press("2026-08-24").await;
    app.press(TAB).await; // past the first day's calendar button
    app.press(TAB).await;
    app.press(&format!("2027-06-11{ENTER}")).await;
    app.wait_for_text("#stats-settings .form-message.ok", "Saved.").await;

    // The roster: the file dialog answers with a prepared export.
    let roster = app.data_dir.join("roster.csv");
    std::fs::write(&roster, "Student ID,First Name,Last Name,Grade\n3001,Ada,Okafor,9\n3002,Ben,Lindqvist,10\n")
        .unwrap();
    app.client
        .execute(
            "window.__TAURI__.dialog.open = async () => arguments[0];",
            vec![serde_json::json!(roster.to_str().unwrap())],
        )
        .await
        .unwrap();
    app.press(&format!("{ALT}8")).await;
    app.wait_for_text("#start-progress", "3 of 5 steps done").await;
    app.wait_for_focus("start-roster").await;
    app.press(ENTER).await;
    app.wait_for_focus("roster-choose").await;
    app.press(ENTER).await;
    app.wait_for_text("#roster-chosen", "roster.csv").await;
    app.press(TAB).await; // the year-end box, left unticked
    app.press(TAB).await;
    app.wait_for_focus("roster-preview").await;
    app.press(ENTER).await;
    app.wait_for_text("#roster-counts", "Preview: 2 to add").await;
    app.press(TAB).await;
    app.wait_for_focus("roster-import").await;
    app.press(ENTER).await;
    app.wait_for_text("#roster-summary", "Imported: 2 added").await;

    // A tutor, typed into the add form.
    app.press(&format!("{ALT}8")).await;
    app.wait_for_text("#start-progress", "4 of 5 steps done").await;
    app.wait_for_focus("start-tutors").await;
    app.press(ENTER).await;
    app.wait_for("#add-tutor").await;
    let name = app.focus().await;
    assert!(
        matches!(&name, support::Focus::Element { tag, inside, .. } if tag == "input" && !inside.is_empty()),
        "{name:?}"
    );
    app.press(&format!("Sam Rivera{ENTER}")).await;
    app.wait_for_text("#add-tutor .form-message.ok", "Added Sam Rivera.").await;

    app.press(&format!("{ALT}8")).await;
    app.wait_for_text("#start-progress", "Everything the desk needs is set up").await;
    let optional = app.find("#checklist li[data-step=partner]").await.text().await.unwrap();
    assert!(optional.contains("optional"), "{optional}");
    app.screenshot("checklist-complete").await;

    // The desk works: Sam clocks in and a writer signs in, all by keyboard.
    app.press(&format!("{ALT}1")).await;
    app.wait_for_focus("writer-search").await;
    assert!(app.client.find(fantoccini::Locator::Css("#setup-card")).await.is_err(), "no pointer once set up");
    app.press("Okafor").await;
    app.wait_for_text("#writer-results", "Okafor").await;
    app.press(ENTER).await;
    app.wait_for_text("#signin-card", "Ada Okafor is signed in").await;
    app.screenshot("first-writer-signed-in").await;

    // 200 % zoom, as a person with low vision sets it: the desk and the statistics still fit.
    for _ in 0..5 {
        app.press(&format!("{CONTROL}=")).await;
    }
    let zoomed = app.client.execute("return window.innerWidth;", vec![]).await.unwrap();
    assert!(zoomed.as_f64().unwrap() <= 660.0, "the window is {zoomed} CSS px wide at 200 %");
    assert!(fits_the_window(&app).await, "the desk scrolls sideways at 200 %");
    app.screenshot("desk-at-200-percent").await;
    app.press(&format!("{ALT}3")).await;
    app.wait_for_focus("director-pin").await;
    app.press(&format!("271828{ENTER}")).await;
    app.wait_for("#view[data-area='stats'] > h1").await;
    assert!(fits_the_window(&app).await, "the statistics scroll sideways at 200 %");
    // A new area takes the focus into its content: the next Tab is on its first control.
    app.press(TAB).await;
    app.wait_for_focus("previous-week").await;
    app.screenshot("stats-at-200-percent").await;
    app.close().await;
}
