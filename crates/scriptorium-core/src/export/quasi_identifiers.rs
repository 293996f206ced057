//! What an outsider could know about a session, declared once. A partner's own tutor knows the
//! week, grade and length of the sessions they sat in, what the assignment was and which stage
//! the writer was at; anyone may know the school's departments and modes. Every de-identified
//! row file is k-anonymous over exactly these: no row shares its published values with fewer
//! than k others (k is the small-count threshold).
//!
//! A session's values are kept as small numbers, `ANY` where a generalization step has removed
//! one, so a row's published values pack into one `u64` for counting.

use crate::vocabulary::{SessionMode, TutorKind, ASSIGNMENT_TYPES, WRITING_STAGES};

/// The quasi-identifiers, in the row file's column order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuasiIdentifier {
    /// Published as the ISO week, never the date: one week's rows are judged together.
    Week,
    Grade,
    Minutes,
    Mode,
    Department,
    AssignmentType,
    WritingStage,
    TutorKinds,
    PartnerTutor,
}

impl QuasiIdentifier {
    pub const ALL: [QuasiIdentifier; 9] = [
        QuasiIdentifier::Week,
        QuasiIdentifier::Grade,
        QuasiIdentifier::Minutes,
        QuasiIdentifier::Mode,
        QuasiIdentifier::Department,
        QuasiIdentifier::AssignmentType,
        QuasiIdentifier::WritingStage,
        QuasiIdentifier::TutorKinds,
        QuasiIdentifier::PartnerTutor,
    ];

    /// The column that publishes it.
    pub fn column(self) -> &'static str {
        match self {
            QuasiIdentifier::Week => "ISO week",
            QuasiIdentifier::Grade => "Grade",
            QuasiIdentifier::Minutes => "Minutes",
            QuasiIdentifier::Mode => "Mode",
            QuasiIdentifier::Department => "Department",
            QuasiIdentifier::AssignmentType => "Assignment type",
            QuasiIdentifier::WritingStage => "Stage of the writing process",
            QuasiIdentifier::TutorKinds => "Tutor kind",
            QuasiIdentifier::PartnerTutor => "Tutor from this partner",
        }
    }
}

/// What a cell reads when a generalization step removed its value.
pub const ANY_TEXT: &str = "Any";

/// A value removed by a generalization step.
pub const ANY: u8 = u8::MAX;

/// Lengths are always published as one of these bands (upper bounds in minutes, inclusive).
pub const MINUTE_BANDS: [(i64, &str); 5] =
    [(15, "15 or less"), (30, "16-30"), (45, "31-45"), (60, "46-60"), (i64::MAX, "More than 60")];

/// Grades kept in bands by the first step: grade → the band's code.
const GRADE_BANDS: [(std::ops::RangeInclusive<u8>, u8, &str); 3] =
    [(6..=8, 100, "6-8"), (9..=10, 101, "9-10"), (11..=12, 102, "11-12")];

/// The generalization steps, tried in this order: a row is published at the first level (no
/// step, then each step added to the ones before) where its class has at least k rows, and
/// withheld if even the last leaves it smaller. Ordered from what a partner's research loses
/// least by to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    GradeBands,
    AnyAssignment,
    AnyStage,
    AnyDepartment,
    AnyTutor,
    AnyLengthOrMode,
}

impl Step {
    /// Coarsens `quasi` by this step.
    pub fn apply(self, quasi: &mut Quasi) {
        match self {
            Step::GradeBands => {
                if let Some((_, code, _)) = GRADE_BANDS.iter().find(|(grades, _, _)| grades.contains(&quasi.grade)) {
                    quasi.grade = *code;
                }
            }
            Step::AnyAssignment => quasi.assignment = ANY,
            Step::AnyStage => quasi.stage = ANY,
            Step::AnyDepartment => quasi.department = ANY,
            Step::AnyTutor => {
                quasi.tutor_kinds = ANY;
                quasi.partner_tutor = ANY;
            }
            Step::AnyLengthOrMode => {
                quasi.minutes = ANY;
                quasi.mode = ANY;
            }
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Step::GradeBands => "grades in bands (9-10, 11-12)",
            Step::AnyAssignment => "assignment type left out",
            Step::AnyStage => "stage of the writing process left out",
            Step::AnyDepartment => "department left out",
            Step::AnyTutor => "tutor kind and partner tutor left out",
            Step::AnyLengthOrMode => "length and mode left out",
        }
    }
}

pub const STEPS: [Step; 6] =
    [Step::GradeBands, Step::AnyAssignment, Step::AnyStage, Step::AnyDepartment, Step::AnyTutor, Step::AnyLengthOrMode];

/// A session's quasi-identifiers other than the week, as small numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Quasi {
    /// 0 unrecorded, the grade, a band's code, or `ANY`.
    pub grade: u8,
    /// Index into `MINUTE_BANDS`.
    pub minutes: u8,
    /// Index into `SessionMode::ALL`.
    pub mode: u8,
    /// Index into the export's department list.
    pub department: u8,
    /// Index into `ASSIGNMENT_TYPES`, its length for none.
    pub assignment: u8,
    /// Index into `WRITING_STAGES`, its length for none.
    pub stage: u8,
    /// Number of the tutor-kind combination, as the export numbers them.
    pub tutor_kinds: u8,
    /// 0 or 1.
    pub partner_tutor: u8,
}

impl Quasi {
    /// The values at `level`: the first `level` steps applied.
    pub fn at_level(mut self, level: usize) -> Quasi {
        for step in &STEPS[..level] {
            step.apply(&mut self);
        }
        self
    }

    /// The values packed into one number, for counting a week's classes.
    pub fn key(self) -> u64 {
        let bytes = [
            self.grade,
            self.minutes,
            self.mode,
            self.department,
            self.assignment,
            self.stage,
            self.tutor_kinds,
            self.partner_tutor,
        ];
        u64::from_le_bytes(bytes)
    }
}

pub fn minutes_band(minutes: i64) -> u8 {
    MINUTE_BANDS.iter().position(|(most, _)| minutes <= *most).unwrap_or(MINUTE_BANDS.len() - 1) as u8
}

/// A recorded grade (the app takes 6 to 12), 0 when there is none.
pub fn grade_number(grade: Option<i64>) -> u8 {
    grade.and_then(|g| u8::try_from(g).ok()).filter(|g| (1..=12).contains(g)).unwrap_or(0)
}

pub fn grade_text(grade: u8) -> &'static str {
    const GRADES: [&str; 13] = ["", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"];
    match grade {
        ANY => ANY_TEXT,
        g => GRADE_BANDS
            .iter()
            .find(|(_, code, _)| *code == g)
            .map_or_else(|| GRADES.get(g as usize).copied().unwrap_or(""), |(_, _, band)| *band),
    }
}

pub fn minutes_text(band: u8) -> &'static str {
    if band == ANY {
        ANY_TEXT
    } else {
        MINUTE_BANDS[band as usize].1
    }
}

pub fn mode_text(mode: u8) -> &'static str {
    if mode == ANY {
        ANY_TEXT
    } else {
        SessionMode::ALL[mode as usize].label()
    }
}

/// An entry of a fixed list (assignment types, stages), "" for none.
pub fn listed_text(list: &'static [&'static str], index: u8) -> &'static str {
    if index == ANY {
        ANY_TEXT
    } else {
        list.get(index as usize).copied().unwrap_or("")
    }
}

pub fn listed_index(list: &[&str], value: &str) -> u8 {
    list.iter().position(|entry| *entry == value).unwrap_or(list.len()) as u8
}

pub fn assignment_text(index: u8) -> &'static str {
    listed_text(ASSIGNMENT_TYPES, index)
}

pub fn stage_text(index: u8) -> &'static str {
    listed_text(WRITING_STAGES, index)
}

/// Tutor kinds published for a session: the lead's, then the second tutor's, numbered by kind
/// (not by tutor), so every name is known before reading.
pub fn tutor_kinds_number(lead: Option<TutorKind>, second: Option<TutorKind>) -> u8 {
    let number =
        |kind: Option<TutorKind>| kind.map_or(0, |k| 1 + TutorKind::ALL.iter().position(|t| *t == k).unwrap_or(0));
    (number(lead) * (TutorKind::ALL.len() + 1) + number(second)) as u8
}

/// The published text of a tutor-kind number (`tutor_kinds_number`).
pub fn tutor_kinds_name(number: u8) -> String {
    let per_lead = TutorKind::ALL.len() + 1;
    let kind = |n: usize| (n > 0).then(|| TutorKind::ALL[n - 1].label());
    let (lead, second) = (kind(number as usize / per_lead), kind(number as usize % per_lead));
    lead.into_iter().chain(second).collect::<Vec<_>>().join(" + ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_fall_in_bands_and_grades_in_grade_bands() {
        assert_eq!([0, 15, 16, 30, 31, 60, 61, 240].map(minutes_band), [0, 0, 1, 1, 2, 3, 4, 4]);
        let quasi = |grade| Quasi {
            grade,
            minutes: 0,
            mode: 0,
            department: 0,
            assignment: 0,
            stage: 0,
            tutor_kinds: 0,
            partner_tutor: 0,
        };
        assert_eq!(grade_text(quasi(9).at_level(1).grade), "9-10");
        assert_eq!(grade_text(quasi(12).at_level(1).grade), "11-12");
        assert_eq!(grade_text(quasi(0).at_level(1).grade), "", "an unrecorded grade stays unrecorded");
        assert_eq!(grade_text(quasi(9).at_level(0).grade), "9");
        let last = quasi(9).at_level(STEPS.len());
        assert_eq!(
            (last.assignment, last.stage, last.department, last.tutor_kinds, last.minutes, last.mode),
            (ANY, ANY, ANY, ANY, ANY, ANY)
        );
    }

    #[test]
    fn every_level_is_told_apart_from_the_others_by_its_published_values() {
        // A class never mixes levels: each step removes a value no lower level shows as removed.
        let quasi = Quasi {
            grade: 10,
            minutes: 1,
            mode: 0,
            department: 2,
            assignment: 3,
            stage: 4,
            tutor_kinds: 0,
            partner_tutor: 0,
        };
        let keys: std::collections::HashSet<_> = (0..=STEPS.len()).map(|level| quasi.at_level(level).key()).collect();
        assert_eq!(keys.len(), STEPS.len() + 1);
    }
}
