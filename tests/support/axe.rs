//! The accessibility audit: axe-core (a test-only asset `make axe-core` fetches, never shipped)
//! is injected into the real window and runs its WCAG 2.0 and 2.1 level A and AA rules on the
//! page as it stands. Every screenshot an end-to-end test takes is audited this way, so every
//! view and state the tests reach is; a violation fails the test with the rule, the element and
//! axe's hint for the fix. Each audit is also counted in target/e2e/axe-audits.log.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use super::App;

/// The WCAG 2.0/2.1 A and AA rules, by axe's tags.
const TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

fn axe_source() -> String {
    let path = std::env::var_os("SCRIPTORIUM_AXE").map(PathBuf::from).or_else(|| {
        let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
        std::fs::read_dir(&target).ok()?.flatten().map(|e| e.path().join("axe.min.js")).find(|p| {
            p.parent().and_then(Path::file_name).is_some_and(|n| n.to_string_lossy().starts_with("axe-core-"))
                && p.exists()
        })
    });
    let path = path.expect("axe-core is missing: `make axe-core` fetches it (make test does)");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

impl App {
    /// Audits the page as it stands; panics listing every violation.
    pub async fn assert_accessible(&self, state: &str) {
        let (rules, report) = self.accessibility_audit(state).await;
        let log = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e/axe-audits.log");
        if let Ok(mut out) = std::fs::OpenOptions::new().create(true).append(true).open(log) {
            let _ = writeln!(out, "{}\t{state}\t{rules}\t{}", self.name, report.len());
        }
        assert!(
            report.is_empty(),
            "{} accessibility violations in {}/{state}:\n{}",
            report.len(),
            self.name,
            report.join("\n")
        );
    }

    /// Audits the page as it stands: how many rules ran, and each violation with its rule,
    /// elements and fix hint.
    pub async fn accessibility_audit(&self, state: &str) -> (u64, Vec<String>) {
        let loaded = self.client.execute("return typeof window.axe === 'object';", vec![]).await.unwrap();
        if loaded != json!(true) {
            self.client.execute(&format!("{};\nreturn true;", axe_source()), vec![]).await.unwrap();
        }
        let found = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
                   .then((r) => done({
                     rules: r.passes.length + r.violations.length + r.incomplete.length + r.inapplicable.length,
                     violations: r.violations.map((v) => ({ id: v.id, help: v.help,
                       nodes: v.nodes.map((n) => ({ target: n.target.join(' '), fix: n.failureSummary })) })),
                   }))
                   .catch((e) => done({ error: String(e) }));",
                vec![json!(TAGS)],
            )
            .await
            .unwrap();
        assert!(found.get("error").is_none(), "axe-core failed on {state}: {}", found["error"]);
        let violations = found["violations"].as_array().cloned().unwrap_or_default();
        (found["rules"].as_u64().unwrap_or(0), violations.iter().map(describe).collect())
    }
}

fn describe(violation: &Value) -> String {
    let nodes = violation["nodes"].as_array().cloned().unwrap_or_default();
    let places: Vec<String> = nodes
        .iter()
        .take(5)
        .map(|n| {
            format!(
                "    at {}\n      {}",
                n["target"].as_str().unwrap_or("?"),
                n["fix"].as_str().unwrap_or("").replace('\n', "\n      ")
            )
        })
        .collect();
    format!(
        "- {} ({}):\n{}",
        violation["id"].as_str().unwrap_or("?"),
        violation["help"].as_str().unwrap_or(""),
        places.join("\n")
    )
}
