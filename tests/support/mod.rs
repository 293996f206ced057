//! End-to-end harness: the real app binary in a real window under Xvfb, driven through
//! WebDriver (tauri-driver + WebKitWebDriver). Each `App` has its own X display, driver ports
//! and temporary data dir, and always stops its processes, even when a test fails. A data dir
//! is removed when the test and every app launched on it are done with it.

#![allow(dead_code)] // each test binary uses a different part of the harness

pub mod appointment_school;
mod axe;
mod desk_session;
mod keyboard;
mod open_dialog;
mod print_view;
mod screenshot;
pub mod table_schema;
mod test_dir;
pub mod week_fixture;

pub use test_dir::TestDir;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use serde_json::json;

pub const ENTER: &str = "\u{E007}";
pub const ESCAPE: &str = "\u{E00C}";
pub const TAB: &str = "\u{E004}";
pub const SHIFT: &str = "\u{E008}";
const WAIT: Duration = Duration::from_secs(10);

static NEXT_DISPLAY: AtomicU32 = AtomicU32::new(0);

/// The app binary `make test` builds before running these tests, or the one named by
/// `SCRIPTORIUM_APP_BINARY` (the startup and memory measurement runs the release build).
pub fn app_binary() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let binary = std::env::var_os("SCRIPTORIUM_APP_BINARY")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/debug/scriptorium"));
    assert!(
        binary.exists(),
        "{} is missing: run `cargo build -p scriptorium` first (make test does)",
        binary.display()
    );
    binary
}

static LAUNCH: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Two distinct free ports (both held while picking, so they can't be the same one).
fn free_ports() -> (u16, u16) {
    let (a, b) = (TcpListener::bind("127.0.0.1:0").unwrap(), TcpListener::bind("127.0.0.1:0").unwrap());
    (a.local_addr().unwrap().port(), b.local_addr().unwrap().port())
}

fn free_display() -> u32 {
    loop {
        let n = 200 + (std::process::id() % 500) * 10 + NEXT_DISPLAY.fetch_add(1, Ordering::SeqCst);
        if !Path::new(&format!("/tmp/.X{n}-lock")).exists() {
            return n;
        }
    }
}

/// Sends SIGTERM (tauri-driver must not be SIGKILLed: that orphans WebKitWebDriver) and waits.
fn terminate(child: &mut Child) {
    let _ = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// The processes behind one app window; dropped last, so they stop even if a test panics.
struct Processes {
    xvfb: Child,
    driver: Child,
}

impl Drop for Processes {
    fn drop(&mut self) {
        terminate(&mut self.driver);
        terminate(&mut self.xvfb);
    }
}

/// Where keyboard focus is in the window.
#[derive(Debug, Clone, PartialEq)]
pub enum Focus {
    /// On an element: its id ("" if it has none), tag, and which of a few regions hold it.
    Element {
        id: String,
        tag: String,
        inside: Vec<String>,
    },
    /// On the page itself: nothing focusable has focus.
    Body,
    Nothing,
}

/// A command's refusal as the window receives it.
#[derive(Debug, Clone, PartialEq)]
pub struct InvokeError {
    pub kind: String,
    pub message: String,
}

pub struct App {
    pub client: Client,
    pub data_dir: TestDir,
    /// The Xvfb display the window is on.
    pub display: u32,
    name: String,
    shots: u32,
    _processes: Processes,
}

impl App {
    /// Launches the app on a fresh temporary data dir.
    pub async fn launch(name: &str) -> App {
        Self::launch_on(name, TestDir::new(name)).await
    }

    /// Launches the app on a data dir a test prepared, or kept from an earlier launch.
    pub async fn launch_on(name: &str, data_dir: TestDir) -> App {
        Self::launch_with(name, data_dir, &[], &[]).await
    }

    /// Launches the app with arguments and extra environment (e.g. a private D-Bus session bus).
    pub async fn launch_with(name: &str, data_dir: TestDir, args: &[&str], env: &[(&str, &str)]) -> App {
        Self::launch_program(&app_binary(), name, data_dir, args, env).await
    }

    /// Launches another Tauri program in the same way (`make measure`'s empty app). Its page
    /// must have a `#view > h1`.
    pub async fn launch_program(
        binary: &Path,
        name: &str,
        data_dir: TestDir,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> App {
        std::fs::create_dir_all(data_dir.join("exports")).unwrap();
        let display = free_display();
        let xvfb = Command::new("Xvfb")
            .arg(format!(":{display}"))
            .args(["-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb is not installed: run make test, which installs it");
        wait_until(|| Path::new(&format!("/tmp/.X11-unix/X{display}")).exists(), "Xvfb to start");

        // Tests in one binary launch in parallel: pick ports and start the driver one at a time,
        // so a port picked here is bound before the next test picks one.
        let launching = LAUNCH.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let (port, native_port) = free_ports();
        let driver = Command::new(tauri_driver())
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("DISPLAY", format!(":{display}"))
            .env("SCRIPTORIUM_DATA_DIR", data_dir.as_os_str())
            // Reports go here instead of through the native save dialog, which WebDriver can't drive.
            .env("SCRIPTORIUM_EXPORT_DIR", data_dir.join("exports"))
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver is not installed: run make test, which installs it");
        let processes = Processes { xvfb, driver };
        wait_until(|| std::net::TcpStream::connect(("127.0.0.1", port)).is_ok(), "tauri-driver to listen");
        // tauri-driver listens before the WebKitWebDriver it starts does, and passes a new session
        // on at once: with cold disk caches (a fresh machine, a new build) that failed at once.
        wait_until(|| std::net::TcpStream::connect(("127.0.0.1", native_port)).is_ok(), "WebKitWebDriver to listen");
        drop(launching);

        let mut caps = serde_json::Map::new();
        caps.insert("tauri:options".into(), json!({ "application": binary, "args": args }));
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("WebDriver session for the app");
        let app = App { client, data_dir, display, name: name.to_owned(), shots: 0, _processes: processes };
        app.wait_for("#view > h1, #startup-problem").await;
        app
    }

    /// Where the app saves reports in tests.
    pub fn export_dir(&self) -> PathBuf {
        self.data_dir.join("exports")
    }

    pub fn database_file(&self) -> PathBuf {
        self.data_dir.join("scriptorium.db")
    }

    /// A read-only look at the app's database, as a second process would have.
    pub fn database(&self) -> rusqlite::Connection {
        rusqlite::Connection::open_with_flags(self.database_file(), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
    }

    pub async fn find(&self, css: &str) -> Element {
        self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    pub async fn wait_for(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
    }

    /// Waits until the element's text contains `expected`, and returns that text.
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> String {
        let deadline = Instant::now() + WAIT;
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                last = element.text().await.unwrap_or_default();
                if last.contains(expected) {
                    return last;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{css} never showed {expected:?}; last text was {last:?}");
    }

    /// The body rows of a table, each as its cells' text joined with " | ".
    pub async fn table_rows(&self, css: &str) -> Vec<String> {
        let script = "return [...document.querySelectorAll(arguments[0] + ' tbody tr')]
            .map((row) => [...row.cells].map((cell) => cell.textContent.trim()).join(' | '));";
        let rows = self.client.execute(script, vec![json!(css)]).await.unwrap();
        serde_json::from_value(rows).unwrap()
    }

    /// Scrolls the element into the middle of the window, as a person would before reading it.
    pub async fn scroll_to(&self, css: &str) {
        let element = serde_json::to_value(self.find(css).await).unwrap();
        self.client.execute("arguments[0].scrollIntoView({block: 'center'})", vec![element]).await.unwrap();
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        self.find(css).await.send_keys(text).await.unwrap();
    }

    /// Clears a field and types `text` into it, as a person correcting it would.
    pub async fn replace_text(&self, css: &str, text: &str) {
        let input = self.find(css).await;
        input.clear().await.unwrap();
        input.send_keys(text).await.unwrap();
    }

    /// Clicks the element; if the view redrew it between finding and clicking (the desk redraws
    /// its board after every action), the new one is clicked, as a person would.
    pub async fn click(&self, css: &str) {
        for _ in 0..3 {
            match self.find(css).await.click().await {
                Err(fantoccini::error::CmdError::Standard(e))
                    if e.error == fantoccini::error::ErrorStatus::StaleElementReference =>
                {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                done => return done.unwrap(),
            }
        }
        panic!("{css} kept being redrawn before it could be clicked");
    }

    pub async fn go(&self, area: &str) {
        // After a reload the navigation may not be drawn yet.
        self.wait_for(&format!("#nav-{area}")).await.click().await.unwrap();
        self.wait_for(&format!("#view[data-area='{area}'] > h1")).await;
    }

    /// Opens the director area: sets the PIN on first use (and passes the recovery code it
    /// shows), or unlocks with it.
    pub async fn unlock_director(&self, area: &str, pin: &str) {
        self.wait_for(&format!("#nav-{area}")).await.click().await.unwrap();
        self.wait_for("#director-lock").await;
        self.type_into("#director-pin", pin).await;
        let first_use = match self.client.find(Locator::Css("#director-pin-confirm")).await {
            Ok(confirm) => confirm.send_keys(pin).await.is_ok(),
            Err(_) => false,
        };
        self.press(ENTER).await;
        if first_use {
            self.wait_for("#recovery-code-kept").await.click().await.unwrap();
        }
        // The first unlock of a database with nothing set up opens Getting started first.
        let landed = self.wait_for(&format!("#view[data-area='{area}'] > h1, #view[data-area='start'] > h1")).await;
        if area != "start" && landed.text().await.unwrap() == "Getting started" {
            self.go(area).await;
        }
        self.wait_for(&format!("#view[data-area='{area}'] > h1")).await;
    }

    /// Calls a Rust command directly, bypassing the UI: its value, or the error it answered with.
    /// An error that is not the app's `{kind, message}` (e.g. arguments Tauri could not read) has
    /// the kind "untyped", so it can never pass for the refusal a test expects.
    pub async fn invoke(&self, command: &str, args: serde_json::Value) -> Result<serde_json::Value, InvokeError> {
        let script = "const [command, args, done] = arguments;
            window.__TAURI__.core.invoke(command, args).then(
              (value) => done({ok: value === undefined ? null : value}),
              (e) => done({kind: (e && e.kind) || 'untyped', message: (e && e.message) || String(e)}));";
        let answer = self.client.execute_async(script, vec![json!(command), args]).await.unwrap();
        match answer.get("ok") {
            Some(value) => Ok(value.clone()),
            None => Err(InvokeError {
                kind: answer["kind"].as_str().unwrap_or("untyped").to_owned(),
                message: answer["message"].as_str().unwrap_or_default().to_owned(),
            }),
        }
    }

    /// The kind of error a command answers with; panics if it succeeded.
    pub async fn invoke_refused(&self, command: &str, args: serde_json::Value) -> String {
        match self.invoke(command, args).await {
            Ok(value) => panic!("{command} should have been refused but answered {value}"),
            Err(error) => error.kind,
        }
    }

    pub async fn close(self) {
        let App { client, _processes, .. } = self;
        let _ = client.close().await;
        drop(_processes);
    }
}

fn tauri_driver() -> PathBuf {
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
        .map(|home| home.join("bin/tauri-driver"));
    cargo_bin.filter(|path| path.exists()).unwrap_or_else(|| PathBuf::from("tauri-driver"))
}

/// Polls `ready` for up to 20 s (files, processes, database rows the window changes).
pub fn wait_until(ready: impl Fn() -> bool, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(25));
    }
}
