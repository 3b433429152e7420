-- A `notify.request` repeated with a new event id but the same notification id must log nothing
-- new: the push looks its notification id up among the logged requests.
CREATE INDEX sync_events_notification_requested ON sync_events (seller_id, ((data->'data'->>'notificationId')))
  WHERE data->>'kind' = 'notification_requested';
