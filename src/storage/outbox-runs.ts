/**
 * How the outbox is laid out in IndexedDB. A bulk change writes thousands of mutations of one
 * kind (10,000 `order.transition`s for "mark shipped"); one row per mutation made the outbox a
 * third of the rows such a commit wrote. Consecutive mutations of one name are therefore stored
 * as a run: one row keyed by the first mutation id, holding the arguments of all of them, which
 * stand for the ids `mutationId`, `mutationId + 1`, ... Nothing outside `src/storage` sees a
 * run: reads expand it, and the server receives the same gap-free mutations as before.
 *
 * The rows always cover one gap-free range of ids (acknowledging deletes a prefix, trimming a
 * run that straddles it), so the number of pending mutations follows from the first and last row.
 */
import type { OutboxEntry, PendingMutation } from '../core/model/outbox.ts';

/** The name a run row is stored under (not a mutation name: those have no `~`). */
export const RUN_ROW = '~run';
/** Mutations of one name in one commit from which they are stored as runs. */
export const RUN_MIN = 32;
/**
 * Mutations per run row: bounds what one read or one trim handles, and the structured clone of
 * one `add`, which cannot be split across tasks. At 1,000 "mark shipped" mutations a row took
 * 30-80 ms to clone on a 4x slower CPU, the longest tasks of a bulk change.
 */
export const RUN_MAX = 250;

interface RunArgs {
  name: string;
  list: unknown[];
}

export function isRun(row: Pick<OutboxEntry, 'name' | 'args'>): row is OutboxEntry & { args: RunArgs } {
  return row.name === RUN_ROW;
}

/** Mutation ids a stored row stands for. */
export function lengthOf(row: OutboxEntry): number {
  return isRun(row) ? row.args.list.length : 1;
}

/** The rows for `mutations` given ids from `first` on; runs where many share a name. */
export function toRows(
  mutations: readonly PendingMutation[],
  first: number,
  createdAt: string,
): OutboxEntry[] {
  const rows: OutboxEntry[] = [];
  let id = first;
  let i = 0;
  while (i < mutations.length) {
    const name = (mutations[i] as PendingMutation).name;
    let end = i + 1;
    while (end < mutations.length && end - i < RUN_MAX && (mutations[end] as PendingMutation).name === name)
      end++;
    if (end - i >= RUN_MIN) {
      const list = mutations.slice(i, end).map((m) => m.args);
      rows.push({ mutationId: id, name: RUN_ROW, args: { name, list } satisfies RunArgs, createdAt });
      id += end - i;
      i = end;
    } else {
      const m = mutations[i] as PendingMutation;
      rows.push({ mutationId: id++, name: m.name, args: m.args, createdAt });
      i++;
    }
  }
  return rows;
}

/** The entries a stored row stands for, in id order. */
export function expandRow(row: OutboxEntry): OutboxEntry[] {
  if (!isRun(row)) return [row];
  const { name, list } = row.args;
  return list.map((args, i) => ({ mutationId: row.mutationId + i, name, args, createdAt: row.createdAt }));
}

/** What is left of a row once every id up to `upTo` is acknowledged; `null` when nothing. */
export function trimRow(row: OutboxEntry, upTo: number): OutboxEntry | null {
  const last = row.mutationId + lengthOf(row) - 1;
  if (last <= upTo) return null;
  if (row.mutationId > upTo || !isRun(row)) return row;
  const left = row.args.list.slice(upTo + 1 - row.mutationId);
  return { ...row, mutationId: upTo + 1, args: { name: row.args.name, list: left } satisfies RunArgs };
}
