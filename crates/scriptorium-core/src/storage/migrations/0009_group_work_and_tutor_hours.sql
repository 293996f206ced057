-- Group work and the tutors' own record: class visits, workshops and presentations; tutor
-- hours beyond shifts, approved by the director; and writers' anonymous feedback, kept only as
-- weekly counts so no answer can be joined back to a writer or a session.

CREATE TABLE group_events (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('class_visit', 'workshop', 'presentation', 'other')),
    day            INTEGER NOT NULL,
    start_minute   INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute     INTEGER NOT NULL CHECK (end_minute > start_minute AND end_minute <= 1440),
    teacher_id     INTEGER REFERENCES teachers(id),
    course         TEXT NOT NULL DEFAULT '',
    period         TEXT NOT NULL DEFAULT '',
    topic          TEXT NOT NULL,
    headcount      INTEGER NOT NULL CHECK (headcount BETWEEN 1 AND 2000),
    institution_id INTEGER REFERENCES institutions(id),
    notes          TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
) STRICT;
CREATE INDEX group_events_by_day ON group_events(day) WHERE deleted_at IS NULL;

-- The tutors who led an event, lead first.
CREATE TABLE group_event_tutors (
    event_id INTEGER NOT NULL REFERENCES group_events(id),
    position INTEGER NOT NULL,
    tutor_id INTEGER NOT NULL REFERENCES tutors(id),
    PRIMARY KEY (event_id, position),
    UNIQUE (event_id, tutor_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX group_event_tutors_by_tutor ON group_event_tutors(tutor_id);

-- Service beyond shifts. A tutor's own entry waits for the director (approved_at NULL); the
-- director's entries, and the hours an event gives the tutors who led it, are approved as made.
CREATE TABLE tutor_hours (
    id          INTEGER PRIMARY KEY,
    tutor_id    INTEGER NOT NULL REFERENCES tutors(id),
    day         INTEGER NOT NULL,
    minutes     INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
    kind        TEXT NOT NULL CHECK (kind IN ('training', 'workshop', 'class_visit', 'outreach')),
    description TEXT NOT NULL,
    event_id    INTEGER REFERENCES group_events(id),
    entered_by  TEXT NOT NULL CHECK (entered_by IN ('front desk', 'director')),
    approved_at TEXT,
    created_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE INDEX tutor_hours_by_tutor ON tutor_hours(tutor_id, day) WHERE deleted_at IS NULL;
CREATE INDEX tutor_hours_by_event ON tutor_hours(event_id) WHERE event_id IS NOT NULL;

-- Writers' answers, as counts per ISO week, question and answer: no row per answer, no time,
-- no writer and no session.
CREATE TABLE writer_feedback_counts (
    iso_week  INTEGER NOT NULL,
    question  TEXT NOT NULL,
    answer    TEXT NOT NULL,
    responses INTEGER NOT NULL CHECK (responses > 0),
    PRIMARY KEY (iso_week, question, answer)
) STRICT, WITHOUT ROWID;
