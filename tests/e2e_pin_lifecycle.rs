//! End-to-end: the director PIN's life. Set with a recovery code shown once; changed with the
//! current PIN; forgotten and reset with the recovery code, which is then replaced (the old code
//! no longer works); wrong tries shown after unlocking; every step in the audit log.

mod support;

use serde_json::json;
use support::{App, ENTER};

const FIRST_PIN: &str = "271828";
const SECOND_PIN: &str = "8406193";
const THIRD_PIN: &str = "a lamp by the window";

async fn recovery_code(app: &mut App, label: &str) -> String {
    let code = app.wait_for("#recovery-code").await.text().await.unwrap();
    assert_eq!(code.len(), 23, "four groups of five: {code}");
    app.screenshot(label).await;
    app.wait_for("#recovery-code-kept").await.click().await.unwrap();
    code
}

#[tokio::test(flavor = "multi_thread")]
async fn change_forget_reset_with_the_recovery_code_and_see_the_wrong_tries() {
    let mut app = App::launch("pin-lifecycle").await;

    // First use: a weak PIN is refused, a good one shows the recovery code once.
    app.click("#nav-settings").await;
    app.wait_for_text("#director-lock", "Set up the director area").await;
    app.type_into("#director-pin", "123456").await;
    app.type_into("#director-pin-confirm", &format!("123456{ENTER}")).await;
    app.wait_for_text("#unlock-form .form-message", "one of the first anyone would try").await;
    app.type_into("#director-pin", FIRST_PIN).await;
    app.type_into("#director-pin-confirm", &format!("{FIRST_PIN}{ENTER}")).await;
    let first_code = recovery_code(&mut app, "recovery-code-first-use").await;
    // On an empty database the first unlock opens Getting started, with the PIN ticked off.
    app.wait_for_text("#checklist li[data-step=pin]", "done").await;
    app.go("settings").await;

    // Change the PIN in Settings: the current one is needed.
    app.scroll_to("#change-pin").await;
    app.type_into("#current-pin", "000001").await;
    app.type_into("#new-pin", SECOND_PIN).await;
    app.type_into("#new-pin-confirm", &format!("{SECOND_PIN}{ENTER}")).await;
    app.wait_for_text("#change-pin .form-message", "Wrong PIN. 4 more tries").await;
    app.type_into("#current-pin", FIRST_PIN).await;
    app.type_into("#new-pin", SECOND_PIN).await;
    app.type_into("#new-pin-confirm", &format!("{SECOND_PIN}{ENTER}")).await;
    app.wait_for_text("#change-pin .form-message", "The director PIN was changed.").await;
    app.screenshot("pin-changed").await;

    // Leaving for the desk locks; the old PIN no longer opens.
    app.go("desk").await;
    let students = json!({"name": "", "includeInactive": false, "limit": 10, "offset": 0});
    assert_eq!(app.invoke_refused("list_students", students).await, "locked");
    app.click("#nav-stats").await;
    app.wait_for_text("#director-lock", "Director area locked").await;
    app.type_into("#director-pin", &format!("{FIRST_PIN}{ENTER}")).await;
    app.wait_for_text("#unlock-form .form-message", "Wrong PIN.").await;

    // Forgotten: the recovery code sets a new PIN and is replaced by a new code.
    app.click("#forgot-pin").await;
    app.type_into("#recovery-code-input", &first_code.to_lowercase()).await;
    app.type_into("#reset-pin", THIRD_PIN).await;
    app.type_into("#reset-pin-confirm", &format!("{THIRD_PIN}{ENTER}")).await;
    let second_code = recovery_code(&mut app, "recovery-code-after-reset").await;
    assert_ne!(second_code, first_code);
    app.wait_for("#view[data-area='stats'] > h1").await;

    // The used code no longer works, and counts as a wrong try.
    app.go("desk").await;
    app.click("#nav-stats").await;
    app.wait_for_text("#director-lock", "Director area locked").await;
    app.click("#forgot-pin").await;
    app.type_into("#recovery-code-input", &first_code).await;
    app.type_into("#reset-pin", "5550123").await;
    app.type_into("#reset-pin-confirm", &format!("5550123{ENTER}")).await;
    app.wait_for_text("#reset-pin-form .form-message", "Wrong PIN. 4 more tries").await;
    app.screenshot("old-recovery-code-refused").await;

    // The director, unlocking, is told of the wrong tries since the last unlock.
    app.type_into("#director-pin", &format!("{THIRD_PIN}{ENTER}")).await;
    app.wait_for_text("#failed-tries", "1 wrong try at the director PIN").await;

    let audited: Vec<String> = app
        .database()
        .prepare("SELECT action FROM audit_log WHERE entity = 'director' ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        audited,
        ["pin_change", "unlock_failed", "pin_change", "unlock_failed", "pin_change", "unlock_failed", "unlock"],
        "set, wrong current PIN, changed, old PIN, reset, old code, unlocked"
    );
    app.close().await;
}
