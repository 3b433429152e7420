/**
 * How an order number written by someone else (a tracking sheet, a search) is matched to ours:
 * shops show order numbers with a leading `#` (`#1001`) and people copying them often drop it, or
 * add one where the shop has none. Both spellings name the same order.
 */

/** The id as written and with its leading `#` removed or added, in that order. */
export function orderIdSpellings(id: string): readonly [string, string] {
  return [id, id.startsWith('#') ? id.slice(1) : `#${id}`];
}
