//! The app's fixed vocabulary. Kinds, modes and statuses are enums whose stored name and human
//! label are written here once; the window asks for them through the `vocabulary` command and
//! repeats none. The lists a session is logged with stay fixed (not free text) so the weekly
//! statistics and partner reports are comparable week to week.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::Serialize;

use crate::error::{Error, Result};

/// One term as the window shows it: the stored value and its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Term {
    pub value: &'static str,
    pub label: &'static str,
}

/// An enum whose variants are stored as text: `Name { Variant = "stored" : "Label", … }`.
macro_rules! stored_terms {
    ($(#[$doc:meta])* $name:ident, $what:literal { $($variant:ident = $stored:literal : $label:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name kept in the database and passed to and from the window.
            pub fn stored(self) -> &'static str {
                match self { $($name::$variant => $stored),+ }
            }

            /// The name a person reads.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn from_stored(stored: &str) -> Option<$name> {
                match stored { $($stored => Some($name::$variant),)+ _ => None }
            }

            /// A value from the window or a file, refused with the list of what is allowed.
            pub fn parse(value: &str) -> Result<$name> {
                let value = value.trim();
                $name::from_stored(value).ok_or_else(|| {
                    let allowed: Vec<&str> = $name::ALL.iter().map(|t| t.stored()).collect();
                    Error::Invalid(format!("{} must be one of: {} (not \"{value}\").", $what, allowed.join(", ")))
                })
            }

            pub fn terms() -> Vec<Term> {
                $name::ALL.iter().map(|t| Term { value: t.stored(), label: t.label() }).collect()
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.stored())
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.stored()))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<$name> {
                let text = value.as_str()?;
                $name::from_stored(text).ok_or_else(|| FromSqlError::Other(format!("unknown {} \"{text}\"", $what).into()))
            }
        }
    };
}

stored_terms!(
    /// Who a tutor is: the school's own peer tutors, or a partner's people, or staff.
    TutorKind, "Tutor kind" {
        Peer = "peer" : "Peer tutor",
        University = "university" : "University tutor",
        Preservice = "preservice" : "Preservice teacher",
        Staff = "staff" : "Staff",
    }
);

stored_terms!(
    SessionMode, "Mode" {
        InPerson = "in_person" : "In person",
        Online = "online" : "Online",
    }
);

stored_terms!(
    /// Where a visit stands: waiting, with a tutor, seen (a session logged) or left unseen.
    VisitStatus, "Visit status" {
        Waiting = "waiting" : "Waiting",
        InSession = "in_session" : "In a session",
        Done = "done" : "Seen",
        Left = "left" : "Left unseen",
    }
);

stored_terms!(
    /// Where an appointment stands. Scheduled, checked in and in a session are still to come;
    /// the rest are final.
    AppointmentStatus, "Appointment status" {
        Scheduled = "scheduled" : "Scheduled",
        CheckedIn = "checked_in" : "Checked in",
        InSession = "in_session" : "In a session",
        Completed = "completed" : "Completed",
        Cancelled = "cancelled" : "Cancelled",
        CancelledLate = "cancelled_late" : "Cancelled late",
        Missed = "missed" : "Missed",
        CancelledByTutor = "cancelled_by_tutor" : "Cancelled by the tutor",
    }
);

stored_terms!(
    /// A writer waiting for a time to free on a day.
    WaitlistStatus, "Waitlist status" {
        Waiting = "waiting" : "Waiting",
        Served = "served" : "Booked or signed in",
        Withdrawn = "withdrawn" : "Withdrawn",
    }
);

stored_terms!(
    PartnerKind, "Institution kind" {
        UniversityWritingCenter = "university_writing_center" : "University writing center",
        SecondarySchool = "secondary_school" : "Secondary school",
        TeacherPreparationProgram = "teacher_preparation_program" : "Teacher preparation program",
        NationalWritingProjectSite = "national_writing_project_site" : "National Writing Project site",
        ProfessionalOrganization = "professional_organization" : "Professional organization",
    }
);

stored_terms!(
    ActivityKind, "Activity kind" {
        Visit = "visit" : "Visit",
        TutorTraining = "tutor_training" : "Tutor training",
        FieldTrip = "field_trip" : "Field trip",
        MentoringMeeting = "mentoring_meeting" : "Mentoring meeting",
        PreservicePlacement = "preservice_placement" : "Preservice teacher placement",
        ResourceShared = "resource_shared" : "Resource shared",
        Grant = "grant" : "Grant",
        ConferencePresentation = "conference_presentation" : "Conference presentation",
        Other = "other" : "Other",
    }
);

stored_terms!(
    /// The partnership runs both ways: what the school gave, and what it received.
    Direction, "Direction" {
        Given = "given" : "Given to the partner",
        Received = "received" : "Received from the partner",
    }
);

stored_terms!(
    /// What an audit line records.
    AuditAction, "Audit action" {
        Create = "create" : "Created",
        Update = "update" : "Changed",
        Delete = "delete" : "Deleted",
        Export = "export" : "Exported",
        Backup = "backup" : "Backed up to another place",
        Restore = "restore" : "Restored from a backup",
        Unlock = "unlock" : "Unlocked the director area",
        UnlockFailed = "unlock_failed" : "Wrong director PIN",
        PinChange = "pin_change" : "Director PIN set or changed",
        PrepareForTeacher = "prepare_for_teacher" : "Prepared for a teacher",
    }
);

stored_terms!(
    /// What the writer agreed a teacher may hear about a session. Tutors' notes are never shared.
    ConsentLevel, "Sharing with the teacher" {
        NotShared = "not_shared" : "Not shared",
        Attendance = "attendance" : "Attendance only (date, time, length)",
        AttendanceSummary = "attendance_summary" : "Attendance, summary and next steps",
    }
);

stored_terms!(
    /// Work with a group rather than one writer.
    EventKind, "Event kind" {
        ClassVisit = "class_visit" : "Class visit",
        Workshop = "workshop" : "Workshop",
        Presentation = "presentation" : "Presentation",
        Other = "other" : "Other",
    }
);

stored_terms!(
    /// A tutor's service beyond shifts at the desk.
    TutorHoursKind, "Kind of hours" {
        Training = "training" : "Training",
        Workshop = "workshop" : "Workshop led",
        ClassVisit = "class_visit" : "Class visit",
        Outreach = "outreach" : "Outreach",
    }
);

/// The questions a writer answers on the desk's screen after a session, each with its answers
/// (stored as written here).
pub const FEEDBACK_QUESTIONS: &[FeedbackQuestion] = &[
    FeedbackQuestion {
        key: "helpful",
        text: "Was this session helpful?",
        answers: &["Very helpful", "Somewhat", "Not really"],
    },
    FeedbackQuestion { key: "return", text: "Would you come back?", answers: &["Yes", "Maybe", "No"] },
    FeedbackQuestion {
        key: "helped_most",
        text: "What helped most?",
        answers: &[
            "Ideas",
            "Organization",
            "Evidence and sources",
            "Sentences and grammar",
            "Confidence",
            "Something else",
        ],
    },
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FeedbackQuestion {
    pub key: &'static str,
    pub text: &'static str,
    pub answers: &'static [&'static str],
}

pub const ASSIGNMENT_TYPES: &[&str] = &[
    "Argumentative essay",
    "Literary analysis",
    "Research paper",
    "Lab report",
    "Narrative or personal essay",
    "College application essay",
    "Scholarship application",
    "Creative writing",
    "Speech or presentation",
    "Resume or cover letter",
    "Timed writing practice",
    "Other",
];

pub const WRITING_STAGES: &[&str] = &[
    "Understanding the assignment",
    "Brainstorming",
    "Outlining or planning",
    "Drafting",
    "Revising",
    "Editing and proofreading",
    "Citing sources",
    "Reflecting on feedback",
];

pub const CONCERNS: &[&str] = &[
    "Thesis or claim",
    "Organization",
    "Evidence and analysis",
    "Paragraph development",
    "Introduction or conclusion",
    "Clarity and style",
    "Grammar and mechanics",
    "Citations",
    "Following the prompt",
    "Counterargument",
    "Voice",
    "Multilingual writer support",
    "Confidence and motivation",
];

/// Everything the window needs to show or pick a term.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Vocabulary {
    pub tutor_kinds: Vec<Term>,
    pub modes: Vec<Term>,
    pub visit_statuses: Vec<Term>,
    pub appointment_statuses: Vec<Term>,
    pub waitlist_statuses: Vec<Term>,
    pub consent_levels: Vec<Term>,
    pub partner_kinds: Vec<Term>,
    pub activity_kinds: Vec<Term>,
    pub directions: Vec<Term>,
    pub audit_actions: Vec<Term>,
    pub event_kinds: Vec<Term>,
    pub tutor_hours_kinds: Vec<Term>,
    pub feedback_questions: &'static [FeedbackQuestion],
    pub assignment_types: &'static [&'static str],
    pub writing_stages: &'static [&'static str],
    pub concerns: &'static [&'static str],
}

pub fn vocabulary() -> Vocabulary {
    Vocabulary {
        tutor_kinds: TutorKind::terms(),
        modes: SessionMode::terms(),
        visit_statuses: VisitStatus::terms(),
        appointment_statuses: AppointmentStatus::terms(),
        waitlist_statuses: WaitlistStatus::terms(),
        consent_levels: ConsentLevel::terms(),
        partner_kinds: PartnerKind::terms(),
        activity_kinds: ActivityKind::terms(),
        directions: Direction::terms(),
        audit_actions: AuditAction::terms(),
        event_kinds: EventKind::terms(),
        tutor_hours_kinds: TutorHoursKind::terms(),
        feedback_questions: FEEDBACK_QUESTIONS,
        assignment_types: ASSIGNMENT_TYPES,
        writing_stages: WRITING_STAGES,
        concerns: CONCERNS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_round_trips_through_its_stored_name() {
        for kind in TutorKind::ALL {
            assert_eq!(TutorKind::parse(kind.stored()).unwrap(), *kind);
        }
        for status in VisitStatus::ALL {
            assert_eq!(VisitStatus::from_stored(status.stored()), Some(*status));
        }
        assert_eq!(SessionMode::parse(" online ").unwrap(), SessionMode::Online);
    }

    #[test]
    fn an_unknown_value_is_refused_with_the_allowed_ones() {
        let err = TutorKind::parse("wizard").unwrap_err();
        assert_eq!(err.to_string(), "Tutor kind must be one of: peer, university, preservice, staff (not \"wizard\").");
    }

    #[test]
    fn terms_serialize_as_their_stored_names() {
        assert_eq!(serde_json::to_value(SessionMode::InPerson).unwrap(), "in_person");
        let json = serde_json::to_value(vocabulary()).unwrap();
        assert_eq!(json["tutorKinds"][0], serde_json::json!({"value": "peer", "label": "Peer tutor"}));
    }
}
