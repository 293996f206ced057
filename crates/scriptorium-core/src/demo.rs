//! `scriptorium --demo`: the app on a throwaway copy of a synthetic school, so a newcomer can try
//! every screen without touching real records. The school is generated once (fixed seed) into
//! the temp folder and copied for each demo run; the copy is removed when the app exits, or by
//! the next demo run if the app was killed.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::Result;
use crate::storage::{self, backup};
use crate::synthetic;

pub const DEMO_FLAG: &str = "--demo";

/// Where the demo school as of `today` is kept once built (`make measure` opens a copy of it).
pub fn template(today: NaiveDate) -> PathBuf {
    std::env::temp_dir().join(format!(
        "scriptorium-demo-school-{today}-schema{}-generator{}.db",
        storage::SCHEMA_VERSION,
        synthetic::GENERATOR_VERSION
    ))
}

/// A fresh data folder holding a copy of the demo school as of `today`.
pub fn prepare(today: NaiveDate) -> Result<PathBuf> {
    let template = template(today);
    if !template.exists() {
        remove_old_templates();
        eprintln!("Scriptorium: building the demo school (first run today only, under a minute)…");
        // Not `.partial`: that is the name backup_to gives the copy it writes.
        let building = template.with_extension("building");
        let _ = std::fs::remove_file(&building);
        let mut conn = storage::open(&building)?;
        synthetic::add_demo_school(&mut conn, today)?;
        backup::backup_to(&conn, &template)?;
        drop(conn);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", building.display()));
        }
    }
    remove_abandoned_copies();
    let dir = std::env::temp_dir().join(copy_folder_name(std::process::id()));
    std::fs::create_dir_all(&dir)?;
    std::fs::copy(&template, dir.join(storage::DATABASE_FILE))?;
    Ok(dir)
}

fn remove_old_templates() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else { return };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with("scriptorium-demo-school-") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn copy_folder_name(pid: u32) -> String {
    format!("scriptorium-demo-{pid}")
}

/// Copies left by demo runs that ended without removing theirs (killed, or the machine went
/// down): their process is gone.
fn remove_abandoned_copies() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let pid = name
            .to_str()
            .and_then(|name| name.strip_prefix("scriptorium-demo-"))
            .and_then(|pid| pid.parse::<u32>().ok());
        if pid.is_some_and(|pid| !process_is_running(pid, &entry.path())) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether the demo run that made `copy` is still going: its process, on Linux.
#[cfg(target_os = "linux")]
fn process_is_running(pid: u32, _copy: &Path) -> bool {
    Path::new("/proc").join(pid.to_string()).exists()
}

/// Elsewhere there is no /proc to ask: a copy untouched for a day is taken as abandoned.
#[cfg(not(target_os = "linux"))]
fn process_is_running(_pid: u32, copy: &Path) -> bool {
    let age = std::fs::metadata(copy).and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
    age.is_none_or(|age| age < std::time::Duration::from_secs(24 * 60 * 60))
}

/// Removes a demo data folder (only ever one `prepare` made).
pub fn remove(dir: &Path) {
    if dir.file_name().is_some_and(|name| name.to_string_lossy().starts_with("scriptorium-demo-")) {
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_of_runs_that_are_gone_are_removed_and_running_ones_kept() {
        // Above the kernel's largest possible pid (2^22), so no process has it.
        let gone = std::env::temp_dir().join(copy_folder_name(4_194_999));
        let running = std::env::temp_dir().join(copy_folder_name(std::process::id()));
        for dir in [&gone, &running] {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(dir.join(storage::DATABASE_FILE), "x").unwrap();
        }
        remove_abandoned_copies();
        assert!(!gone.exists());
        assert!(running.join(storage::DATABASE_FILE).exists());
        remove(&running);
        assert!(!running.exists());
    }
}
