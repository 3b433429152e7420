-- An automatic message names the status change that caused it (a "mark shipped"); the server
-- holds it for a grace period and cancels it when that change is undone before it goes out.
ALTER TABLE notifications ADD COLUMN cause_event_id text;
CREATE INDEX notifications_cause ON notifications (seller_id, cause_event_id)
  WHERE cause_event_id IS NOT NULL;
