-- Keeping the server small (server/sync/compaction.ts): when each change-log row was written,
-- how far each seller's change log has been pruned, and when a sent message's body was dropped.

-- Rows from before this migration count as written now: they are pruned one retention later.
ALTER TABLE sync_changes ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();

-- Finds the later row of the same entity, which makes an earlier one redundant.
CREATE INDEX sync_changes_entity ON sync_changes (seller_id, kind, entity_id, seq);

-- Every change-log row of the seller at or below `seq` may be gone: a device whose cursor is
-- below it receives a snapshot instead of the log.
CREATE TABLE sync_horizons (
  seller_id uuid PRIMARY KEY,
  seq bigint NOT NULL
);

-- Set when the body of a sent message was dropped after the retention; subject and recipient stay.
ALTER TABLE notifications ADD COLUMN body_pruned_at timestamptz;
CREATE INDEX notifications_sent_at ON notifications (sent_at) WHERE status = 'sent' AND body_pruned_at IS NULL;
