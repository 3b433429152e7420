-- The buyer's side: a tracking-page token per order, and parcels registered with a tracking
-- provider (only used when TRACKING_PROVIDER is set).

-- One unguessable token per order (256 random bits, base64url). Kept as the value, not a hash:
-- it only shows one order's shipping state, and every e-mail about the order must carry the same
-- link, which a hash could not give back. The unique index is what finds the order.
CREATE TABLE order_tokens (
  token text PRIMARY KEY,
  seller_id uuid NOT NULL REFERENCES sellers (id),
  order_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Set once, by the buyer's POST; a second confirmation finds it set and changes nothing.
  confirmed_at timestamptz,
  UNIQUE (seller_id, order_id)
);

-- Parcels handed to the tracking provider. `state`: `pending` (to register), `registered`,
-- `retrack` (asked again by the seller), `rejected` (the provider refused the number).
CREATE TABLE tracking_registrations (
  id uuid PRIMARY KEY,
  seller_id uuid NOT NULL REFERENCES sellers (id),
  parcel_id text NOT NULL,
  order_id text NOT NULL,
  provider text NOT NULL,
  tracking_number text NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'registered', 'retrack', 'rejected')),
  last_error text,
  last_status text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (seller_id, parcel_id, provider)
);
CREATE INDEX tracking_registrations_number ON tracking_registrations (provider, tracking_number);
CREATE INDEX tracking_registrations_due ON tracking_registrations (updated_at) WHERE state IN ('pending', 'retrack');
