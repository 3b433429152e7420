-- Idempotent pushes and housekeeping.

-- SHA-256 of each mutation's body (name, args, createdAt as canonical JSON): a mutation id sent
-- again with another body is refused instead of being taken for a duplicate. NULL for rows
-- written before this column existed; those compare as unknown and are trusted.
ALTER TABLE sync_mutations ADD COLUMN body_hash text;

-- One row per housekeeping job: whoever moves `next_run_at` forward runs the job, so several
-- server processes on one database run it once per interval between them (server/maintenance.ts).
CREATE TABLE maintenance_runs (
  job text PRIMARY KEY,
  next_run_at timestamptz NOT NULL
);

-- What the clean-up deletes by age.
CREATE INDEX rate_buckets_updated ON rate_buckets (updated_at);
CREATE INDEX pairing_codes_expires ON pairing_codes (expires_at);
