/**
 * A `Change` cut into parts and put back together, for a change that crosses to another thread in
 * several messages (the write worker): each message's structured clone runs on the sending
 * thread, so one message of 10,000 orders with their events would be one long task there. The
 * parts keep every list in order, and joining them gives the same change.
 */
import type { Change } from './repository.ts';

/** The rows a change writes: orders, parcels, removed parcels, events and mutations. */
export function changeRows(change: Change): number {
  return (
    (change.orders?.length ?? 0) +
    (change.parcels?.length ?? 0) +
    (change.removeParcels?.length ?? 0) +
    change.events.length +
    change.mutations.length
  );
}

/**
 * `change` in parts of at most `rows` rows each (at least one part, even for an empty change).
 * The lists are taken in a fixed order, each continuing where the part before stopped.
 */
export function changeParts(change: Change, rows: number): Change[] {
  const size = Math.max(1, Math.floor(rows));
  const lists = [
    change.orders ?? [],
    change.parcels ?? [],
    change.removeParcels ?? [],
    change.events,
    change.mutations,
  ] as const;
  const parts: Change[] = [];
  let list = 0;
  let at = 0;
  do {
    const taken: (readonly unknown[])[] = [[], [], [], [], []];
    let room = size;
    while (room > 0 && list < lists.length) {
      const from = lists[list] as readonly unknown[];
      const end = Math.min(from.length, at + room);
      if (end > at) taken[list] = from.slice(at, end);
      room -= end - at;
      at = end;
      if (at >= from.length) {
        list++;
        at = 0;
      }
    }
    const [orders, parcels, removeParcels, events, mutations] = taken as [
      NonNullable<Change['orders']>,
      NonNullable<Change['parcels']>,
      NonNullable<Change['removeParcels']>,
      Change['events'],
      Change['mutations'],
    ];
    parts.push({
      ...(orders.length ? { orders } : {}),
      ...(parcels.length ? { parcels } : {}),
      ...(removeParcels.length ? { removeParcels } : {}),
      events,
      mutations,
    });
  } while (list < lists.length);
  return parts;
}

/** The change `changeParts` cut `parts` from. */
export function joinParts(parts: readonly Change[]): Change {
  const joined = <T>(pick: (part: Change) => readonly T[] | undefined): T[] =>
    parts.flatMap((part) => pick(part) ?? []);
  const orders = joined((part) => part.orders);
  const parcels = joined((part) => part.parcels);
  const removeParcels = joined((part) => part.removeParcels);
  return {
    ...(orders.length ? { orders } : {}),
    ...(parcels.length ? { parcels } : {}),
    ...(removeParcels.length ? { removeParcels } : {}),
    events: joined((part) => part.events),
    mutations: joined((part) => part.mutations),
  };
}
