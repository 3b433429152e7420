-- Shop connections (Shopify, ...): one row per connected shop of a seller. The secrets (app
-- credentials, tokens) are one AES-GCM sealed JSON object (server/channels/secrets.ts); nothing
-- in this table is ever sent to a device except the non-secret columns.
--
-- Polling is claimed with a lease (lease_owner, lease_until): a process takes a due row with
-- FOR UPDATE SKIP LOCKED, commits, fetches, and writes its result back only while it still holds
-- the lease, so several processes on one PostgreSQL never poll one shop at the same time.
CREATE TABLE channel_connections (
  id uuid PRIMARY KEY,
  seller_id uuid NOT NULL REFERENCES sellers (id),
  channel text NOT NULL,
  -- What identifies the shop to the seller ("example.myshopify.com"); never a secret.
  shop text NOT NULL,
  sealed_secrets text NOT NULL,
  -- The channel's own position for "changed since" (an updated-at time, a cursor).
  cursor text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
  next_poll_at timestamptz NOT NULL DEFAULT now(),
  -- Consecutive failed polls; the backoff grows with it and a success resets it.
  failures integer NOT NULL DEFAULT 0,
  last_run_at timestamptz,
  last_run_orders integer,
  last_error text,
  lease_owner text,
  lease_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (seller_id, channel, shop)
);
CREATE INDEX channel_connections_due ON channel_connections (next_poll_at) WHERE status = 'active';

-- The marketplace's own ids of an order fetched from a connection, kept for confirming later.
CREATE TABLE channel_orders (
  seller_id uuid NOT NULL REFERENCES sellers (id),
  order_id text NOT NULL,
  connection_id uuid NOT NULL REFERENCES channel_connections (id) ON DELETE CASCADE,
  remote_id text NOT NULL,
  remote jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (seller_id, order_id)
);

-- Shipping confirmations to a channel, one row per parcel: at most once per parcel.
--
--   pending --claim (lease)--> sending --accepted by the channel---------> accepted
--     ^                          |  \--refused by the channel (reason)---> refused
--     |                          |  \--transient error, attempts left----> pending (due later)
--     |                          |  \--transient error, none left--------> failed
--     |                          |  \--the order is no longer shipped----> cancelled
--     |                          \--lease expired, no result recorded----> needs_check
--     \---- seller: "send again" -------------------------------- refused / failed / needs_check
--
-- The claim (status sending, attempts + 1) commits before the call, so a process that dies
-- mid-call leaves a row that is never sent again on its own: the seller checks it on the channel.
CREATE TABLE channel_confirmations (
  id uuid PRIMARY KEY,
  seller_id uuid NOT NULL REFERENCES sellers (id),
  connection_id uuid NOT NULL REFERENCES channel_connections (id) ON DELETE CASCADE,
  order_id text NOT NULL,
  parcel_id text NOT NULL,
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'sending', 'accepted', 'refused', 'failed', 'needs_check', 'cancelled')),
  attempts integer NOT NULL DEFAULT 0,
  due_at timestamptz NOT NULL DEFAULT now(),
  lease_owner text,
  lease_until timestamptz,
  reason text,
  remote_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (connection_id, parcel_id)
);
CREATE INDEX channel_confirmations_due ON channel_confirmations (due_at) WHERE status = 'pending';
CREATE INDEX channel_confirmations_leased ON channel_confirmations (lease_until) WHERE status = 'sending';
CREATE INDEX channel_confirmations_order ON channel_confirmations (seller_id, order_id);
