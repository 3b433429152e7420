-- Who may create a shop, the way back in, and the log of security events. Every statement may
-- run twice (the notification tests apply this file on top of their own schema).

-- The install lock: the hash of the one-time setup code that the first shop needs. One row at
-- most; `used_at` is set by the account creation that spent it (in the same transaction as the
-- shop), so two creations racing with the right code make one shop.
CREATE TABLE IF NOT EXISTS instance_setup (
  id smallint PRIMARY KEY CHECK (id = 1),
  code_hash text NOT NULL,
  issued_at timestamptz NOT NULL DEFAULT now(),
  used_at timestamptz
);

-- The shop's recovery code (SHA-256; the clear code is shown once), and its own daily cap on
-- outgoing messages: NULL is none (a shop made with the setup code, or one the operator raised).
ALTER TABLE sellers ADD COLUMN IF NOT EXISTS recovery_hash text;
ALTER TABLE sellers ADD COLUMN IF NOT EXISTS recovery_set_at timestamptz;
ALTER TABLE sellers ADD COLUMN IF NOT EXISTS daily_message_cap integer CHECK (daily_message_cap >= 0);
CREATE UNIQUE INDEX IF NOT EXISTS sellers_recovery ON sellers (recovery_hash) WHERE recovery_hash IS NOT NULL;

-- Security events the seller reads in Settings. Names are copied in, so a renamed or revoked
-- device still reads as it was called when it happened.
CREATE TABLE IF NOT EXISTS security_events (
  id bigserial PRIMARY KEY,
  seller_id uuid NOT NULL REFERENCES sellers (id),
  kind text NOT NULL
    CHECK (kind IN ('shop_created', 'device_paired', 'device_revoked', 'recovery_used', 'recovery_renewed')),
  -- The device that did it (NULL: none, e.g. a recovery from a new device).
  actor_device_id uuid,
  actor_name text,
  -- The device it was done to.
  subject_device_id uuid,
  subject_name text,
  -- For a revoked device: when it last reached the server.
  subject_last_seen_at timestamptz,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS security_events_seller ON security_events (seller_id, id);

-- The server-wide hourly caps count claims per channel.
CREATE INDEX IF NOT EXISTS notifications_channel_claimed ON notifications (channel, claimed_at);
