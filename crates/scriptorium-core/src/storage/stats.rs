//! The director's weekly statistics. Every query ranges over the integer `day` column (days
//! since 1970-01-01) through the `sessions_by_day` index, so a week costs the same whether the
//! database holds one year or ten. Sessions that were deleted never count.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use super::appointment_stats::{self, AppointmentWeek};
use super::event_stats::{event_stats, EventStats};
use super::feedback::{self, QuestionTally};
use super::referrals::{self, ReferralsFollowed};
use super::sessions::CONCERN_SEPARATOR;
use super::settings::{self, StatsSettings};
use super::{map_by_id, text_at};
use crate::clock::{self, week_start, weekday, Days};
use crate::error::Result;
use crate::vocabulary::{SessionMode, TutorKind};

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Figures {
    pub sessions: i64,
    pub unique_writers: i64,
    pub new_writers: i64,
    pub returning_writers: i64,
    pub total_minutes: i64,
    pub average_minutes: Option<f64>,
    pub walk_aways: i64,
    pub average_wait_minutes: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Count {
    pub label: String,
    pub sessions: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Breakdown {
    pub key: &'static str,
    pub title: &'static str,
    pub rows: Vec<Count>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrendPoint {
    pub week_start: String,
    pub sessions: i64,
    pub unique_writers: i64,
    pub minutes: i64,
}

/// Sessions by day of the week (columns, in week order) and bell-schedule period (rows).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Heatmap {
    pub days: Vec<&'static str>,
    pub periods: Vec<String>,
    pub counts: Vec<Vec<i64>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GradeServed {
    pub grade: i64,
    pub writers: i64,
    pub enrollment: Option<i64>,
    pub percent: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RepeatPairing {
    /// This week's sessions by writers who had a session before.
    pub returning_sessions: i64,
    /// Of those, sessions led by the same tutor as the writer's previous session.
    pub same_tutor: i64,
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    pub week_start: String,
    pub week_end: String,
    pub this_week: Figures,
    pub previous_week: Figures,
    /// The same week a year earlier (52 weeks back, so weekdays line up).
    pub last_year: Figures,
    pub trend: Vec<TrendPoint>,
    pub breakdowns: Vec<Breakdown>,
    pub heatmap: Heatmap,
    pub school_year_start: String,
    pub grades_served: Vec<GradeServed>,
    pub repeat_pairing: RepeatPairing,
    /// The trend's weeks: appointments against walk-ins, no-shows, cancellations, fill rate.
    pub appointments: Vec<AppointmentWeek>,
    /// The school year to this week: per teacher, referrals made and those a visit followed.
    pub referrals: Vec<ReferralsFollowed>,
    /// Class visits, workshops and presentations: per week over the trend's weeks, and by kind
    /// and teacher over the school year so far. Never part of the session counts above.
    pub events: EventStats,
    /// Writers' feedback over the school year so far, counts under `small_count` suppressed.
    pub feedback: Vec<QuestionTally>,
    pub small_count: i64,
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const TREND_WEEKS: i64 = 12;

/// Monday = 0 … Sunday = 6 for a day number (1970-01-01 was a Thursday).
fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

pub fn figures(conn: &Connection, days: Days) -> Result<Figures> {
    let range = params![days.first, days.end];
    let (sessions, unique_writers, total_minutes): (i64, i64, i64) = conn.query_row(
        "SELECT count(*), count(DISTINCT student_id), coalesce(sum(minutes), 0)
         FROM sessions WHERE deleted_at IS NULL AND day >= ?1 AND day < ?2",
        range,
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    // Writers whose first session ever falls in these days (kept per writer by migration 0003).
    let new_writers: i64 = conn.query_row(
        "SELECT count(*) FROM students WHERE first_session_day >= ?1 AND first_session_day < ?2",
        range,
        |r| r.get(0),
    )?;
    let walk_aways: i64 = conn.query_row(
        "SELECT count(*) FROM visits WHERE status = 'left' AND NOT closed_automatically AND day >= ?1 AND day < ?2",
        range,
        |r| r.get(0),
    )?;
    let average_wait: Option<f64> = conn.query_row(
        "SELECT avg((julianday(started_at) - julianday(signed_in_at)) * 1440.0)
         FROM visits WHERE started_at IS NOT NULL AND day >= ?1 AND day < ?2",
        range,
        |r| r.get(0),
    )?;
    Ok(Figures {
        sessions,
        unique_writers,
        new_writers,
        returning_writers: unique_writers - new_writers,
        total_minutes,
        average_minutes: (sessions > 0).then(|| round1(total_minutes as f64 / sessions as f64)),
        walk_aways,
        average_wait_minutes: average_wait.map(round1),
    })
}

/// (key, title) of each breakdown, in the order the dashboard shows them.
const BREAKDOWNS: [(&str, &str); 10] = [
    ("grade", "Grade"),
    ("department", "Department"),
    ("teacher", "Teacher"),
    ("course", "Course"),
    ("assignment", "Assignment type"),
    ("stage", "Stage of the writing process"),
    ("concern", "Concerns worked on"),
    ("tutor", "Tutor"),
    ("tutorKind", "Tutor kind"),
    ("mode", "Mode"),
];

/// Sessions per label, most first (then by label). A session counts once per label it has: a
/// session with two concerns counts under both, one with two tutors under both tutors (and once
/// per tutor kind). The week is read in one pass (concerns and tutors are on the session row
/// since migration 0002) and tallied here, rather than one grouped query per breakdown.
pub fn breakdowns(conn: &Connection, days: Days) -> Result<Vec<Breakdown>> {
    let mut tallies: Vec<FxHashMap<String, i64>> = vec![FxHashMap::default(); BREAKDOWNS.len()];
    // Labels repeat all week: allocate each one once.
    let mut count = |index: usize, label: &str| match tallies[index].get_mut(label) {
        Some(sessions) => *sessions += 1,
        None => {
            tallies[index].insert(label.to_owned(), 1);
        }
    };
    let tutors = map_by_id(conn, "SELECT id, name, kind FROM tutors", |r| {
        Ok((r.get::<_, String>(1)?, r.get::<_, TutorKind>(2)?.label()))
    })?;
    let mut sessions = conn.prepare_cached(
        "SELECT coalesce('Grade ' || st.grade, 'Grade unknown'), coalesce(nullif(t.department, ''), 'No department'),
             coalesce(t.name, 'No teacher'), coalesce(nullif(s.course, ''), 'No course'), s.assignment_type,
             s.writing_stage, s.mode,
             s.concerns, s.lead_tutor_id, s.second_tutor_id
         FROM sessions s JOIN students st ON st.id = s.student_id LEFT JOIN teachers t ON t.id = s.teacher_id
         WHERE s.deleted_at IS NULL AND s.day >= ?1 AND s.day < ?2",
    )?;
    let mut rows = sessions.query(params![days.first, days.end])?;
    while let Some(row) = rows.next()? {
        for (index, column) in [(0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (5, 5)] {
            count(index, text_at(row, column)?);
        }
        count(9, row.get::<_, SessionMode>(6)?.label());
        for concern in text_at(row, 7)?.split(CONCERN_SEPARATOR).filter(|c| !c.is_empty()) {
            count(6, concern);
        }
        let lead = row.get::<_, Option<i64>>(8)?.and_then(|id| tutors.get(&id));
        let second = row.get::<_, Option<i64>>(9)?.and_then(|id| tutors.get(&id));
        if let Some((name, kind)) = lead {
            count(7, name);
            count(8, kind);
        }
        if let Some((name, kind)) = second {
            count(7, name);
            if lead.is_none_or(|(_, lead_kind)| lead_kind != kind) {
                count(8, kind);
            }
        }
    }
    Ok(BREAKDOWNS
        .iter()
        .zip(tallies)
        .map(|((key, title), tally)| {
            let mut rows: Vec<Count> = tally.into_iter().map(|(label, sessions)| Count { label, sessions }).collect();
            rows.sort_by(|a, b| b.sessions.cmp(&a.sessions).then_with(|| a.label.cmp(&b.label)));
            Breakdown { key, title, rows }
        })
        .collect())
}

/// Sessions, unique writers and minutes for the twelve weeks ending with the one starting on
/// `last_week_first_day`, read once from the day index (writers de-duplicated per week here).
pub fn trend(conn: &Connection, last_week_first_day: i64) -> Result<Vec<TrendPoint>> {
    let first = last_week_first_day - 7 * (TREND_WEEKS - 1);
    let mut weeks: Vec<(i64, FxHashSet<i64>, i64)> = (0..TREND_WEEKS).map(|_| (0, FxHashSet::default(), 0)).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT day, student_id, minutes FROM sessions INDEXED BY sessions_by_day
         WHERE deleted_at IS NULL AND day >= ?1 AND day < ?2",
    )?;
    let mut rows = stmt.query(params![first, last_week_first_day + 7])?;
    while let Some(row) = rows.next()? {
        let week = &mut weeks[((row.get::<_, i64>(0)? - first) / 7) as usize];
        week.0 += 1;
        week.1.insert(row.get::<_, i64>(1)?);
        week.2 += row.get::<_, i64>(2)?;
    }
    Ok(weeks
        .into_iter()
        .enumerate()
        .map(|(w, (sessions, writers, minutes))| TrendPoint {
            week_start: clock::date_of_day(first + 7 * w as i64).to_string(),
            sessions,
            unique_writers: writers.len() as i64,
            minutes,
        })
        .collect())
}

fn minute_of(text: &str) -> Option<i64> {
    clock::parse_time("Period", text).ok().map(|t| i64::from(chrono::Timelike::num_seconds_from_midnight(&t) / 60))
}

pub fn heatmap(conn: &Connection, days: Days, settings: &StatsSettings) -> Result<Heatmap> {
    let bounds: Vec<(i64, i64)> =
        settings.periods.iter().map(|p| (minute_of(&p.start).unwrap_or(0), minute_of(&p.end).unwrap_or(0))).collect();
    let mut periods: Vec<String> = settings.periods.iter().map(|p| p.name.clone()).collect();
    let other = periods.len();
    periods.push("Other times".into());
    let order: Vec<i64> = (0..7).map(|i| (settings.week_start_day + i) % 7).collect();
    let mut counts = vec![vec![0_i64; 7]; periods.len()];
    let mut stmt = conn.prepare_cached(
        "SELECT day, start_minute, count(*) FROM sessions
         WHERE deleted_at IS NULL AND day >= ?1 AND day < ?2 GROUP BY day, start_minute",
    )?;
    let rows =
        stmt.query_map(params![days.first, days.end], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get(2)?)))?;
    for row in rows {
        let (day, minute, n): (i64, i64, i64) = row?;
        let period = bounds.iter().position(|(start, end)| (*start..*end).contains(&minute)).unwrap_or(other);
        let column = order.iter().position(|d| *d == weekday(day)).expect("every weekday has a column");
        counts[period][column] += n;
    }
    if counts[other].iter().all(|n| *n == 0) {
        periods.pop();
        counts.pop();
    }
    Ok(Heatmap { days: order.iter().map(|d| WEEKDAYS[*d as usize]).collect(), periods, counts })
}

/// Unique writers per grade from the start of the school year to the end of the week, and the
/// share of each grade's enrollment they are. Writers are de-duplicated here rather than with
/// SQL DISTINCT: on a year of a large school the temporary b-tree cost several times more.
pub fn grades_served(conn: &Connection, days: Days, settings: &StatsSettings) -> Result<Vec<GradeServed>> {
    // Student ids are small and dense: a flag per id is the cheapest set of writers.
    let mut wrote: Vec<bool> = Vec::new();
    let mut sessions = conn.prepare_cached(
        "SELECT student_id FROM sessions INDEXED BY sessions_by_day WHERE deleted_at IS NULL AND day >= ?1 AND day < ?2",
    )?;
    let mut rows = sessions.query(params![days.first, days.end])?;
    while let Some(row) = rows.next()? {
        let id = usize::try_from(row.get::<_, i64>(0)?).unwrap_or(0);
        if id >= wrote.len() {
            wrote.resize(id + 1, false);
        }
        wrote[id] = true;
    }
    let mut counted: BTreeMap<i64, i64> = settings.enrollment.iter().map(|e| (e.grade, 0)).collect();
    let mut students = conn.prepare_cached("SELECT id, grade FROM students WHERE grade IS NOT NULL")?;
    let mut rows = students.query([])?;
    while let Some(row) = rows.next()? {
        let id = usize::try_from(row.get::<_, i64>(0)?).unwrap_or(0);
        if wrote.get(id).copied().unwrap_or(false) {
            *counted.entry(row.get(1)?).or_default() += 1;
        }
    }
    Ok(counted
        .into_iter()
        .map(|(grade, writers)| {
            let enrollment = settings.enrollment.iter().find(|e| e.grade == grade).map(|e| e.students);
            let percent = enrollment.filter(|n| *n > 0).map(|n| round1(100.0 * writers as f64 / n as f64));
            GradeServed { grade, writers, enrollment, percent }
        })
        .collect())
}

/// How many of the week's sessions were with a returning writer, and how many of those had the
/// same lead tutor as the writer's session before. The previous lead comes from the per-writer
/// index alone (migration 0003), once per session.
pub fn repeat_pairing(conn: &Connection, days: Days) -> Result<RepeatPairing> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.lead_tutor_id,
                (SELECT p.lead_tutor_id FROM sessions p
                  WHERE p.student_id = s.student_id AND p.deleted_at IS NULL
                    AND (p.day, p.started_at, p.id) < (s.day, s.started_at, s.id)
                  ORDER BY p.day DESC, p.started_at DESC, p.id DESC LIMIT 1)
         FROM sessions s WHERE s.deleted_at IS NULL AND s.day >= ?1 AND s.day < ?2",
    )?;
    let (mut returning_sessions, mut same_tutor) = (0, 0);
    let mut rows = stmt.query(params![days.first, days.end])?;
    while let Some(row) = rows.next()? {
        let (lead, previous_lead): (Option<i64>, Option<i64>) = (row.get(0)?, row.get(1)?);
        if previous_lead.is_some() {
            returning_sessions += 1;
            same_tutor += i64::from(lead == previous_lead);
        }
    }
    let rate = (returning_sessions > 0).then(|| round1(100.0 * same_tutor as f64 / returning_sessions as f64));
    Ok(RepeatPairing { returning_sessions, same_tutor, rate })
}

/// Everything the dashboard shows for the week containing `date`.
pub fn dashboard(conn: &Connection, date: NaiveDate) -> Result<Dashboard> {
    let settings = settings::stats_settings(conn)?;
    let first = week_start(date, settings.week_start_day);
    let week = Days::week(first);
    let year = settings.school_year(date);
    let small_count = settings::suppression_threshold(conn)?;
    Ok(Dashboard {
        week_start: clock::date_of_day(first).to_string(),
        week_end: clock::date_of_day(first + 6).to_string(),
        this_week: figures(conn, week)?,
        previous_week: figures(conn, Days::week(first - 7))?,
        last_year: figures(conn, Days::week(first - 364))?,
        trend: trend(conn, first)?,
        breakdowns: breakdowns(conn, week)?,
        heatmap: heatmap(conn, week, &settings)?,
        school_year_start: clock::date_of_day(year.first).to_string(),
        grades_served: grades_served(conn, Days { first: year.first, end: week.end.min(year.end) }, &settings)?,
        repeat_pairing: repeat_pairing(conn, week)?,
        appointments: appointment_stats::by_week(conn, first - 7 * (TREND_WEEKS - 1), TREND_WEEKS)?,
        referrals: referrals::followed_by_teacher(conn, Days { first: year.first, end: week.end.min(year.end) })?,
        events: event_stats(
            conn,
            first - 7 * (TREND_WEEKS - 1),
            TREND_WEEKS,
            Days { first: year.first, end: week.end.min(year.end) },
        )?,
        feedback: feedback::tallies(conn, Days { first: year.first, end: week.end.min(year.end) }, small_count)?,
        small_count,
    })
}
