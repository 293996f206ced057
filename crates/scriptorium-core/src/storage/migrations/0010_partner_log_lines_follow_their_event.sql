-- A partnership log line written for a group event names the event, so that correcting the
-- event corrects the line and deleting the event takes the line out of the partner's log.
ALTER TABLE partnership_activities ADD COLUMN group_event_id INTEGER REFERENCES group_events(id);

-- The lines version 9 wrote for events: same partner and day, notes "<kind label>: <topic>".
-- A line and an event are linked only where each matches the other and nothing else.
WITH written AS (
    SELECT e.id AS event_id, a.id AS activity_id
    FROM group_events e JOIN partnership_activities a
      ON a.institution_id = e.institution_id AND a.day = e.day
     AND a.notes = CASE e.kind WHEN 'class_visit' THEN 'Class visit' WHEN 'workshop' THEN 'Workshop'
                               WHEN 'presentation' THEN 'Presentation' ELSE 'Other' END || ': ' || e.topic
    WHERE e.deleted_at IS NULL
), one_to_one AS (
    SELECT event_id, activity_id FROM written
    WHERE event_id IN (SELECT event_id FROM written GROUP BY event_id HAVING count(*) = 1)
      AND activity_id IN (SELECT activity_id FROM written GROUP BY activity_id HAVING count(*) = 1)
)
UPDATE partnership_activities
SET group_event_id = (SELECT event_id FROM one_to_one WHERE activity_id = partnership_activities.id)
WHERE id IN (SELECT activity_id FROM one_to_one);

CREATE UNIQUE INDEX partnership_activities_by_event ON partnership_activities(group_event_id)
    WHERE group_event_id IS NOT NULL;
