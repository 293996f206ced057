-- Appointments: writers book into the periods they are free (study hall, lunch, before and
-- after school). A term holds the days the center is open; tutors say when they can take
-- appointments each week; a booking breaking any rule is refused whole (storage/appointments.rs).
-- Days are day numbers and times minutes after midnight, as on sessions.
CREATE TABLE terms (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    first_day     INTEGER NOT NULL,
    last_day      INTEGER NOT NULL CHECK (last_day >= first_day),
    -- Bit 0 is Monday … bit 6 Sunday.
    open_weekdays INTEGER NOT NULL DEFAULT 31 CHECK (open_weekdays BETWEEN 1 AND 127),
    created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE closed_days (
    term_id INTEGER NOT NULL REFERENCES terms(id),
    day     INTEGER NOT NULL,
    reason  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (term_id, day)
) STRICT;

CREATE TABLE tutor_availability (
    id           INTEGER PRIMARY KEY,
    term_id      INTEGER NOT NULL REFERENCES terms(id),
    tutor_id     INTEGER NOT NULL REFERENCES tutors(id),
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   INTEGER NOT NULL CHECK (end_minute > start_minute AND end_minute <= 1440)
) STRICT;
CREATE INDEX availability_by_tutor ON tutor_availability(term_id, tutor_id, weekday);

CREATE TABLE appointments (
    id               INTEGER PRIMARY KEY,
    student_id       INTEGER NOT NULL REFERENCES students(id),
    -- NULL: any tutor.
    tutor_id         INTEGER REFERENCES tutors(id),
    day              INTEGER NOT NULL,
    start_minute     INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute       INTEGER NOT NULL CHECK (end_minute > start_minute AND end_minute <= 1440),
    -- The bell-schedule period booked, or '' for a time.
    period           TEXT NOT NULL DEFAULT '',
    course           TEXT NOT NULL DEFAULT '',
    teacher_name     TEXT NOT NULL DEFAULT '',
    assignment_type  TEXT NOT NULL DEFAULT '',
    working_on       TEXT NOT NULL DEFAULT '',
    booked_by        TEXT NOT NULL CHECK (booked_by IN ('front desk', 'director')),
    status           TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'checked_in', 'in_session',
                         'completed', 'cancelled', 'cancelled_late', 'missed', 'cancelled_by_tutor')),
    -- The director booked past the writer's weekly limit.
    limit_overridden INTEGER NOT NULL DEFAULT 0 CHECK (limit_overridden IN (0, 1)),
    visit_id         INTEGER REFERENCES visits(id),
    session_id       INTEGER REFERENCES sessions(id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX appointments_by_day ON appointments(day, start_minute);
CREATE INDEX appointments_by_student ON appointments(student_id, day);
CREATE INDEX appointments_by_visit ON appointments(visit_id) WHERE visit_id IS NOT NULL;
