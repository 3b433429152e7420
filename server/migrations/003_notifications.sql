-- Buyer notifications (e-mail and SMS): one row per message to one buyer, rendered when it is
-- queued, so that what is sent, retried or reviewed is exactly what was previewed.
--
-- Status machine (server/notifications/queue.ts):
--
--   queued --claim (lease)--> sending --ok--------------------------> sent
--     ^                         |  \--known not sent, attempts left--> queued (due later)
--     |                         |  \--known not sent, no retry-------> failed
--     |                         |  \--outcome unknown----------------> needs_review
--     |                         \--lease expired, no result recorded-> needs_review
--     \---- seller: "send again" ------------------------------------- needs_review / failed
--
-- A row in needs_review may or may not have reached the buyer; it is never resent on its own.
CREATE TABLE notifications (
  id uuid PRIMARY KEY,
  seller_id uuid NOT NULL REFERENCES sellers (id),
  order_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('preparing', 'reminder', 'shipped', 'delivered', 'review_reminder')),
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  locale text NOT NULL,
  -- An e-mail address or an E.164 phone number, checked before it is queued.
  recipient text NOT NULL,
  recipient_name text NOT NULL DEFAULT '',
  sender_name text NOT NULL DEFAULT '',
  reply_to text,
  subject text NOT NULL DEFAULT '',
  body_text text NOT NULL,
  body_html text,
  status text NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'needs_review', 'cancelled')),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL,
  due_at timestamptz NOT NULL DEFAULT now(),
  -- Why a due row was pushed back without an attempt (a sending cap).
  wait_reason text,
  -- Set when a worker takes the row; counts towards the caps while sending, sent or in review.
  claimed_at timestamptz,
  lease_owner text,
  lease_until timestamptz,
  sent_at timestamptz,
  provider_message_id text,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_due ON notifications (due_at) WHERE status = 'queued';
CREATE INDEX notifications_leased ON notifications (lease_until) WHERE status = 'sending';
CREATE INDEX notifications_seller_claimed ON notifications (seller_id, claimed_at);
CREATE INDEX notifications_recipient_claimed ON notifications (recipient, claimed_at);
CREATE INDEX notifications_order ON notifications (seller_id, order_id);
