//! End-to-end: the director lock. Front-desk mode is the default; the director areas open with
//! a PIN set on first use; wrong tries pause, and the pause survives a restart; the lock holds
//! in the Rust commands, not only in the UI.

mod support;

use serde_json::json;
use support::{App, ENTER};

#[tokio::test(flavor = "multi_thread")]
async fn pin_set_on_first_use_then_lock_wrong_tries_and_restart() {
    let mut app = App::launch("director-lock").await;
    assert_eq!(app.find("#view").await.attr("data-area").await.unwrap().as_deref(), Some("desk"));

    // Locked before any PIN exists, in the commands themselves.
    let refused = app
        .invoke_refused("list_students", json!({"name": "", "includeInactive": false, "limit": 10, "offset": 0}))
        .await;
    assert_eq!(refused, "locked");
    let export = json!({"partnerId": 1, "from": "2026-08-01", "to": "2026-11-30", "path": null, "package": false});
    assert_eq!(app.invoke_refused("export_deidentified_sessions", export).await, "locked");
    let keys: i64 = app
        .database()
        .query_row("SELECT count(*) FROM settings WHERE key = 'pseudonym_secret'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(keys, 0, "a refused export writes nothing, not even the key for writer codes");

    // First use: choose the PIN (typed twice).
    app.click("#nav-stats").await;
    app.wait_for_text("#director-lock", "Set up the director area").await;
    app.type_into("#director-pin", "271828").await;
    app.type_into("#director-pin-confirm", &format!("271829{ENTER}")).await;
    app.wait_for_text("#unlock-form .form-message", "The two entries differ").await;
    app.screenshot("first-use-mismatch").await;
    app.unlock_director("stats", "271828").await;
    assert!(app.find("#lock-director").await.is_displayed().await.unwrap());
    let stored: String = app
        .database()
        .query_row("SELECT value FROM settings WHERE key = 'director_pin_hash'", [], |r| r.get(0))
        .unwrap();
    assert!(stored.starts_with("$argon2id$") && !stored.contains("271828"));

    // The idle time before auto-lock is a setting, checked in Rust.
    app.go("settings").await;
    let minutes = app.find("#auto-lock-minutes").await;
    minutes.clear().await.unwrap();
    minutes.send_keys(&format!("0{ENTER}")).await.unwrap();
    app.wait_for_text("#auto-lock .form-message", "Auto-lock must be between 1 and 240 minutes, not 0.").await;
    let minutes = app.find("#auto-lock-minutes").await;
    minutes.clear().await.unwrap();
    minutes.send_keys(&format!("15{ENTER}")).await.unwrap();
    app.wait_for_text("#auto-lock .form-message", "locks after 15 idle minutes").await;
    let stored: String = app
        .database()
        .query_row("SELECT value FROM settings WHERE key = 'auto_lock_minutes'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stored, "15");

    // Going back to the front desk locks the director area behind the director.
    app.go("desk").await;
    app.click("#nav-records").await;
    app.wait_for_text("#director-lock", "Director area locked").await;
    assert_eq!(app.invoke("director_status", json!({})).await.unwrap()["unlocked"], false);
    // A wrong PIN while locked, then the right one: the director is told.
    app.type_into("#director-pin", &format!("0000{ENTER}")).await;
    app.wait_for_text("#unlock-form .form-message", "Wrong PIN. 4 more tries").await;
    app.type_into("#director-pin", &format!("271828{ENTER}")).await;
    app.wait_for_text("#failed-tries", "1 wrong try at the director PIN since the area was last unlocked.").await;
    app.screenshot("failed-tries-after-unlock").await;

    // Lock: back to the desk; the director areas ask for the PIN again.
    app.click("#lock-director").await;
    app.wait_for("#view[data-area='desk'] > h1").await;
    app.click("#nav-records").await;
    app.wait_for_text("#director-lock", "Director area locked").await;
    app.screenshot("locked").await;

    for left in [4, 3, 2, 1] {
        app.type_into("#director-pin", &format!("0000{ENTER}")).await;
        app.wait_for_text("#unlock-form .form-message", &format!("Wrong PIN. {left} more tries")).await;
    }
    app.type_into("#director-pin", &format!("0000{ENTER}")).await;
    app.wait_for_text("#unlock-form .form-message", "Too many wrong tries. Try again in 30 seconds.").await;
    app.type_into("#director-pin", &format!("271828{ENTER}")).await;
    app.wait_for_text("#unlock-form .form-message", "Too many wrong tries").await;
    app.screenshot("paused-after-five-wrong-tries").await;
    let data_dir = app.data_dir.clone();
    app.close().await;

    // A restart does not reset the pause.
    let app = App::launch_on("director-lock-restarted", data_dir).await;
    app.click("#nav-records").await;
    app.wait_for_text("#director-lock", "Director area locked").await;
    app.type_into("#director-pin", &format!("271828{ENTER}")).await;
    app.wait_for_text("#unlock-form .form-message", "Too many wrong tries").await;
    let refused = app.invoke_refused("add_tutor", json!({"tutor": {"name": "Mallory", "kind": "peer"}})).await;
    assert_eq!(refused, "locked");
    let tutors: i64 = app.database().query_row("SELECT count(*) FROM tutors", [], |r| r.get(0)).unwrap();
    assert_eq!(tutors, 0);
    app.close().await;
}
