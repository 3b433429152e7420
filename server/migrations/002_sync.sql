-- Sync: the seller's data as the server keeps it, the per-seller change log that pull reads,
-- the ledger of every mutation a device sent, pairing codes and rate-limit buckets.

-- NULL until the device's first push: its first mutation id sets the baseline, so a device that
-- queued work before it joined an account does not start with a gap.
ALTER TABLE devices ALTER COLUMN last_mutation_id DROP NOT NULL;
ALTER TABLE devices ALTER COLUMN last_mutation_id DROP DEFAULT;
ALTER TABLE devices ADD COLUMN last_seen_at timestamptz;
-- A token bucket per device, in the database so that every server process sees the same one.
ALTER TABLE devices ADD COLUMN rate_tokens double precision;
ALTER TABLE devices ADD COLUMN rate_at timestamptz;
CREATE INDEX devices_seller ON devices (seller_id);

-- Orders as the server resolved them (`data` is an Order) with a last-writer-wins stamp per field.
CREATE TABLE sync_orders (
  seller_id uuid NOT NULL REFERENCES sellers (id),
  id text NOT NULL,
  data jsonb NOT NULL,
  clock jsonb NOT NULL,
  PRIMARY KEY (seller_id, id)
);

-- Parcels; `data` NULL is a tombstone that keeps an older edit from bringing a parcel back.
CREATE TABLE sync_parcels (
  seller_id uuid NOT NULL REFERENCES sellers (id),
  id text NOT NULL,
  order_id text NOT NULL,
  data jsonb,
  stamp jsonb NOT NULL,
  PRIMARY KEY (seller_id, id)
);

CREATE TABLE sync_events (
  seller_id uuid NOT NULL REFERENCES sellers (id),
  id text NOT NULL,
  order_id text,
  data jsonb NOT NULL,
  PRIMARY KEY (seller_id, id)
);

CREATE TABLE sync_settings (
  seller_id uuid PRIMARY KEY REFERENCES sellers (id),
  data jsonb NOT NULL,
  stamp jsonb NOT NULL
);

-- The change log: one row per entity written; pull serves the current state of the entities
-- named after the cursor. Rows of one seller are appended under that seller's lock, so their
-- `seq` order is their commit order (see server/sync/push.ts).
CREATE TABLE sync_changes (
  seq bigserial PRIMARY KEY,
  seller_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('order', 'parcel', 'event', 'settings')),
  entity_id text NOT NULL,
  device_id uuid
);
CREATE INDEX sync_changes_seller_seq ON sync_changes (seller_id, seq);

-- Every mutation id a device sent, once (the primary key makes a second application impossible),
-- with its outcome; a rejection's reason is sent again when the device resends a duplicate.
CREATE TABLE sync_mutations (
  device_id uuid NOT NULL REFERENCES devices (id),
  mutation_id bigint NOT NULL,
  name text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('applied', 'rejected')),
  reason jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (device_id, mutation_id)
);

-- Pairing codes are credentials: stored as SHA-256, single use, short-lived.
CREATE TABLE pairing_codes (
  code_hash text PRIMARY KEY,
  seller_id uuid NOT NULL REFERENCES sellers (id),
  created_by uuid NOT NULL REFERENCES devices (id),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- Token buckets for requests without a device (account creation, pairing claims), keyed by
-- client address and globally.
CREATE TABLE rate_buckets (
  key text PRIMARY KEY,
  tokens double precision NOT NULL,
  updated_at timestamptz NOT NULL
);
