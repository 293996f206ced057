-- A visit left waiting or in a session on an earlier day is closed at that day's closing time as
-- left unseen; this flag tells the director which ones the app closed, as shifts have `auto_closed`.
ALTER TABLE visits ADD COLUMN closed_automatically INTEGER NOT NULL DEFAULT 0 CHECK (closed_automatically IN (0, 1));
