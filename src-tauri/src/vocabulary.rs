//! The fixed lists a session is logged with. Keeping them fixed (not free text) is what makes
//! the weekly statistics and partner reports comparable week to week.

use serde::Serialize;

pub const MODES: &[&str] = &["in_person", "online"];

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

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Vocabulary {
    pub modes: &'static [&'static str],
    pub assignment_types: &'static [&'static str],
    pub writing_stages: &'static [&'static str],
    pub concerns: &'static [&'static str],
}

pub const VOCABULARY: Vocabulary =
    Vocabulary { modes: MODES, assignment_types: ASSIGNMENT_TYPES, writing_stages: WRITING_STAGES, concerns: CONCERNS };
