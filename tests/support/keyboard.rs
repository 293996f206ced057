//! The keyboard: keys pressed in the window, where the focus is, and moving it with Tab as a
//! keyboard user does.

use std::time::{Duration, Instant};

use serde_json::json;

use super::{App, Focus, SHIFT, TAB, WAIT};

impl App {
    /// Keys sent to whatever has focus, as a keyboard user would.
    pub async fn press(&self, keys: &str) {
        self.client.active_element().await.unwrap().send_keys(keys).await.unwrap();
    }

    /// Where keyboard focus is, read in one step in the page (so it can't go stale).
    pub async fn focus(&self) -> Focus {
        let script = "const a = document.activeElement;
            if (!a || a === document.documentElement) return {on: 'nothing'};
            if (a === document.body) return {on: 'body'};
            return {on: 'element', id: a.id, tag: a.tagName.toLowerCase(), inside: arguments[0]
                .filter((css) => a.closest(css)) };";
        let found = self.client.execute(script, vec![json!(["#signin-card", "#log-form", "#view"])]).await.unwrap();
        match found["on"].as_str() {
            Some("element") => Focus::Element {
                id: found["id"].as_str().unwrap_or_default().to_owned(),
                tag: found["tag"].as_str().unwrap_or_default().to_owned(),
                inside: serde_json::from_value(found["inside"].clone()).unwrap_or_default(),
            },
            Some("body") => Focus::Body,
            _ => Focus::Nothing,
        }
    }

    /// Waits until the element with this id has keyboard focus.
    pub async fn wait_for_focus(&self, id: &str) {
        self.wait_for_focus_on(&format!("#{id}")).await;
    }

    /// Whether keyboard focus is on an element `css` matches.
    pub async fn focus_is_on(&self, css: &str) -> bool {
        let script = "return document.activeElement?.matches(arguments[0]) ?? false;";
        self.client.execute(script, vec![json!(css)]).await.unwrap().as_bool() == Some(true)
    }

    /// Waits until keyboard focus is on an element `css` matches.
    pub async fn wait_for_focus_on(&self, css: &str) {
        let deadline = Instant::now() + WAIT;
        while !self.focus_is_on(css).await {
            assert!(Instant::now() < deadline, "focus never reached {css}; it is on {:?}", self.focus().await);
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Presses Tab (or Shift+Tab) until focus is on an element `css` matches, as a keyboard user
    /// moves through the page; fails after `most` presses.
    pub async fn tab_to(&self, css: &str, backwards: bool, most: usize) {
        let key = if backwards { format!("{SHIFT}{TAB}") } else { TAB.to_owned() };
        for _ in 0..most {
            if self.focus_is_on(css).await {
                return;
            }
            self.press(&key).await;
        }
        panic!("{most} presses of Tab did not reach {css}; focus is on {:?}", self.focus().await);
    }
}
