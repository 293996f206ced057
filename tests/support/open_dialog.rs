//! The native open dialog can't be driven by WebDriver: a test answers it in the page instead,
//! at the one place the window asks it (`window.__TAURI__.dialog.open`), so the path still goes
//! through the app's own code to Rust.

use std::path::Path;

use serde_json::json;

use super::App;

impl App {
    /// Clicks `button`, with the open dialog answering `path` as if the person had chosen it.
    pub async fn choose_file(&self, button: &str, path: &Path) {
        self.client
            .execute(
                "window.__TAURI__.dialog.open = async () => arguments[0];",
                vec![json!(path.to_str().expect("a UTF-8 test path"))],
            )
            .await
            .unwrap();
        self.click(button).await;
    }
}
