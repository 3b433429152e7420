/** Selections of orders as immutable sets: a new set per change, so a `$state.raw` sees it. */
import type { OrderId } from '../ids.ts';

export const setOf = <T>(items: Iterable<T> = []): ReadonlySet<T> => new Set(items);

/** A new set with `ids[from..to]` added or removed. */
export function withRange(
  set: ReadonlySet<OrderId>,
  ids: readonly OrderId[],
  from: number,
  to: number,
  selected: boolean,
): ReadonlySet<OrderId> {
  const next = new Set(set);
  for (let i = from; i <= to; i++) {
    const id = ids[i];
    if (id === undefined) continue;
    if (selected) next.add(id);
    else next.delete(id);
  }
  return next;
}
