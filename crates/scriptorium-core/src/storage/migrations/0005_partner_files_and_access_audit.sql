-- Departments come from a list the director keeps in Settings, so a partner file never carries
-- free text typed at the desk (which could hold a name). Departments typed before this version
-- are mapped to the list where the meaning is plain; any other stays on the teacher for the
-- school's own records, and partner files show it as "Other".
CREATE TABLE departments (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE COLLATE NOCASE,
    position INTEGER NOT NULL
) STRICT;

INSERT INTO departments (name, position) VALUES
    ('English', 1), ('History/Social Studies', 2), ('Science', 3), ('Math', 4),
    ('World Languages', 5), ('Arts', 6), ('CTE', 7), ('Other', 8);

UPDATE teachers SET department = CASE lower(trim(department))
    WHEN 'english' THEN 'English'
    WHEN 'ela' THEN 'English'
    WHEN 'english language arts' THEN 'English'
    WHEN 'language arts' THEN 'English'
    WHEN 'history' THEN 'History/Social Studies'
    WHEN 'social studies' THEN 'History/Social Studies'
    WHEN 'history/social studies' THEN 'History/Social Studies'
    WHEN 'history and social studies' THEN 'History/Social Studies'
    WHEN 'science' THEN 'Science'
    WHEN 'sciences' THEN 'Science'
    WHEN 'biology' THEN 'Science'
    WHEN 'chemistry' THEN 'Science'
    WHEN 'physics' THEN 'Science'
    WHEN 'math' THEN 'Math'
    WHEN 'maths' THEN 'Math'
    WHEN 'mathematics' THEN 'Math'
    WHEN 'world languages' THEN 'World Languages'
    WHEN 'world language' THEN 'World Languages'
    WHEN 'foreign languages' THEN 'World Languages'
    WHEN 'modern languages' THEN 'World Languages'
    WHEN 'art' THEN 'Arts'
    WHEN 'arts' THEN 'Arts'
    WHEN 'fine arts' THEN 'Arts'
    WHEN 'visual arts' THEN 'Arts'
    WHEN 'music' THEN 'Arts'
    WHEN 'cte' THEN 'CTE'
    WHEN 'career and technical education' THEN 'CTE'
    WHEN 'other' THEN 'Other'
    ELSE department
END;

-- Writer codes stay the same across a partner's files only under a data-sharing agreement the
-- director has recorded (FERPA's studies exception): its date and purpose.
ALTER TABLE institutions ADD COLUMN data_sharing_agreement_on TEXT;
ALTER TABLE institutions ADD COLUMN data_sharing_purpose TEXT NOT NULL DEFAULT '';
-- The audit log also records what leaves the building and who opened the director area:
-- partner files and other exports, backups to another place, restores, unlocks, failed tries and
-- PIN changes. SQLite can't change a CHECK, so the table is rebuilt with every line kept.
CREATE TABLE audit_log_new (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore', 'export', 'backup',
                  'unlock', 'unlock_failed', 'pin_change')),
    -- JSON object: field -> [old, new], or what was done.
    changes   TEXT NOT NULL DEFAULT '{}'
) STRICT;
INSERT INTO audit_log_new (id, at, actor, entity, entity_id, action, changes)
    SELECT id, at, actor, entity, entity_id, action, changes FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_by_entity ON audit_log(entity, entity_id);
