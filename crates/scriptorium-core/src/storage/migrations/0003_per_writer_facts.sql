-- The weekly dashboard asks two questions about every session or writer of a week: who led the
-- writer's session before (repeat pairing) and whether this week holds their first session (new
-- writers). On a large school these were thousands of seeks per week; now each is answered from
-- one index.

-- Repeat pairing: the lead tutor in the per-writer index, so the previous session's lead is read
-- from the index without a seek into a session row from any year.
DROP INDEX sessions_by_student;
CREATE INDEX sessions_by_student ON sessions(student_id, day, started_at, id, lead_tutor_id) WHERE deleted_at IS NULL;

-- New writers: each writer's first session day (null: none yet). Triggers keep it whenever a
-- session is added, moved to another day or deleted, whichever code writes it, so it cannot
-- disagree with the sessions.
ALTER TABLE students ADD COLUMN first_session_day INTEGER;
UPDATE students SET first_session_day =
    (SELECT min(day) FROM sessions WHERE student_id = students.id AND deleted_at IS NULL);
CREATE INDEX students_by_first_session ON students(first_session_day) WHERE first_session_day IS NOT NULL;

CREATE TRIGGER sessions_keep_first_day_on_insert AFTER INSERT ON sessions
BEGIN
    UPDATE students SET first_session_day =
        (SELECT min(day) FROM sessions WHERE student_id = NEW.student_id AND deleted_at IS NULL)
    WHERE id = NEW.student_id;
END;

CREATE TRIGGER sessions_keep_first_day_on_update AFTER UPDATE OF student_id, day, deleted_at ON sessions
WHEN OLD.student_id IS NOT NEW.student_id OR OLD.day IS NOT NEW.day OR OLD.deleted_at IS NOT NEW.deleted_at
BEGIN
    UPDATE students SET first_session_day =
        (SELECT min(day) FROM sessions WHERE student_id = students.id AND deleted_at IS NULL)
    WHERE id IN (OLD.student_id, NEW.student_id);
END;
