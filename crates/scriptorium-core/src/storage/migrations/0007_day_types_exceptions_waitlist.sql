-- Schools on an A/B (or longer) rotation: a term names its day types, which follow each other
-- over the open days, closed days skipped. Tutors then give their weekly times by weekday or by
-- day type, so tutor_availability is rebuilt with weekday optional.
ALTER TABLE terms ADD COLUMN day_cycle TEXT NOT NULL DEFAULT '';

CREATE TABLE tutor_availability_by_day_type (
    id           INTEGER PRIMARY KEY,
    term_id      INTEGER NOT NULL REFERENCES terms(id),
    tutor_id     INTEGER NOT NULL REFERENCES tutors(id),
    weekday      INTEGER CHECK (weekday BETWEEN 0 AND 6),
    -- One of the term's day types, or '' when the time is by weekday.
    day_type     TEXT NOT NULL DEFAULT '',
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   INTEGER NOT NULL CHECK (end_minute > start_minute AND end_minute <= 1440),
    CHECK ((weekday IS NULL) = (day_type <> ''))
) STRICT;
INSERT INTO tutor_availability_by_day_type (id, term_id, tutor_id, weekday, start_minute, end_minute)
    SELECT id, term_id, tutor_id, weekday, start_minute, end_minute FROM tutor_availability;
DROP TABLE tutor_availability;
ALTER TABLE tutor_availability_by_day_type RENAME TO tutor_availability;
CREATE INDEX availability_by_tutor ON tutor_availability(term_id, tutor_id);

-- Times a tutor is away, or a time the whole center is closed (tutor_id NULL): one day, a run of
-- days, or repeating on one weekday between two dates; the whole day or a time.
CREATE TABLE availability_exceptions (
    id           INTEGER PRIMARY KEY,
    term_id      INTEGER NOT NULL REFERENCES terms(id),
    tutor_id     INTEGER REFERENCES tutors(id),
    first_day    INTEGER NOT NULL,
    last_day     INTEGER NOT NULL CHECK (last_day >= first_day),
    weekday      INTEGER CHECK (weekday BETWEEN 0 AND 6),
    start_minute INTEGER CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   INTEGER CHECK (end_minute > start_minute AND end_minute <= 1440),
    reason       TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    CHECK ((start_minute IS NULL) = (end_minute IS NULL))
) STRICT;
CREATE INDEX exceptions_by_term ON availability_exceptions(term_id, first_day);

-- Writers waiting for a day (and maybe a tutor): the desk shows them when a matching time frees.
CREATE TABLE waitlist (
    id             INTEGER PRIMARY KEY,
    student_id     INTEGER NOT NULL REFERENCES students(id),
    day            INTEGER NOT NULL,
    -- NULL: any tutor.
    tutor_id       INTEGER REFERENCES tutors(id),
    note           TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'served', 'withdrawn')),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;
CREATE INDEX waitlist_by_day ON waitlist(day, status);

-- Statistics and partner files tell sessions that came from an appointment from walk-ins.
CREATE INDEX appointments_by_session ON appointments(session_id) WHERE session_id IS NOT NULL;
