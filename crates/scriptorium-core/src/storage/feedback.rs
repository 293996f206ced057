//! Writers' feedback, given on the desk's screen after a session. An answer only adds one to a
//! count for its ISO week, question and answer: nothing records who answered, which session it
//! followed, or when within the week, so no answer can be joined back to a writer. The director
//! can turn the screen off; the statistics show the counts with small ones suppressed.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};

use super::settings;
use crate::clock::{self, Days};
use crate::error::{Error, Result};
use crate::vocabulary::FEEDBACK_QUESTIONS;

const ASKED: &str = "writer_feedback";

/// Whether the desk offers the feedback screen after a session (on unless turned off).
pub fn asked(conn: &Connection) -> Result<bool> {
    Ok(settings::get(conn, ASKED)?.as_deref() != Some("off"))
}

pub fn set_asked(conn: &Connection, asked: bool) -> Result<()> {
    settings::set(conn, ASKED, if asked { "on" } else { "off" })
}

/// One writer's answers: question key → answer, any question left out.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Answers(pub BTreeMap<String, String>);

/// Adds the answers to this week's counts. Every answer is checked first: all count, or none.
pub fn record(tx: &Transaction, answers: &Answers, now: NaiveDateTime) -> Result<()> {
    if !asked(tx)? {
        return Err(Error::Conflict("Feedback is turned off in Settings.".into()));
    }
    if answers.0.is_empty() {
        return Err(Error::Invalid("No answer was chosen.".into()));
    }
    for (key, answer) in &answers.0 {
        let question = FEEDBACK_QUESTIONS
            .iter()
            .find(|q| q.key == key)
            .ok_or_else(|| Error::Invalid(format!("There is no question \"{key}\".")))?;
        if !question.answers.contains(&answer.as_str()) {
            return Err(Error::Invalid(format!("\"{answer}\" is not an answer to \"{}\".", question.text)));
        }
    }
    let week = clock::iso_week_key(now.date());
    for (key, answer) in &answers.0 {
        tx.execute(
            "INSERT INTO writer_feedback_counts (iso_week, question, answer, responses) VALUES (?1, ?2, ?3, 1)
             ON CONFLICT (iso_week, question, answer) DO UPDATE SET responses = responses + 1",
            params![week, key, answer],
        )?;
    }
    Ok(())
}

/// One question's answers over a range, as shown: each count, or None where it is under the
/// threshold (or would give one away: when a single count is hidden, the next smallest is too).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionTally {
    pub key: &'static str,
    pub text: &'static str,
    pub answers: Vec<(&'static str, Option<i64>)>,
    /// How many answered it, or None under the threshold.
    pub responses: Option<i64>,
}

/// The answers over these days' ISO weeks, with small counts suppressed.
pub fn tallies(conn: &Connection, days: Days, threshold: i64) -> Result<Vec<QuestionTally>> {
    let (first, last) = (clock::date_of_day(days.first), clock::date_of_day(days.end - 1));
    let (from_week, to_week) = (clock::iso_week_key(first), clock::iso_week_key(last));
    let mut counts: BTreeMap<(String, String), i64> = BTreeMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT question, answer, sum(responses) FROM writer_feedback_counts
         WHERE iso_week BETWEEN ?1 AND ?2 GROUP BY question, answer",
    )?;
    for row in stmt.query_map([from_week, to_week], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))? {
        let (question, answer, count): (String, String, i64) = row?;
        counts.insert((question, answer), count);
    }
    Ok(FEEDBACK_QUESTIONS
        .iter()
        .map(|question| {
            let values: Vec<i64> = question
                .answers
                .iter()
                .map(|a| counts.get(&(question.key.to_owned(), (*a).to_owned())).copied().unwrap_or(0))
                .collect();
            let total: i64 = values.iter().sum();
            let hidden = hidden(&values, total, threshold);
            QuestionTally {
                key: question.key,
                text: question.text,
                answers: question
                    .answers
                    .iter()
                    .zip(values.iter().zip(&hidden))
                    .map(|(a, (v, h))| (*a, (!h).then_some(*v)))
                    .collect(),
                responses: (total >= threshold).then_some(total),
            }
        })
        .collect())
}

/// Which answers' counts are hidden: those under the threshold (zero is shown: it names nobody),
/// every one when the total is, and a second one when only one would be (the total would give
/// it away).
fn hidden(values: &[i64], total: i64, threshold: i64) -> Vec<bool> {
    if total < threshold {
        return vec![true; values.len()];
    }
    let mut hidden: Vec<bool> = values.iter().map(|v| *v > 0 && *v < threshold).collect();
    if hidden.iter().filter(|h| **h).count() == 1 {
        let next = values.iter().enumerate().filter(|(i, _)| !hidden[*i]).min_by_key(|(_, v)| **v).map(|(i, _)| i);
        if let Some(i) = next {
            hidden[i] = true;
        }
    }
    hidden
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_small_count_takes_the_next_smallest_with_it() {
        assert_eq!(hidden(&[20, 3, 12], 35, 10), [false, true, true]);
        assert_eq!(hidden(&[20, 3, 4], 27, 10), [false, true, true]);
        assert_eq!(hidden(&[20, 0, 15], 35, 10), [false, false, false], "nobody answered: nothing to hide");
        assert_eq!(hidden(&[5, 3, 0], 8, 10), [true, true, true], "fewer answers than k: all hidden");
    }
}
