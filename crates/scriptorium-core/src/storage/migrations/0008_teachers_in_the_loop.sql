-- Teachers in the loop: a teacher's school email and the courses or periods they teach, the
-- assignment briefs and referrals they send, and the writer's consent to share a session with
-- the teacher (nothing is shared without it).
ALTER TABLE teachers ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE teachers ADD COLUMN courses TEXT NOT NULL DEFAULT '';

CREATE TABLE assignment_briefs (
    id           INTEGER PRIMARY KEY,
    teacher_id   INTEGER NOT NULL REFERENCES teachers(id),
    course       TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL,
    focus        TEXT NOT NULL DEFAULT '',
    due_day      INTEGER NOT NULL,
    -- The days a visit counts (for credit when earns_credit); the desk shows the brief then.
    first_day    INTEGER NOT NULL,
    last_day     INTEGER NOT NULL CHECK (last_day >= first_day),
    earns_credit INTEGER NOT NULL DEFAULT 0 CHECK (earns_credit IN (0, 1)),
    created_at   TEXT NOT NULL,
    CHECK (due_day >= first_day)
) STRICT;
CREATE INDEX briefs_by_teacher ON assignment_briefs(teacher_id, last_day);

CREATE TABLE referrals (
    id         INTEGER PRIMARY KEY,
    teacher_id INTEGER NOT NULL REFERENCES teachers(id),
    student_id INTEGER NOT NULL REFERENCES students(id),
    brief_id   INTEGER REFERENCES assignment_briefs(id),
    day        INTEGER NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX referrals_by_student ON referrals(student_id, day);
CREATE INDEX referrals_by_teacher ON referrals(teacher_id, day);

-- What the writer agreed a teacher may hear about a session, when and by whom it was entered.
CREATE TABLE session_consent (
    session_id INTEGER PRIMARY KEY REFERENCES sessions(id),
    level      TEXT NOT NULL CHECK (level IN ('not_shared', 'attendance', 'attendance_summary')),
    entered_at TEXT NOT NULL,
    entered_by TEXT NOT NULL CHECK (entered_by IN ('front desk', 'director'))
) STRICT;

-- The audit log learns one action: a message or slip prepared for a teacher (the app cannot
-- know whether a mail was sent).
CREATE TABLE audit_log_new (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore', 'export', 'backup',
                  'unlock', 'unlock_failed', 'pin_change', 'prepare_for_teacher')),
    -- JSON object: field -> [old, new], or what was done.
    changes   TEXT NOT NULL DEFAULT '{}'
) STRICT;
INSERT INTO audit_log_new (id, at, actor, entity, entity_id, action, changes)
    SELECT id, at, actor, entity, entity_id, action, changes FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_by_entity ON audit_log(entity, entity_id);
