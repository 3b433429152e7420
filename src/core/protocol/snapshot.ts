/**
 * Snapshot cursors: where a device is while it copies the shop's current state page by page.
 *
 * A pull cursor is either a position in the seller's change log (`"123"`, digits; `"0"` is the
 * beginning) or a position in a snapshot, `s<log>.<phase>.<after>`: the snapshot was taken at
 * change-log position `<log>`, and the device has everything of `<phase>` up to the key
 * `<after>` (empty: nothing of that phase yet). Phases run settings, orders, parcels, events, in
 * that order; keys are compared as the database orders them. When the last phase is done the
 * device follows the change log from `<log>`: whatever changed while it copied has a later row
 * there, and pulling serves current state, so a change seen twice is applied twice to no effect.
 *
 * The device stores the cursor as it is and sends it back; only the server reads it.
 */
export const SNAPSHOT_PHASES = ['orders', 'parcels', 'events'] as const;
export type SnapshotPhase = (typeof SNAPSHOT_PHASES)[number];

const PHASE_CODE: Record<SnapshotPhase, string> = { orders: 'o', parcels: 'p', events: 'e' };
const PHASE_OF: Record<string, SnapshotPhase> = { o: 'orders', p: 'parcels', e: 'events' };

/** `seq` is a change-log position in decimal digits without leading zeros (`bigint` in SQL). */
export type PullPosition =
  { kind: 'log'; seq: string } | { kind: 'snapshot'; seq: string; phase: SnapshotPhase; after: string };

// Up to 19 digits: a bigint's range, as `cursorSchema` had it.
const LOG_CURSOR = /^\d{1,19}$/;
const SNAPSHOT_CURSOR = /^s(\d{1,19})\.([ope])\.([^]*)$/;
/** A snapshot cursor carries one entity key (bounded by the schemas' `MAX_ID_CHARS`). */
export const MAX_CURSOR_CHARS = 300;

/** `null` when `cursor` is not one this protocol writes. */
export function parseCursor(cursor: string): PullPosition | null {
  if (cursor.length > MAX_CURSOR_CHARS) return null;
  if (LOG_CURSOR.test(cursor)) return { kind: 'log', seq: canonical(cursor) };
  const match = SNAPSHOT_CURSOR.exec(cursor);
  const [, seq, code, after] = match ?? [];
  const phase = code === undefined ? undefined : PHASE_OF[code];
  if (seq === undefined || phase === undefined || after === undefined || after.includes('\u0000'))
    return null;
  return { kind: 'snapshot', seq: canonical(seq), phase, after };
}

export function formatCursor(position: PullPosition): string {
  return position.kind === 'log'
    ? position.seq
    : `s${position.seq}.${PHASE_CODE[position.phase]}.${position.after}`;
}

function canonical(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

/** True when change-log position `a` is before `b` (both canonical digits). */
export function seqBefore(a: string, b: string): boolean {
  return a.length !== b.length ? a.length < b.length : a < b;
}

/** The phase after `phase`, or `null` after the last. */
export function nextPhase(phase: SnapshotPhase): SnapshotPhase | null {
  return SNAPSHOT_PHASES[SNAPSHOT_PHASES.indexOf(phase) + 1] ?? null;
}
