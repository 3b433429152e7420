-- Sellers and their devices. Later migrations add the sync tables (push/pull) and notifications.
CREATE TABLE sellers (
  id uuid PRIMARY KEY,
  shop_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE devices (
  id uuid PRIMARY KEY,
  seller_id uuid NOT NULL REFERENCES sellers (id),
  name text NOT NULL DEFAULT '',
  token_hash text NOT NULL UNIQUE,
  last_mutation_id bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
