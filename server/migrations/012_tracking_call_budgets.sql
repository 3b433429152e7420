-- Call budgets of rate-limited tracking APIs (DHL's Unified Tracking API allows so many calls a
-- day and one call per interval per key). One row per provider, shared by every server process on
-- the database: a process reserves a call with one atomic UPDATE, so two processes can neither
-- both take the last call of the day nor both call within one interval.
CREATE TABLE tracking_call_budgets (
  provider text PRIMARY KEY,
  -- The UTC day `calls` counts.
  day date NOT NULL,
  calls integer NOT NULL DEFAULT 0,
  -- The earliest moment the next call may start (moved on by each reservation and by a 429).
  next_at timestamptz NOT NULL DEFAULT now()
);

-- A process asking a provider about a registration holds it for a while, so another process on
-- the same database asks about other numbers meanwhile (and never spends the budget twice on one).
ALTER TABLE tracking_registrations ADD COLUMN lease_until timestamptz;
