/**
 * An outbox entry is a mutation waiting to reach the backend. It is written in the same
 * transaction as the local change it describes and removed only when the server acknowledged it.
 * `mutationId` increases by one per device, with no gaps (the server refuses gaps).
 */
export interface OutboxEntry {
  mutationId: number;
  name: string;
  args: unknown;
  /** Device clock, ISO 8601. */
  createdAt: string;
}

/** A mutation before it has been given its id: what a repository write carries. */
export interface PendingMutation {
  name: string;
  args: unknown;
}
