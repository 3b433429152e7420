-- When a connection's shipped orders are confirmed to the channel: as soon as an order is
-- shipped ('shipped', after the grace period), or once the buyer's "goods on the way" message
-- has gone out ('told', as DreamRobot does). Parcels added to an order whose confirmation is
-- under way or done go out at once either way.
ALTER TABLE channel_connections ADD COLUMN confirm_when text NOT NULL DEFAULT 'shipped'
  CHECK (confirm_when IN ('shipped', 'told'));

-- The tracking number a confirmation sent (set when claimed), and what its next call does:
-- 'create' tells the channel of the parcel; 'update' tells it the parcel's number changed. A
-- channel that cannot change a number it was told leaves the row 'not_updatable' with the reason.
ALTER TABLE channel_confirmations ADD COLUMN tracking_number text;
ALTER TABLE channel_confirmations ADD COLUMN action text NOT NULL DEFAULT 'create'
  CHECK (action IN ('create', 'update'));
ALTER TABLE channel_confirmations DROP CONSTRAINT channel_confirmations_status_check;
ALTER TABLE channel_confirmations ADD CONSTRAINT channel_confirmations_status_check
  CHECK (status IN ('pending', 'sending', 'accepted', 'refused', 'failed', 'needs_check', 'cancelled',
                    'not_updatable'));
