//! The demo school's group work this school year: class visits and workshops each week (made
//! through the director's own path, so led tutors get their hours), peer tutors' monthly
//! training (approved, with the last month's still waiting), and writers' feedback after about
//! two sessions in three.

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::Connection;

use super::Rng;
use crate::clock;
use crate::error::Result;
use crate::storage::feedback::{self, Answers};
use crate::storage::group_events::{self, NewEvent};
use crate::storage::tutor_hours::{self, NewHours};
use crate::storage::{settings, write, Actor};
use crate::vocabulary::FEEDBACK_QUESTIONS;

const TOPICS: [(&str, &str); 6] = [
    ("class_visit", "Thesis statements"),
    ("class_visit", "Peer review workshop in class"),
    ("class_visit", "Citing sources in MLA"),
    ("workshop", "College application essays"),
    ("workshop", "Timed essays for the AP exam"),
    ("presentation", "What the writing center does"),
];

pub fn add_group_work(conn: &mut Connection, today: NaiveDate, seed: u64) -> Result<()> {
    let mut rng = Rng::new(seed ^ 0x6E0);
    let year = settings::stats_settings(conn)?.school_year(today);
    let first = clock::date_of_day(year.first);
    let peers: Vec<i64> = conn
        .prepare("SELECT id FROM tutors WHERE kind = 'peer' AND active = 1 ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let teachers: Vec<String> = conn
        .prepare("SELECT name FROM teachers ORDER BY id LIMIT 12")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if peers.len() < 2 {
        return Ok(());
    }
    let partner: Option<i64> = conn.query_row("SELECT min(id) FROM institutions", [], |r| r.get(0))?;
    let now = today.and_hms_opt(7, 0, 0).expect("valid time");
    write(conn, |tx| {
        let mut monday = first - Duration::days(i64::from(first.weekday().num_days_from_monday()));
        while monday + Duration::days(4) < today {
            for _ in 0..1 + rng.below(2) {
                let (kind, topic) = TOPICS[rng.below(TOPICS.len())];
                let day = monday + Duration::days(rng.below(5) as i64);
                if day < first {
                    continue;
                }
                let start = 8 * 60 + 55 * rng.below(6) as i64;
                let lead = peers[rng.below(peers.len())];
                let second = peers.iter().copied().find(|p| *p != lead).expect("two peers");
                let event = NewEvent {
                    kind: kind.into(),
                    date: day.to_string(),
                    start_time: format!("{:02}:{:02}", start / 60, start % 60),
                    end_time: format!("{:02}:{:02}", (start + 50) / 60, (start + 50) % 60),
                    teacher_name: match kind {
                        "class_visit" => teachers.get(rng.below(teachers.len().max(1))).cloned().unwrap_or_default(),
                        _ => String::new(),
                    },
                    topic: topic.into(),
                    headcount: if kind == "class_visit" { 22 + rng.below(12) as i64 } else { 8 + rng.below(30) as i64 },
                    tutor_ids: vec![lead, second],
                    institution_id: if kind == "workshop" && rng.below(3) == 0 { partner } else { None },
                    ..Default::default()
                };
                group_events::add(tx, &event, now)?;
            }
            monday += Duration::days(7);
        }
        // Training on the first Wednesday of each month; the latest waits for approval.
        let mut month = NaiveDate::from_ymd_opt(first.year(), first.month(), 1).expect("valid date");
        while month <= today {
            let wednesday = month + Duration::days(i64::from((9 - month.weekday().num_days_from_monday()) % 7));
            let pending = month.year() == today.year() && month.month() == today.month();
            if wednesday <= today && wednesday >= first {
                for tutor_id in &peers {
                    let new = NewHours {
                        tutor_id: *tutor_id,
                        date: wednesday.to_string(),
                        hours: "1.5".into(),
                        kind: "training".into(),
                        description: "Monthly tutor training".into(),
                    };
                    let actor = if pending { Actor::FrontDesk } else { Actor::Director };
                    tutor_hours::add(tx, &new, actor, now)?;
                }
            }
            month = if month.month() == 12 {
                NaiveDate::from_ymd_opt(month.year() + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(month.year(), month.month() + 1, 1)
            }
            .expect("valid date");
        }
        // Feedback after about two sessions in three, answered as the session ended.
        let ends: Vec<String> = tx
            .prepare("SELECT ended_at FROM sessions WHERE deleted_at IS NULL AND day >= ?1 AND day < ?2 ORDER BY id")?
            .query_map([year.first, clock::day_number(today) + 1], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for ended in ends {
            if rng.below(3) == 0 {
                continue;
            }
            let Some(at) = clock::parse(&ended) else { continue };
            let answers = FEEDBACK_QUESTIONS
                .iter()
                .map(|q| {
                    // Mostly the first answers: most writers find a session helpful.
                    let i = [0, 0, 0, 0, 1, 1, 2][rng.below(7)].min(q.answers.len() - 1);
                    let i = if q.key == "helped_most" { rng.below(q.answers.len()) } else { i };
                    (q.key.to_owned(), q.answers[i].to_owned())
                })
                .collect();
            feedback::record(tx, &Answers(answers), at)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic::{add_school, SchoolSize};

    #[test]
    fn a_school_year_gets_events_training_and_feedback_up_to_today() {
        let mut conn = crate::storage::open_in_memory().unwrap();
        let size = SchoolSize { students: 80, tutors: 6, teachers: 8, sessions: 600, years: 1, last_year: 2026 };
        add_school(&mut conn, size, 3).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        add_group_work(&mut conn, today, 3).unwrap();
        let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
        assert!(count("SELECT count(*) FROM group_events") >= 14, "one or two a week since August");
        assert_eq!(count("SELECT count(*) FROM group_events WHERE day > 20777"), 0, "none after today (day 20777)");
        assert!(count("SELECT count(*) FROM tutor_hours WHERE event_id IS NOT NULL") > 0, "led tutors' hours");
        assert!(count("SELECT count(*) FROM tutor_hours WHERE kind = 'training' AND approved_at IS NULL") > 0);
        assert!(count("SELECT count(*) FROM tutor_hours WHERE kind = 'training' AND approved_at IS NOT NULL") > 0);
        assert!(count("SELECT sum(responses) FROM writer_feedback_counts WHERE question = 'helpful'") > 100);
    }
}
