//! A small week of writing-center activity whose statistics were worked out by hand (see
//! tests/stats.rs for each expected figure). Week: Monday 2026-11-16 to Sunday 2026-11-22.
//! Writers A (grade 9), B and C (grade 10), E (grade 11), D (grade 12). Tutors Sam (peer),
//! Uma (university), Pat (preservice). Grade enrollment 9: 100, 10: 200, 11: 50, 12: 80.

use chrono::NaiveDateTime;
use rusqlite::Connection;
use scriptorium_core::storage::sessions::{self, SessionLog};
use scriptorium_core::storage::settings::{self, GradeEnrollment};
use scriptorium_core::storage::students::{self, NewStudent};
use scriptorium_core::storage::tutors::{self, NewTutor};
use scriptorium_core::storage::{session_records, visits, write, Actor};

pub fn at(date: &str, time: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M").unwrap()
}

const LATER: &str = "2026-12-31";

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
) -> scriptorium_core::error::Result<i64> {
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
    sessions::log(tx, &log, Actor::Director, at(LATER, "12:00"))
}

/// A fresh data folder for the app whose database holds the fixture.
pub fn data_dir(name: &str) -> super::TestDir {
    let dir = super::TestDir::new(name);
    build(&mut scriptorium_core::storage::open(&dir.join(scriptorium_core::storage::DATABASE_FILE)).unwrap());
    dir
}

/// Writes the fixture into `conn`.
pub fn build(conn: &mut Connection) {
    let then = at("2025-09-01", "08:00");
    write(conn, |tx| {
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
        let tutor = |name: &str, kind: &str| NewTutor { name: name.into(), kind: kind.into(), ..Default::default() };
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
}

fn tutors_on_shift(tx: &rusqlite::Transaction, ids: &[i64]) -> scriptorium_core::error::Result<()> {
    for id in ids {
        scriptorium_core::storage::shifts::clock_in(tx, *id, at("2026-11-16", "07:30"))?;
    }
    Ok(())
}
