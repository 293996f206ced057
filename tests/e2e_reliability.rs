//! End-to-end: the automatic backup, a database damaged between two launches (the recovery
//! screen restores the newest good backup), a backup to a chosen file, and a second launch on
//! the same data that hands over to the running window.

mod support;

use std::io::{BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use scriptorium_core::storage;
use serde_json::json;
use support::{app_binary, wait_until, week_fixture, App, TestDir, ENTER};

/// Overwrites the middle of the file with garbage and drops the WAL, as a failing disk might.
fn damage(database: &Path) {
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", database.display()));
    }
    let len = std::fs::metadata(database).unwrap().len();
    let mut file = std::fs::OpenOptions::new().write(true).open(database).unwrap();
    file.seek(SeekFrom::Start(4096)).unwrap();
    file.write_all(&vec![0x5A; (len as usize - 4096).min(64 * 1024)]).unwrap();
    file.sync_all().unwrap();
}

fn live_sessions(database: &Path) -> i64 {
    let conn = rusqlite::Connection::open(database).unwrap();
    conn.query_row("SELECT count(*) FROM sessions WHERE deleted_at IS NULL", [], |r| r.get(0)).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_database_is_restored_from_the_newest_backup() {
    let dir = week_fixture::data_dir("recovery");
    let today = chrono::Local::now().date_naive();
    let backup = dir.join("backups").join(format!("scriptorium-{today}.db"));

    let app = App::launch_on("recovery-first", dir.clone()).await;
    wait_until(|| backup.exists(), "the automatic backup");
    app.close().await;
    assert_eq!(live_sessions(&backup), 8, "the automatic backup holds the fixture");

    damage(&dir.join(storage::DATABASE_FILE));
    let mut app = App::launch_on("recovery", dir.clone()).await;
    app.wait_for_text("#startup-problem h1", "The database is damaged").await;
    let offer = app.wait_for_text("#recovery-offer", "Restore this backup").await;
    assert!(offer.contains(&backup.display().to_string()) && offer.contains("Sessions8"), "{offer}");
    app.screenshot("recovery-screen").await;
    app.click("#restore-newest").await;
    app.wait_for("#view > h1").await;
    app.screenshot("restored").await;

    assert_eq!(live_sessions(&dir.join(storage::DATABASE_FILE)), 8, "the backup's sessions are back");
    let kept: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("scriptorium-damaged-") && name.ends_with(".db"))
        .collect();
    assert_eq!(kept.len(), 1, "the damaged file is kept aside, not deleted: {kept:?}");

    // Settings: the backups are listed, and a backup to a chosen file is written and checked.
    app.unlock_director("settings", "271828").await;
    app.wait_for_text("#backups-table", &format!("scriptorium-{today}.db")).await;
    app.scroll_to("#backups").await;
    app.click("#backup-now").await;
    let summary = app.wait_for_text("#backup-summary", "Backed up 8 sessions to").await;
    let saved = PathBuf::from(summary.rsplit(" to ").next().unwrap());
    assert!(saved.starts_with(app.export_dir()), "{summary}");
    assert_eq!(live_sessions(&saved), 8);
    app.screenshot("backups-card").await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn restoring_from_settings_keeps_the_current_data_as_a_backup_first() {
    let dir = week_fixture::data_dir("restore");
    let mut app = App::launch_on("restore", dir.clone()).await;
    let today = chrono::Local::now().date_naive();
    let backup = dir.join("backups").join(format!("scriptorium-{today}.db"));
    wait_until(|| backup.exists(), "the automatic backup");
    // A session logged after the backup: the restore takes it away, and the before-restore copy keeps it.
    let conn = rusqlite::Connection::open(dir.join(storage::DATABASE_FILE)).unwrap();
    conn.execute("UPDATE sessions SET deleted_at = NULL WHERE deleted_at IS NOT NULL", []).unwrap();
    drop(conn);
    assert_eq!(live_sessions(&dir.join(storage::DATABASE_FILE)), 9);

    app.unlock_director("settings", "271828").await;
    app.wait_for("#backups-table button").await;
    app.scroll_to("#backups-table").await;
    app.click("#backups-table button").await;
    let facts = app.wait_for_text("#restore-confirm", "Restore this backup?").await;
    assert!(facts.contains("Sessions8"), "{facts}");
    app.screenshot("restore-confirm").await;
    app.click("#restore-confirm-button").await;
    wait_until(|| live_sessions(&dir.join(storage::DATABASE_FILE)) == 8, "the restore to replace the data");
    // The window reloads on the restored data with the director area locked: the restored file
    // may hold another PIN (this one, taken before the PIN was set, holds none).
    app.wait_for("#director-lock").await;
    let status = app.invoke("director_status", serde_json::json!({})).await.unwrap();
    assert_eq!(status["unlocked"], false, "every restore locks the director area");
    let before_restore: Vec<PathBuf> = std::fs::read_dir(dir.join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("before-restore-"))
        .collect();
    assert_eq!(before_restore.len(), 1);
    assert_eq!(live_sessions(&before_restore[0]), 9, "what was replaced is kept");
    app.close().await;
}

/// A private D-Bus session bus, as a desktop session has, for the single-instance check.
struct SessionBus {
    daemon: Child,
    address: String,
}

impl SessionBus {
    fn start() -> SessionBus {
        let mut daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            // Services it starts on the app's behalf (desktop portals) complain here; not our output.
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon is not installed: run make test, which installs it");
        let mut address = String::new();
        BufReader::new(daemon.stdout.as_mut().unwrap()).read_line(&mut address).unwrap();
        SessionBus { daemon, address: address.trim().to_owned() }
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_launch_on_the_same_data_hands_over_to_the_running_window() {
    let bus = SessionBus::start();
    let dir = TestDir::new("single");
    let app = App::launch_with("single", dir.clone(), &[], &[("DBUS_SESSION_BUS_ADDRESS", &bus.address)]).await;

    let mut second = Command::new(app_binary())
        .env("SCRIPTORIUM_DATA_DIR", dir.as_os_str())
        .env("DISPLAY", format!(":{}", app.display))
        .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = second.kill();
            panic!("the second launch kept running: two writers on one database");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(status.success(), "the second launch handed over and exited cleanly: {status}");
    // The first window is still the one working on the data.
    app.click("#nav-desk").await;
    app.wait_for("#writer-search").await;
    app.close().await;
}

/// The bypass a privacy review found, walked through the window: the database is damaged; the
/// recovery screen restores a backup with no director PIN (an old one, from before the PIN was
/// set); a new PIN is set on it; the real backup is restored from Settings. The real data opens
/// locked, behind its own PIN. And a PIN-less file from outside the backups folder is refused.
#[tokio::test(flavor = "multi_thread")]
async fn the_old_bypass_through_the_recovery_screen_ends_locked() {
    use scriptorium_core::storage::director;
    const REAL_PIN: &str = "8406193";

    let dir = week_fixture::data_dir("bypass");
    let live = dir.join(storage::DATABASE_FILE);
    let backups = dir.join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    // An old daily backup from before the director set a PIN, and today's real one, with it.
    let old = backups.join("scriptorium-2026-09-01.db");
    storage::backup::backup_to(&storage::open(&live).unwrap(), &old).unwrap();
    let real = backups.join("scriptorium-2026-11-30.db");
    {
        let mut conn = storage::open(&live).unwrap();
        storage::write(&mut conn, |tx| director::set_pin(tx, REAL_PIN, week_fixture::at("2026-11-30", "08:00")))
            .unwrap();
        storage::backup::backup_to(&conn, &real).unwrap();
    }
    let outside = dir.join("from-a-usb-stick.db");
    std::fs::copy(&old, &outside).unwrap();
    damage(&live);

    let mut app = App::launch_on("bypass", dir.clone()).await;
    app.wait_for_text("#startup-problem h1", "The database is damaged").await;
    app.wait_for_text("#recovery-offer", "scriptorium-2026-11-30.db").await;
    // The newest good backup has the director PIN: without it, nothing is restored.
    app.click("#restore-newest").await;
    app.wait_for_text("#recovery-offer .form-message", "This backup has a director PIN.").await;
    app.screenshot("recovery-needs-the-backups-pin").await;
    // A PIN-less file from outside the backups folder is refused.
    let refused = app.invoke("restore_backup", json!({"path": outside, "secret": null})).await.unwrap_err();
    assert!(
        refused.message.starts_with("This backup has no director PIN, so it can be restored here only from"),
        "{refused:?}"
    );

    // The old PIN-less backup, from the backups folder, is restored; a PIN is set on it.
    app.invoke("restore_backup", json!({"path": old, "secret": null}))
        .await
        .expect("a PIN-less backup from the backups folder");
    app.client.refresh().await.unwrap();
    app.unlock_director("settings", "5550123").await;

    // From Settings (unlocked on the PIN-less copy), the real backup is restored.
    app.invoke("restore_backup", json!({"path": real, "secret": null}))
        .await
        .expect("the director restores from Settings");
    app.client.refresh().await.unwrap();
    // The window reloads where it was, in Settings: now behind the real backup's PIN.
    app.wait_for_text("#director-lock", "Director area locked").await;
    assert_eq!(app.invoke("director_status", json!({})).await.unwrap()["unlocked"], false);
    let students = json!({"name": "", "includeInactive": false, "limit": 10, "offset": 0});
    assert_eq!(app.invoke_refused("list_students", students).await, "locked");
    app.type_into("#director-pin", &format!("5550123{ENTER}")).await;
    app.wait_for_text("#unlock-form .form-message", "Wrong PIN.").await;
    app.screenshot("bypass-ends-locked").await;
    app.type_into("#director-pin", &format!("{REAL_PIN}{ENTER}")).await;
    app.wait_for("#view[data-area='settings'] > h1").await;
    app.close().await;
}
