-- The whole writing-center domain, so later features extend it rather than redesign it.
-- Conventions: times are local wall-clock text 'YYYY-MM-DDTHH:MM:SS'; `day` columns are integer
-- day numbers (days since 1970-01-01, local date) and `iso_week` is YYYYWW, so reports group on
-- integers instead of strftime(). Booleans are 0/1. Rows that matter are soft-deleted.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE institutions (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    kind       TEXT NOT NULL CHECK (kind IN ('university_writing_center', 'secondary_school',
                   'teacher_preparation_program', 'national_writing_project_site', 'professional_organization')),
    notes      TEXT NOT NULL DEFAULT '',
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE contacts (
    id             INTEGER PRIMARY KEY,
    institution_id INTEGER NOT NULL REFERENCES institutions(id),
    name           TEXT NOT NULL,
    role           TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    notes          TEXT NOT NULL DEFAULT '',
    is_primary     INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
    next_follow_up_day INTEGER,
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX contacts_by_institution ON contacts(institution_id);

CREATE TABLE students (
    id              INTEGER PRIMARY KEY,
    -- Null for writers quick-added at the desk before their number is known.
    student_number  TEXT UNIQUE,
    first_name      TEXT NOT NULL,
    last_name       TEXT NOT NULL,
    preferred_name  TEXT NOT NULL DEFAULT '',
    grade           INTEGER CHECK (grade BETWEEN 6 AND 12),
    graduation_year INTEGER,
    multilingual    INTEGER NOT NULL DEFAULT 0 CHECK (multilingual IN (0, 1)),
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    -- Lower-cased, accent-free copies of the names for prefix search.
    first_key       TEXT NOT NULL,
    last_key        TEXT NOT NULL,
    preferred_key   TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
-- Each search branch reads one of these in order and stops at its limit (no sort).
CREATE INDEX students_by_last ON students(last_key, first_key);
CREATE INDEX students_by_first ON students(first_key, last_key);
CREATE INDEX students_by_preferred ON students(preferred_key, last_key) WHERE preferred_key <> '';
-- Grades served: reads (grade, id) without touching whole student rows.
CREATE INDEX students_by_grade ON students(grade) WHERE grade IS NOT NULL;

CREATE TABLE tutors (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('peer', 'university', 'preservice', 'staff')),
    institution_id INTEGER REFERENCES institutions(id),
    -- Peer tutors are students of the school; their roster number links them on import.
    student_number TEXT UNIQUE,
    languages      TEXT NOT NULL DEFAULT '',
    strengths      TEXT NOT NULL DEFAULT '',
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

CREATE TABLE teachers (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    department TEXT NOT NULL DEFAULT '',
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE visits (
    id                 INTEGER PRIMARY KEY,
    student_id         INTEGER NOT NULL REFERENCES students(id),
    signed_in_at       TEXT NOT NULL,
    day                INTEGER NOT NULL,
    started_at         TEXT,
    signed_out_at      TEXT,
    status             TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'in_session', 'done', 'left')),
    requested_tutor_id INTEGER REFERENCES tutors(id),
    -- The tutor who started the session with this writer.
    tutor_id           INTEGER REFERENCES tutors(id),
    working_on         TEXT NOT NULL DEFAULT ''
) STRICT;
-- A writer can have at most one open visit: a second sign-in is refused by the database itself.
CREATE UNIQUE INDEX visits_one_open_per_student ON visits(student_id) WHERE status IN ('waiting', 'in_session');
CREATE INDEX visits_by_day ON visits(day, status);

CREATE TABLE sessions (
    id                INTEGER PRIMARY KEY,
    visit_id          INTEGER UNIQUE REFERENCES visits(id),
    student_id        INTEGER NOT NULL REFERENCES students(id),
    started_at        TEXT NOT NULL,
    ended_at          TEXT NOT NULL,
    minutes           INTEGER NOT NULL CHECK (minutes >= 0),
    day               INTEGER NOT NULL,
    iso_week          INTEGER NOT NULL,
    -- Minutes after midnight the session started: places it in a bell-schedule period.
    start_minute      INTEGER NOT NULL,
    mode              TEXT NOT NULL CHECK (mode IN ('in_person', 'online')),
    course            TEXT NOT NULL DEFAULT '',
    teacher_id        INTEGER REFERENCES teachers(id),
    assignment_type   TEXT NOT NULL DEFAULT '',
    writing_stage     TEXT NOT NULL DEFAULT '',
    notes             TEXT NOT NULL DEFAULT '',
    next_steps        TEXT NOT NULL DEFAULT '',
    confidence_before INTEGER CHECK (confidence_before BETWEEN 1 AND 5),
    confidence_after  INTEGER CHECK (confidence_after BETWEEN 1 AND 5),
    deleted_at        TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_by_day ON sessions(day, student_id, minutes, start_minute) WHERE deleted_at IS NULL;
-- A writer's sessions in time order: continuity cards, new-writer and repeat-pairing checks.
CREATE INDEX sessions_by_student ON sessions(student_id, day, started_at, id) WHERE deleted_at IS NULL;

CREATE TABLE session_tutors (
    session_id INTEGER NOT NULL REFERENCES sessions(id),
    tutor_id   INTEGER NOT NULL REFERENCES tutors(id),
    role       TEXT NOT NULL DEFAULT 'lead' CHECK (role IN ('lead', 'second')),
    PRIMARY KEY (session_id, tutor_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX session_tutors_by_tutor ON session_tutors(tutor_id);

CREATE TABLE session_concerns (
    session_id INTEGER NOT NULL REFERENCES sessions(id),
    concern    TEXT NOT NULL,
    PRIMARY KEY (session_id, concern)
) STRICT, WITHOUT ROWID;

CREATE TABLE tutor_shifts (
    id           INTEGER PRIMARY KEY,
    tutor_id     INTEGER NOT NULL REFERENCES tutors(id),
    clock_in_at  TEXT NOT NULL,
    clock_out_at TEXT,
    day          INTEGER NOT NULL,
    minutes      INTEGER CHECK (minutes >= 0),
    -- Set when a shift left open was closed at the center's closing time: the director checks it.
    auto_closed  INTEGER NOT NULL DEFAULT 0 CHECK (auto_closed IN (0, 1))
) STRICT;
CREATE UNIQUE INDEX tutor_shifts_one_open ON tutor_shifts(tutor_id) WHERE clock_out_at IS NULL;
CREATE INDEX tutor_shifts_by_day ON tutor_shifts(day);

CREATE TABLE partnership_activities (
    id             INTEGER PRIMARY KEY,
    day            INTEGER NOT NULL,
    institution_id INTEGER NOT NULL REFERENCES institutions(id),
    contact_id     INTEGER REFERENCES contacts(id),
    kind           TEXT NOT NULL CHECK (kind IN ('visit', 'tutor_training', 'field_trip', 'mentoring_meeting',
                       'preservice_placement', 'resource_shared', 'grant', 'conference_presentation', 'other')),
    direction      TEXT NOT NULL CHECK (direction IN ('given', 'received')),
    hours          REAL NOT NULL DEFAULT 0 CHECK (hours >= 0),
    people         TEXT NOT NULL DEFAULT '',
    notes          TEXT NOT NULL DEFAULT '',
    follow_up_day  INTEGER,
    created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX partnership_activities_by_institution ON partnership_activities(institution_id, day);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore')),
    -- JSON object: field -> [old, new].
    changes   TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX audit_log_by_entity ON audit_log(entity, entity_id);
