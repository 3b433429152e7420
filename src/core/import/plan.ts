/**
 * What an import will write, decided before anything is written: which orders are new, which
 * changed, which are the same as stored; the merged records; the one history event; the outbox
 * mutations. A re-import of the same file plans nothing.
 *
 * A re-import updates only what came from the file (ordered-at, buyer, address, lines). What the
 * seller did in Trackpack (status, notes, parcels) is never touched.
 */
import type { EventId, OrderId } from '../ids.ts';
import { orderIdOf } from '../ids.ts';
import type { Order } from '../model/order.ts';
import type { OrderEvent } from '../model/events.ts';
import type { PendingMutation } from '../model/outbox.ts';
import type { ImportedOrder } from './orders.ts';

/** Orders per outbox mutation: keeps each push request well under the server's body limit. */
export const IMPORT_MUTATION_BATCH = 500;
export const IMPORT_MUTATION = 'orders.import';

export type ImportOutcome = 'new' | 'updated' | 'unchanged';

export interface ImportCounts {
  new: number;
  updated: number;
  unchanged: number;
}

export interface ImportPlan {
  /** New and updated orders, merged, ready to store. */
  orders: Order[];
  counts: ImportCounts;
  /** The batch history event ("imported N orders from FILE"); absent when nothing changes. */
  event: OrderEvent | undefined;
  mutations: PendingMutation[];
}

/** The fields an import owns, as sent to the backend. */
export type ImportedFields = Pick<
  Order,
  'id' | 'source' | 'externalId' | 'orderedAt' | 'buyer' | 'address' | 'lines'
>;

/**
 * An `orders.import` mutation as the outbox keeps it: the order ids only. Storing the orders a
 * second time in the outbox would double what a 100,000-order import writes; the repository
 * expands the ids into `ImportMutationArgs` (the wire form) when the sync loop reads the outbox.
 * What is sent is the imported fields as stored at push time, which later edits (with their own,
 * later mutations) may have changed: the server ends in the same state either way.
 */
export interface StoredImportMutationArgs {
  eventId: EventId;
  fileName: string;
  part: number;
  orderIds: OrderId[];
}

/** The wire form of an `orders.import` mutation. */
export interface ImportMutationArgs {
  eventId: EventId;
  fileName: string;
  part: number;
  orders: ImportedFields[];
}

export function importedFieldsOf(order: Order): ImportedFields {
  return {
    id: order.id,
    source: order.source,
    externalId: order.externalId,
    orderedAt: order.orderedAt,
    buyer: order.buyer,
    address: order.address,
    lines: order.lines,
  };
}

export function isStoredImportMutation(name: string, args: unknown): args is StoredImportMutationArgs {
  return name === IMPORT_MUTATION && typeof args === 'object' && args !== null && 'orderIds' in args;
}

/** The wire form of a stored import mutation; orders no longer stored are left out. */
export function expandImportMutation(
  args: StoredImportMutationArgs,
  orders: readonly (Order | undefined)[],
): ImportMutationArgs {
  return {
    eventId: args.eventId,
    fileName: args.fileName,
    part: args.part,
    orders: orders.flatMap((o) => (o ? [importedFieldsOf(o)] : [])),
  };
}

export function keyOf(imported: ImportedOrder): OrderId {
  return orderIdOf(imported.source, imported.orderId);
}

/** Deep equality of plain JSON-like data, ignoring key order and absent-vs-undefined. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameData(item, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const key of keys) if (!sameData(ra[key], rb[key])) return false;
  return true;
}

export function outcomeOf(existing: Order | undefined, imported: ImportedOrder): ImportOutcome {
  if (!existing) return 'new';
  const same =
    existing.orderedAt === imported.orderedAt &&
    sameData(existing.buyer, imported.buyer) &&
    sameData(existing.address, imported.address) &&
    sameData(existing.lines, imported.lines);
  return same ? 'unchanged' : 'updated';
}

/** The stored order after the import: the file's fields over the seller's work. */
export function mergeImported(existing: Order | undefined, imported: ImportedOrder, now: string): Order {
  const { source, orderId: externalId, orderedAt, buyer, address, lines } = imported;
  const id = keyOf(imported);
  if (existing)
    return { ...existing, id, source, externalId, orderedAt, buyer, address, lines, updatedAt: now };
  // One literal for a new order: a first import makes 100,000 of them, and building the file's
  // fields first and spreading them into a second object took a third of the plan's time.
  return {
    id,
    source,
    externalId,
    orderedAt,
    buyer,
    address,
    lines,
    status: 'new',
    notes: '',
    createdAt: now,
    updatedAt: now,
  };
}

export interface PlanOptions {
  fileName: string;
  /** Device clock, ISO 8601. */
  now: string;
  eventId: EventId;
}

/**
 * @param existing the stored order for each imported one, in the same order (`undefined` if none)
 */
export function planImport(
  imported: readonly ImportedOrder[],
  existing: readonly (Order | undefined)[],
  { fileName, now, eventId }: PlanOptions,
): ImportPlan {
  const counts: ImportCounts = { new: 0, updated: 0, unchanged: 0 };
  const orders: Order[] = [];
  imported.forEach((order, i) => {
    const stored = existing[i];
    const outcome = outcomeOf(stored, order);
    counts[outcome]++;
    if (outcome !== 'unchanged') orders.push(mergeImported(stored, order, now));
  });
  if (orders.length === 0) return { orders, counts, event: undefined, mutations: [] };

  const event: OrderEvent = {
    id: eventId,
    orderId: null,
    kind: 'imported',
    at: now,
    data: { fileName, new: counts.new, updated: counts.updated, unchanged: counts.unchanged },
  };
  const mutations: PendingMutation[] = [];
  for (let start = 0; start < orders.length; start += IMPORT_MUTATION_BATCH) {
    const args: StoredImportMutationArgs = {
      eventId,
      fileName,
      part: mutations.length + 1,
      orderIds: orders.slice(start, start + IMPORT_MUTATION_BATCH).map((o) => o.id),
    };
    mutations.push({ name: IMPORT_MUTATION, args });
  }
  return { orders, counts, event, mutations };
}
