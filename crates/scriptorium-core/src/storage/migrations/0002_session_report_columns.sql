-- Reports read a session's concerns and tutors in the same pass as the session: a
-- million-session export can't afford two more lookups per row. sessions::store writes these
-- in the same transaction as session_concerns and session_tutors, which stay the record.
ALTER TABLE sessions ADD COLUMN concerns TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN lead_tutor_id INTEGER REFERENCES tutors(id);
ALTER TABLE sessions ADD COLUMN second_tutor_id INTEGER REFERENCES tutors(id);

UPDATE sessions SET
    concerns = coalesce((SELECT group_concat(concern, '; ') FROM
        (SELECT concern FROM session_concerns WHERE session_id = sessions.id ORDER BY concern)), ''),
    lead_tutor_id = (SELECT tutor_id FROM session_tutors WHERE session_id = sessions.id AND role = 'lead'),
    second_tutor_id = (SELECT tutor_id FROM session_tutors WHERE session_id = sessions.id AND role = 'second');
