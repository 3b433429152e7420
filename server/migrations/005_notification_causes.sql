-- An automatic message names the status change that caused it (a "mark shipped"); the server
-- holds it for a grace period and cancels it when that change is undone before it goes out.
ALTER TABLE notifications ADD COLUMN cause_event_id text;
CREATE INDEX notifications_cause ON notifications (seller_id, cause_event_id)
  WHERE cause_event_id IS NOT NULL;

-- A `notify.request` repeated with a new event id but the same notification id must log nothing
-- new: the push looks its notification id up among the logged requests.
CREATE INDEX sync_events_notification_requested ON sync_events (seller_id, ((data->'data'->>'notificationId')))
  WHERE data->>'kind' = 'notification_requested';
