//! The first-run checklist: what a new director sets up before the desk can work, each step
//! ticked off by what is in the database (never by a flag the checklist sets itself), with the
//! place in the app where it is done.

use rusqlite::Connection;
use serde::Serialize;

use super::{director, settings};
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    pub key: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub done: bool,
    pub optional: bool,
    /// The area and the part of it where the step is done, e.g. ("settings", "school-settings").
    pub area: &'static str,
    pub anchor: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Checklist {
    pub steps: Vec<Step>,
    /// Every step that is not optional is done.
    pub complete: bool,
    /// Nothing set up beyond the PIN: the director area opens on the checklist.
    pub fresh: bool,
}

fn any(conn: &Connection, table: &str) -> Result<bool> {
    Ok(conn.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table})"), [], |r| r.get(0))?)
}

pub fn checklist(conn: &Connection) -> Result<Checklist> {
    let school = settings::stats_settings(conn)?;
    let saved = settings::stats_settings_saved(conn)?;
    let step = |key, label, hint, done, area, anchor| Step { key, label, hint, done, optional: false, area, anchor };
    let steps = vec![
        step(
            "pin",
            "Set the director PIN",
            "It guards Stats, Records, Partners, Reports and Settings; keep the recovery code it gives somewhere safe.",
            director::pin_is_set(conn)?,
            "settings",
            "director-lock-settings",
        ),
        step(
            "school",
            "School name and school year",
            "Settings → School: the name, and the first and last day of the school year.",
            saved && !school.school_name.is_empty(),
            "settings",
            "school-settings",
        ),
        step(
            "schedule",
            "Week start and bell schedule",
            "Settings → School: the day weeks start on, and the periods writers can come in.",
            saved,
            "settings",
            "school-settings",
        ),
        step(
            "roster",
            "Import the student roster",
            "Records → Import the student roster: a CSV, text or spreadsheet export of your student information system.",
            any(conn, "students")?,
            "records",
            "roster",
        ),
        step(
            "tutors",
            "Add or import tutors",
            "Records → Tutors: add them one by one or import the tutor list, so they can clock in at the desk.",
            any(conn, "tutors")?,
            "records",
            "add-tutor",
        ),
        Step {
            optional: true,
            ..step(
                "partner",
                "Add a partner (optional)",
                "Partners: the university writing center or program you work with, for its reports.",
                any(conn, "institutions")?,
                "partners",
                "add-institution",
            )
        },
    ];
    let complete = steps.iter().all(|s| s.done || s.optional);
    let fresh = steps.iter().all(|s| !s.done || s.key == "pin");
    Ok(Checklist { steps, complete, fresh })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::{open_in_memory, tutors, write, Actor};

    #[test]
    fn steps_tick_themselves_off_from_what_is_on_file() {
        let mut conn = open_in_memory().unwrap();
        let fresh = checklist(&conn).unwrap();
        assert!(fresh.fresh && !fresh.complete);
        assert!(fresh.steps.iter().all(|s| !s.done));
        let now = chrono::NaiveDate::from_ymd_opt(2026, 8, 20).unwrap().and_hms_opt(8, 0, 0).unwrap();
        write(&mut conn, |tx| {
            let sam = tutors::NewTutor { name: "Sam Rivera".into(), kind: "peer".into(), ..Default::default() };
            tutors::add(tx, &sam, Actor::Director, now)
        })
        .unwrap();
        let named = settings::StatsSettings { school_name: "  Lincoln High  ".into(), ..Default::default() };
        settings::set_stats_settings(&conn, &named).unwrap();
        assert_eq!(settings::stats_settings(&conn).unwrap().school_name, "Lincoln High");
        let list = checklist(&conn).unwrap();
        let done: Vec<&str> = list.steps.iter().filter(|s| s.done).map(|s| s.key).collect();
        assert_eq!(done, ["school", "schedule", "tutors"]);
        assert!(!list.fresh && !list.complete, "the PIN and the roster are still to do");
    }
}
