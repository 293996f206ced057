//! The weekly dashboard on a small fixed fixture. Every expected value below was worked out by
//! hand from the fixture (see the comments), not taken from the code's own output.
//!
//! Week: Monday 2026-11-16 to Sunday 2026-11-22. Writers A (grade 9), B and C (grade 10),
//! E (grade 11), D (grade 12). Tutors Sam (peer), Uma (university), Pat (preservice).

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use scriptorium::storage::sessions::{self, SessionLog};
use scriptorium::storage::settings::{self, GradeEnrollment};
use scriptorium::storage::stats::{self, Count};
use scriptorium::storage::students::{self, NewStudent};
use scriptorium::storage::tutors::{self, NewTutor};
use scriptorium::storage::{open_in_memory, session_records, visits, write, Actor};

fn at(date: &str, time: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M").unwrap()
}

const LATER: &str = "2026-12-31";

struct Fixture {
    conn: Connection,
}

#[allow(clippy::too_many_arguments)]
fn session(
    tx: &rusqlite::Transaction,
    student: i64,
    tutors: &[i64],
    date: &str,
    start: &str,
    end: &str,
    mode: &str,
    course: &str,
    teacher: (&str, &str),
    assignment: &str,
    stage: &str,
    concerns: &[&str],
) -> scriptorium::error::Result<i64> {
    let log = SessionLog {
        student_id: student,
        tutor_ids: tutors.to_vec(),
        date: date.into(),
        start_time: start.into(),
        end_time: end.into(),
        mode: mode.into(),
        course: course.into(),
        teacher_name: teacher.0.into(),
        teacher_department: teacher.1.into(),
        assignment_type: assignment.into(),
        writing_stage: stage.into(),
        concerns: concerns.iter().map(|c| c.to_string()).collect(),
        ..Default::default()
    };
    sessions::log(tx, &log, Actor::FrontDesk, at(LATER, "12:00"))
}

fn fixture() -> Fixture {
    let mut conn = open_in_memory().unwrap();
    let then = at("2025-09-01", "08:00");
    write(&mut conn, |tx| {
        let student = |first: &str, grade| NewStudent {
            first_name: first.into(),
            last_name: "Fixture".into(),
            grade: Some(grade),
            ..Default::default()
        };
        let a = students::add(tx, &student("A", 9), Actor::Director, then)?.id;
        let b = students::add(tx, &student("B", 10), Actor::Director, then)?.id;
        let c = students::add(tx, &student("C", 10), Actor::Director, then)?.id;
        let d = students::add(tx, &student("D", 12), Actor::Director, then)?.id;
        let e = students::add(tx, &student("E", 11), Actor::Director, then)?.id;
        let tutor = |name: &str, kind: &str| NewTutor { name: name.into(), kind: kind.into() };
        let sam = tutors::add(tx, &tutor("Sam Rivera", "peer"), Actor::Director, then)?.id;
        let uma = tutors::add(tx, &tutor("Uma Brooks", "university"), Actor::Director, then)?.id;
        let pat = tutors::add(tx, &tutor("Pat Lee", "preservice"), Actor::Director, then)?.id;
        let english = ("Ms. Alvarez", "English");
        let science = ("Mr. Brown", "Science");
        let none = ("", "");

        // Last year, same week (2025-11-17 is 364 days before 2026-11-16): one 45-minute session.
        session(tx, d, &[sam], "2025-11-18", "10:00", "10:45", "in_person", "", none, "Other", "Drafting", &["Voice"])?;
        // Previous week: A with Sam (30 min), B with Uma (40 min).
        session(tx, a, &[sam], "2026-11-10", "10:00", "10:30", "in_person", "", none, "Other", "Drafting", &["Voice"])?;
        session(tx, b, &[uma], "2026-11-11", "09:00", "09:40", "in_person", "", none, "Other", "Drafting", &["Voice"])?;

        // This week.
        session(
            tx,
            a,
            &[sam],
            "2026-11-16",
            "08:10",
            "08:40",
            "in_person",
            "English 9",
            english,
            "Argumentative essay",
            "Drafting",
            &["Thesis or claim", "Organization"],
        )?; // S1 30 min
        session(
            tx,
            b,
            &[sam, uma],
            "2026-11-17",
            "09:05",
            "09:50",
            "online",
            "Biology",
            science,
            "Lab report",
            "Revising",
            &["Organization"],
        )?; // S2 45 min
        session(
            tx,
            c,
            &[uma],
            "2026-11-17",
            "09:10",
            "09:30",
            "in_person",
            "",
            none,
            "College application essay",
            "Brainstorming",
            &["Voice"],
        )?; // S3 20 min
        session(
            tx,
            c,
            &[uma],
            "2026-11-19",
            "12:50",
            "13:30",
            "in_person",
            "English 10",
            english,
            "Literary analysis",
            "Revising",
            &["Thesis or claim", "Evidence and analysis"],
        )?; // S4 40 min
        session(
            tx,
            e,
            &[pat],
            "2026-11-20",
            "15:00",
            "15:55",
            "in_person",
            "Chemistry",
            science,
            "Lab report",
            "Editing and proofreading",
            &["Grammar and mechanics"],
        )?; // S5 55 min
        let s6 = session(
            tx,
            d,
            &[sam],
            "2026-11-18",
            "10:00",
            "10:30",
            "in_person",
            "",
            none,
            "Other",
            "Drafting",
            &["Voice"],
        )?;
        session_records::delete(tx, s6, "Logged for the wrong writer", Actor::Director, at(LATER, "12:00"))?;

        // Visits: A waited 10 min, B 5 min; D left unseen.
        let va = visits::sign_in(tx, a, at("2026-11-16", "08:00"))?;
        tutors_on_shift(tx, &[sam])?;
        visits::start(tx, va.id, sam, at("2026-11-16", "08:10"))?;
        let vb = visits::sign_in(tx, b, at("2026-11-17", "09:00"))?;
        visits::start(tx, vb.id, sam, at("2026-11-17", "09:05"))?;
        let vd = visits::sign_in(tx, d, at("2026-11-18", "10:00"))?;
        visits::mark_left(tx, vd.id, at("2026-11-18", "10:20"))?;

        settings::set_stats_settings(
            tx,
            &settings::StatsSettings {
                enrollment: [(9, 100), (10, 200), (11, 50), (12, 80)]
                    .map(|(grade, students)| GradeEnrollment { grade, students })
                    .to_vec(),
                ..Default::default()
            },
        )
    })
    .unwrap();
    Fixture { conn }
}

fn tutors_on_shift(tx: &rusqlite::Transaction, ids: &[i64]) -> scriptorium::error::Result<()> {
    for id in ids {
        scriptorium::storage::shifts::clock_in(tx, *id, at("2026-11-16", "07:30"))?;
    }
    Ok(())
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
