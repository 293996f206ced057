//! The weekly dashboard on the small fixed fixture in tests/support/week_fixture.rs. Every
//! expected value below was worked out by hand from the fixture (see the comments), not taken
//! from the code's own output.

mod support;

use chrono::NaiveDate;
use rusqlite::Connection;
use scriptorium_core::storage::settings;
use scriptorium_core::storage::stats::{self, Count};
use scriptorium_core::storage::{open_in_memory, session_records, write, Actor};
use support::week_fixture;

struct Fixture {
    conn: Connection,
}

fn fixture() -> Fixture {
    let mut conn = open_in_memory().unwrap();
    week_fixture::build(&mut conn);
    Fixture { conn }
}

fn counts(rows: &[(&str, i64)]) -> Vec<Count> {
    rows.iter().map(|(label, sessions)| Count { label: label.to_string(), sessions: *sessions }).collect()
}

#[test]
fn every_dashboard_figure_matches_the_hand_computed_fixture() {
    let fixture = fixture();
    let board = stats::dashboard(&fixture.conn, NaiveDate::from_ymd_opt(2026, 11, 19).unwrap()).unwrap();
    assert_eq!((board.week_start.as_str(), board.week_end.as_str()), ("2026-11-16", "2026-11-22"));

    let week = &board.this_week;
    assert_eq!(week.sessions, 5, "S1–S5; S6 is deleted");
    assert_eq!(week.unique_writers, 4, "A, B, C, E");
    assert_eq!((week.new_writers, week.returning_writers), (2, 2), "C and E are new; A and B came last week");
    assert_eq!(week.total_minutes, 190, "30 + 45 + 20 + 40 + 55");
    assert_eq!(week.average_minutes, Some(38.0));
    assert_eq!(week.walk_aways, 1, "D left unseen");
    assert_eq!(week.average_wait_minutes, Some(7.5), "(10 + 5) / 2");

    let previous = &board.previous_week;
    assert_eq!((previous.sessions, previous.unique_writers, previous.new_writers), (2, 2, 2));
    assert_eq!((previous.total_minutes, previous.average_minutes), (70, Some(35.0)));
    assert_eq!((previous.walk_aways, previous.average_wait_minutes), (0, None));
    let last_year = &board.last_year;
    assert_eq!((last_year.sessions, last_year.total_minutes, last_year.average_minutes), (1, 45, Some(45.0)));

    let breakdown = |key: &str| board.breakdowns.iter().find(|b| b.key == key).unwrap().rows.clone();
    assert_eq!(breakdown("grade"), counts(&[("Grade 10", 3), ("Grade 11", 1), ("Grade 9", 1)]));
    assert_eq!(breakdown("department"), counts(&[("English", 2), ("Science", 2), ("No department", 1)]));
    assert_eq!(breakdown("teacher"), counts(&[("Mr. Brown", 2), ("Ms. Alvarez", 2), ("No teacher", 1)]));
    assert_eq!(
        breakdown("course"),
        counts(&[("Biology", 1), ("Chemistry", 1), ("English 10", 1), ("English 9", 1), ("No course", 1)])
    );
    assert_eq!(
        breakdown("assignment"),
        counts(&[
            ("Lab report", 2),
            ("Argumentative essay", 1),
            ("College application essay", 1),
            ("Literary analysis", 1)
        ])
    );
    assert_eq!(
        breakdown("stage"),
        counts(&[("Revising", 2), ("Brainstorming", 1), ("Drafting", 1), ("Editing and proofreading", 1)])
    );
    assert_eq!(
        breakdown("concern"),
        counts(&[
            ("Organization", 2),
            ("Thesis or claim", 2),
            ("Evidence and analysis", 1),
            ("Grammar and mechanics", 1),
            ("Voice", 1)
        ])
    );
    assert_eq!(breakdown("tutor"), counts(&[("Uma Brooks", 3), ("Sam Rivera", 2), ("Pat Lee", 1)]));
    assert_eq!(
        breakdown("tutorKind"),
        counts(&[("University tutor", 3), ("Peer tutor", 2), ("Preservice teacher", 1)])
    );
    assert_eq!(breakdown("mode"), counts(&[("In person", 4), ("Online", 1)]));

    // Heatmap: S1 Mon period 1; S2, S3 Tue period 2; S4 Thu period 5; S5 Fri after school.
    let heat = &board.heatmap;
    assert_eq!(heat.days, ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
    let cell = |period: &str, day: &str| {
        let row = heat.periods.iter().position(|p| p == period).unwrap();
        let column = heat.days.iter().position(|d| *d == day).unwrap();
        heat.counts[row][column]
    };
    assert_eq!(
        [cell("Period 1", "Mon"), cell("Period 2", "Tue"), cell("Period 5", "Thu"), cell("After school", "Fri")],
        [1, 2, 1, 1]
    );
    assert_eq!(heat.counts.iter().flatten().sum::<i64>(), 5);
    assert!(!heat.periods.contains(&"Other times".to_string()), "every session fell in a period");

    // School year from 2026-08-01: grade 9 A; grade 10 B, C; grade 11 E; grade 12 none (D's only
    // session this year was deleted).
    assert_eq!(board.school_year_start, "2026-08-01");
    let served: Vec<(i64, i64, Option<f64>)> =
        board.grades_served.iter().map(|g| (g.grade, g.writers, g.percent)).collect();
    assert_eq!(served, [(9, 1, Some(1.0)), (10, 2, Some(1.0)), (11, 1, Some(2.0)), (12, 0, Some(0.0))]);

    // Repeat pairing: S1 (A: Sam then Sam, same), S2 (B: Uma then Sam, not), S4 (C: Uma then Uma,
    // same); S3 and S5 are first sessions.
    let pairing = &board.repeat_pairing;
    assert_eq!((pairing.returning_sessions, pairing.same_tutor, pairing.rate), (3, 2, Some(66.7)));

    // Trend: 12 weeks ending with this one; only the last two have sessions.
    assert_eq!(board.trend.len(), 12);
    assert_eq!(board.trend[0].week_start, "2026-08-31");
    let last_two: Vec<(i64, i64, i64)> =
        board.trend[10..].iter().map(|p| (p.sessions, p.unique_writers, p.minutes)).collect();
    assert_eq!(last_two, [(2, 2, 70), (5, 4, 190)]);
    assert!(board.trend[..10].iter().all(|p| p.sessions == 0));
}

#[test]
fn new_writers_follow_corrections_and_deletions() {
    let mut fixture = fixture();
    let day = |date: &str| NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    let new_writers = |conn: &Connection| {
        let board = stats::dashboard(conn, day("2026-11-19")).unwrap();
        (board.previous_week.new_writers, board.this_week.new_writers)
    };
    assert_eq!(new_writers(&fixture.conn), (2, 2), "A and B last week; C and E this week");
    let session_of = |conn: &Connection, writer: &str, date: &str| -> i64 {
        conn.query_row(
            "SELECT s.id FROM sessions s JOIN students st ON st.id = s.student_id
             WHERE st.first_name = ?1 AND s.day = ?2 AND s.deleted_at IS NULL",
            rusqlite::params![writer, scriptorium_core::clock::day_number(day(date))],
            |r| r.get(0),
        )
        .unwrap()
    };
    let later = week_fixture::at("2026-12-31", "12:00");

    // C's first session (S3) was really last Thursday.
    let s3 = session_of(&fixture.conn, "C", "2026-11-17");
    let mut moved = session_records::as_log(&fixture.conn, s3).unwrap();
    moved.date = "2026-11-12".into();
    write(&mut fixture.conn, |tx| session_records::correct(tx, s3, &moved, Actor::Director, later)).unwrap();
    assert_eq!(new_writers(&fixture.conn), (3, 1), "C is new last week now; E still new this week");

    // E's only session and C's moved one are deleted: C's first is S4, this week again.
    let s5 = session_of(&fixture.conn, "E", "2026-11-20");
    write(&mut fixture.conn, |tx| {
        session_records::delete(tx, s5, "Wrong writer", Actor::Director, later)?;
        session_records::delete(tx, s3, "Duplicate", Actor::Director, later)
    })
    .unwrap();
    assert_eq!(new_writers(&fixture.conn), (2, 1), "C new this week again; E has no sessions");
}

#[test]
fn a_sunday_week_start_moves_the_week() {
    let fixture = fixture();
    let mut custom = settings::stats_settings(&fixture.conn).unwrap();
    custom.week_start_day = 6;
    settings::set_stats_settings(&fixture.conn, &custom).unwrap();
    // The week of Thursday 2026-11-19 now runs Sunday 11-15 to Saturday 11-21: same sessions
    // (S1–S5 fall Monday to Friday), Sunday first in the heatmap.
    let board = stats::dashboard(&fixture.conn, NaiveDate::from_ymd_opt(2026, 11, 19).unwrap()).unwrap();
    assert_eq!((board.week_start.as_str(), board.week_end.as_str()), ("2026-11-15", "2026-11-21"));
    assert_eq!(board.this_week.sessions, 5);
    assert_eq!(board.heatmap.days[0], "Sun");
}

#[test]
fn invalid_statistics_settings_are_refused_and_nothing_changes() {
    let fixture = fixture();
    let before = settings::stats_settings(&fixture.conn).unwrap();
    let mut bad = before.clone();
    bad.periods[1].end = "07:30".into();
    let err = settings::set_stats_settings(&fixture.conn, &bad).unwrap_err();
    assert_eq!(err.to_string(), "Period 1 must end after it starts.");
    let mut bad = before.clone();
    bad.school_year_start = Some("2026-08-24".into());
    let err = settings::set_stats_settings(&fixture.conn, &bad).unwrap_err();
    assert_eq!(err.to_string(), "Give both the first and the last day of the school year, or neither.");
    assert_eq!(settings::stats_settings(&fixture.conn).unwrap(), before);
}
