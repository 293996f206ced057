//! The Table Schema of each partner report, built from the same headers and vocabulary the
//! reports are written with, so a renamed column or a new label changes both at once (and the
//! package test fails if they ever disagree). Each takes what its report returned, as
//! `data_package::save` hands it over.

use rusqlite::Connection;
use serde_json::json;

use super::csv_file::guard;
use super::data_package::{Described, Document, Field, FieldType, Table};
use super::deidentified_sessions::{self, DeidentifiedFile};
use super::quasi_identifiers::{self as qi, QuasiIdentifier, ANY_TEXT, MINUTE_BANDS, STEPS};
use super::reports::{Exported, ACTIVITY_HEADER, SERVICE_HOURS_HEADER};
use super::weekly_summary::{self, SUPPRESSED};
use crate::error::Result;
use crate::storage::{departments, settings};
use crate::vocabulary::{ActivityKind, Direction, SessionMode, TutorKind, ASSIGNMENT_TYPES, WRITING_STAGES};

const ISO_WEEK: &str = r"^[0-9]{4}-W[0-9]{2}$";

/// A column that is one of `values` or the generalization marker.
fn or_any<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    values.into_iter().map(str::to_owned).chain([ANY_TEXT.to_owned()]).collect()
}

pub fn activities(_: &Connection, _: &Exported) -> Result<Described> {
    let [date, partner, contact, kind, direction, hours, people, notes, follow_up] = ACTIVITY_HEADER;
    Ok((
        Table {
            name: "partnership-activities",
            title: "Partnership activities".into(),
            description:
                "The activity log with one partner, both directions, oldest first. The partner's own people are named."
                    .into(),
            fields: vec![
                Field::new(date, FieldType::Date, "The day of the activity.").required(),
                Field::new(partner, FieldType::String, "The partner institution.").required(),
                Field::new(contact, FieldType::String, "The partner's contact person, if one was involved."),
                Field::new(kind, FieldType::String, "What the activity was.")
                    .required()
                    .one_of(ActivityKind::ALL.iter().map(|k| k.label())),
                Field::new(direction, FieldType::String, "Who gave to whom.")
                    .required()
                    .one_of(Direction::ALL.iter().map(|d| d.label())),
                Field::new(hours, FieldType::Number, "Hours spent.").required().between(0, None),
                Field::new(people, FieldType::String, "Who took part."),
                Field::new(notes, FieldType::String, "The director's notes."),
                Field::new(follow_up, FieldType::String, "What was agreed to do next."),
            ],
            missing_values: vec![""],
            disclosure: None,
        },
        Vec::new(),
    ))
}

pub fn service_hours(_: &Connection, _: &Exported) -> Result<Described> {
    let [tutor, kind, institution, shifts, shift_hours, auto_closed, sessions, session_hours, training, workshops, class_visits, outreach] =
        SERVICE_HOURS_HEADER;
    Ok((
        Table {
            name: "tutor-service-hours",
            title: "Tutor service hours".into(),
            description: "Shifts, sessions, hours, and approved hours beyond shifts per tutor. Tutors are named: they are the partner's own people \
                      (and the school's peer tutors when the director chose to list them). The last row, \
                      Tutor = \"Total\", sums the others."
                .into(),
            fields: vec![
                Field::new(tutor, FieldType::String, "The tutor, or \"Total\" on the last row.").required(),
                Field::new(kind, FieldType::String, "The tutor's kind (empty on the total row).")
                    .one_of(TutorKind::ALL.iter().map(|k| k.label())),
                Field::new(institution, FieldType::String, "The tutor's institution, or \"This school\"."),
                Field::new(shifts, FieldType::Integer, "Shifts worked.").required().between(0, None),
                Field::new(shift_hours, FieldType::Number, "Hours on shift, two decimals.").required().between(0, None),
                Field::new(auto_closed, FieldType::Integer, "Shifts nobody clocked out of, closed at closing time.")
                    .required()
                    .between(0, None),
                Field::new(sessions, FieldType::Integer, "Sessions led or shared.").required().between(0, None),
                Field::new(session_hours, FieldType::Number, "Hours in sessions, two decimals.")
                    .required()
                    .between(0, None),
                Field::new(training, FieldType::Number, "Approved hours of training.").required().between(0, None),
                Field::new(workshops, FieldType::Number, "Approved hours leading workshops.").required().between(0, None),
                Field::new(class_visits, FieldType::Number, "Approved hours of class visits.").required().between(0, None),
                Field::new(outreach, FieldType::Number, "Approved hours of outreach.").required().between(0, None),
            ],
            missing_values: vec![""],
            disclosure: None,
        },
        Vec::new(),
    ))
}

pub fn weekly_summary(conn: &Connection, _: &Exported) -> Result<Described> {
    let threshold = settings::suppression_threshold(conn)?;
    let header = weekly_summary::header();
    let (week, counts) = header.split_first().expect("the summary has a week column");
    let mut fields =
        vec![Field::new(week, FieldType::String, "The ISO week, e.g. 2026-W36.").required().matching(ISO_WEEK)];
    fields.extend(counts.iter().map(|column| {
        Field::new(column, FieldType::Integer, format!("A count for the week; \"{SUPPRESSED}\" where it is hidden."))
            .between(0, None)
    }));
    let table = Table {
        name: "weekly-summary",
        title: "Weekly summary".into(),
        description: "Counts per ISO week of the writing center's sessions, with small counts suppressed.".into(),
        fields,
        missing_values: vec!["", SUPPRESSED],
        disclosure: Some(json!({
            "threshold": threshold,
            "suppressedMarker": SUPPRESSED,
            "rules": [
                format!("A count under {threshold} reads \"{SUPPRESSED}\"."),
                "So does any other count of the week from which a suppressed one could be worked out through the week's sums.",
                "Each week is decided from its own sessions only, and files cover whole weeks that have ended: two files show the same rows for the weeks they share.",
                "There is no total over the range.",
            ],
        })),
    };
    Ok((table, Vec::new()))
}

pub fn deidentified_sessions(conn: &Connection, file: &DeidentifiedFile) -> Result<Described> {
    let header = deidentified_sessions::header();
    let (code, rest) = header.split_first().expect("the file has a writer code column");
    let (quasi, outcomes) = rest.split_at(QuasiIdentifier::ALL.len());
    let departments: Vec<String> = departments::partner_file_names(conn)?
        .into_iter()
        .filter(|d| !d.is_empty())
        .map(|d| guard(&d).into_owned())
        .collect();
    let tutor_kinds: Vec<String> = (0..(TutorKind::ALL.len() + 1).pow(2))
        .map(|n| qi::tutor_kinds_name(n as u8))
        .filter(|name| !name.is_empty())
        .collect();
    let grades: Vec<&str> = (6..=12).chain(100..=102).map(qi::grade_text).collect();
    let mut fields = vec![Field::new(
        *code,
        FieldType::String,
        "A code for the writer: the same writer has the same code within the file (and across files when the disclosure says so).",
    )
    .required()
    .matching(r"^W-[0-9A-F]{12}$")];
    for (quasi, column) in QuasiIdentifier::ALL.into_iter().zip(quasi) {
        let field = |kind, description: &str| Field::new(*column, kind, description);
        fields.push(match quasi {
            QuasiIdentifier::Week => {
                field(FieldType::String, "The ISO week of the session.").required().matching(ISO_WEEK)
            }
            QuasiIdentifier::Grade => {
                field(FieldType::String, "The writer's grade, a band of grades, or Any; empty when unrecorded.")
                    .one_of(or_any(grades.iter().copied()))
            }
            QuasiIdentifier::Minutes => field(FieldType::String, "The session's length in minutes, as a band.")
                .required()
                .one_of(or_any(MINUTE_BANDS.iter().map(|(_, band)| *band))),
            QuasiIdentifier::Mode => field(FieldType::String, "How the session was held.")
                .required()
                .one_of(or_any(SessionMode::ALL.iter().map(|m| m.label()))),
            QuasiIdentifier::Department => {
                field(FieldType::String, "The course's department; empty when none was given.")
                    .one_of(or_any(departments.iter().map(String::as_str)))
            }
            QuasiIdentifier::AssignmentType => {
                field(FieldType::String, "The kind of assignment; empty when unrecorded.")
                    .one_of(or_any(ASSIGNMENT_TYPES.iter().copied()))
            }
            QuasiIdentifier::WritingStage => {
                field(FieldType::String, "Where the writer was in the writing process; empty when unrecorded.")
                    .one_of(or_any(WRITING_STAGES.iter().copied()))
            }
            QuasiIdentifier::TutorKinds => {
                field(FieldType::String, "The lead tutor's kind, and the second tutor's after \" + \".")
                    .one_of(or_any(tutor_kinds.iter().map(String::as_str)))
            }
            QuasiIdentifier::PartnerTutor => {
                field(FieldType::String, "Whether one of this partner's tutors took part.")
                    .required()
                    .one_of(["Yes", "No", ANY_TEXT])
            }
        });
    }
    fields.extend(outcomes.iter().map(|column| {
        Field::new(*column, FieldType::Integer, "The writer's own rating, 1 to 5; empty when not asked.")
            .between(1, Some(5))
    }));
    let d = &file.disclosure;
    let table = Table {
        name: "sessions-deidentified",
        title: "De-identified sessions".into(),
        description: format!(
            "One row per session, {} to {}. See the README for what was done to the file.",
            d.first_week, d.last_week
        ),
        fields,
        missing_values: vec![""],
        disclosure: Some(json!({
            "k": d.threshold,
            "rule": format!("No row shares its values of the quasi-identifiers with fewer than {} sessions.", d.threshold),
            "quasiIdentifiers": QuasiIdentifier::ALL.map(QuasiIdentifier::column),
            "generalizedMarker": ANY_TEXT,
            "generalizationSteps": STEPS.map(|step| step.label()),
            "weeks": { "first": d.first_week, "last": d.last_week, "from": d.from, "through": d.through },
            "rows": {
                "sessions": d.sessions,
                "asRecorded": d.as_recorded,
                "generalized": d.generalized,
                "withheld": d.withheld,
            },
            "writerCodes": match &d.stable_codes_under {
                Some(agreement) => format!("The same in every file for this partner, under the data-sharing agreement of {}.", agreement.signed_on),
                None => "Within this file only: every file gets new codes.".to_owned(),
            },
        })),
    };
    let readme = Document { name: "readme", path: file.readme.clone().into(), title: "What was done to the file" };
    Ok((table, vec![readme]))
}
