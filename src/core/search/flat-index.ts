/**
 * A flat, read-only copy of a search index made of strings and typed arrays only, so that it can
 * be built in a worker and posted to the page cheaply: structured cloning copies two strings and
 * the typed arrays' buffers move (`flatBuffers`) instead of a million small objects being cloned.
 * The page queries it synchronously with `matchFlat`, under the same rules as the live index
 * (`match.ts`), in slots of the caller's own numbering.
 *
 * The worker makes these copies (`IndexBuilder`, `index-builder.ts`); the page sends it entries in
 * the packed form defined here (`packEntries` / `unpackEntries`): one string and three buffers per
 * batch.
 *
 * Pure data: no clock, no storage, no messaging.
 */
import { matchSource, segmentAt, type MatchSource, type SlotMatches } from './match.ts';

export type { SlotMatches } from './match.ts';

/**
 * Everything a query needs. Token `t` is `tokens.slice(tokenStarts[t], tokenStarts[t + 1])`; its
 * slots are `postings[postingStarts[t] .. postingStarts[t + 1])`.
 */
export interface FlatIndex {
  /** The distinct tokens that still match some entry, sorted by UTF-16 code units, concatenated. */
  readonly tokens: string;
  /** Start of each token in `tokens`, plus `tokens.length` at the end (token count + 1 long). */
  readonly tokenStarts: Int32Array;
  /** The slots of each token's entries, token after token (a slot at most once per token). */
  readonly postings: Int32Array;
  /** Start of each token's slots in `postings`, plus `postings.length` (token count + 1 long). */
  readonly postingStarts: Int32Array;
  /** The code text of every entry that has one, separated by U+0001. */
  readonly codeText: string;
  /** Start of each entry's code text in `codeText`, ascending. */
  readonly codeStarts: Int32Array;
  /** The slot of each entry in `codeStarts`. */
  readonly codeSlots: Int32Array;
  /** Highest slot of an entry + 1 (0 when empty): the length of `matchFlat`'s bits. */
  readonly slotCount: number;
}

/** The buffers behind `flat`'s typed arrays, each once: the transfer list for `postMessage`. */
export function flatBuffers(flat: FlatIndex): ArrayBuffer[] {
  return distinctBuffers([
    flat.tokenStarts,
    flat.postings,
    flat.postingStarts,
    flat.codeStarts,
    flat.codeSlots,
  ]);
}

function distinctBuffers(arrays: readonly Int32Array[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const array of arrays) buffers.add(array.buffer as ArrayBuffer);
  return [...buffers];
}

/**
 * Whether token `t` is below `prefix`, comparing code units in place (no substring per step).
 * A token that `prefix` starts is not below it.
 */
function tokenBelow(flat: FlatIndex, t: number, prefix: string): boolean {
  const text = flat.tokens;
  const start = flat.tokenStarts[t] as number;
  const length = (flat.tokenStarts[t + 1] as number) - start;
  const shared = length < prefix.length ? length : prefix.length;
  for (let k = 0; k < shared; k++) {
    const diff = text.charCodeAt(start + k) - prefix.charCodeAt(k);
    if (diff !== 0) return diff < 0;
  }
  return length < prefix.length;
}

function forEachFlatPrefixSlot(flat: FlatIndex, prefix: string, visit: (slot: number) => void): void {
  const { tokens, tokenStarts, postings, postingStarts } = flat;
  const tokenCount = tokenStarts.length - 1;
  let lo = 0;
  let hi = tokenCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokenBelow(flat, mid, prefix)) lo = mid + 1;
    else hi = mid;
  }
  // The run of tokens from `lo` that start with `prefix`: their postings are contiguous.
  let end = lo;
  while (
    end < tokenCount &&
    (tokenStarts[end + 1] as number) - (tokenStarts[end] as number) >= prefix.length &&
    tokens.startsWith(prefix, tokenStarts[end])
  )
    end++;
  const last = postingStarts[end] as number;
  for (let k = postingStarts[lo] as number; k < last; k++) visit(postings[k] as number);
}

function forEachFlatCodeSlot(flat: FlatIndex, code: string, visit: (slot: number) => void): void {
  const { codeText: text, codeStarts: starts, codeSlots: slots } = flat;
  let from = text.indexOf(code);
  while (from !== -1) {
    const lo = segmentAt(starts, from);
    visit(slots[lo] as number);
    const next = starts[lo + 1];
    if (next === undefined) break;
    from = text.indexOf(code, next);
  }
}

/**
 * The slots of `flat` matching every word of `text`, by the same rules as `matchSlots` on the
 * index it was flattened from; `bits` is `flat.slotCount` long (a slot beyond it does not match).
 */
export function matchFlat(flat: FlatIndex, text: string): SlotMatches {
  const source: MatchSource = {
    slotCount: flat.slotCount,
    forEachPrefixSlot: (prefix, visit) => forEachFlatPrefixSlot(flat, prefix, visit),
    forEachCodeSlot: (code, visit) => forEachFlatCodeSlot(flat, code, visit),
    // Removed entries were left out when flattening: a scan reaches live slots only.
    isLive: () => true,
  };
  return matchSource(source, text);
}

/**
 * Entries in a form that crosses `postMessage` as one string and three buffers: entry `e` has slot
 * `slots[e]` and `fieldCounts[e]` fields; the fields' lengths (UTF-16 code units), entry after
 * entry, are in `fieldLengths`, and their text, concatenated without separators, in `text`.
 */
export interface PackedEntries {
  readonly slots: Int32Array;
  readonly fieldCounts: Int32Array;
  readonly fieldLengths: Int32Array;
  readonly text: string;
}

/** One entry as the page numbers it: its slot and its search fields. */
export interface SlotEntry {
  slot: number;
  fields: readonly string[];
}

/** Packs entries for the worker (see `PackedEntries`). */
export function packEntries(entries: readonly SlotEntry[]): PackedEntries {
  let fieldTotal = 0;
  for (const entry of entries) fieldTotal += entry.fields.length;
  const slots = new Int32Array(entries.length);
  const fieldCounts = new Int32Array(entries.length);
  const fieldLengths = new Int32Array(fieldTotal);
  const parts = new Array<string>(fieldTotal);
  let f = 0;
  entries.forEach((entry, e) => {
    if (!Number.isInteger(entry.slot) || entry.slot < 0 || entry.slot > 0x7fffffff)
      throw new RangeError(`packEntries: bad slot ${entry.slot}`);
    slots[e] = entry.slot;
    fieldCounts[e] = entry.fields.length;
    for (const field of entry.fields) {
      fieldLengths[f] = field.length;
      parts[f++] = field;
    }
  });
  return { slots, fieldCounts, fieldLengths, text: parts.join('') };
}

/** The entries `packEntries` packed; throws when the parts do not fit together. */
export function unpackEntries(packed: PackedEntries): SlotEntry[] {
  const { slots, fieldCounts, fieldLengths, text } = packed;
  if (fieldCounts.length !== slots.length)
    throw new RangeError('unpackEntries: one field count per slot expected');
  const entries = new Array<SlotEntry>(slots.length);
  let f = 0;
  let at = 0;
  for (let e = 0; e < slots.length; e++) {
    const count = fieldCounts[e] as number;
    if (count < 0 || f + count > fieldLengths.length)
      throw new RangeError('unpackEntries: more fields counted than lengths given');
    const fields = new Array<string>(count);
    for (let k = 0; k < count; k++) {
      const length = fieldLengths[f++] as number;
      if (length < 0 || at + length > text.length)
        throw new RangeError('unpackEntries: field lengths exceed the text');
      fields[k] = text.slice(at, at + length);
      at += length;
    }
    entries[e] = { slot: slots[e] as number, fields };
  }
  if (f !== fieldLengths.length || at !== text.length)
    throw new RangeError('unpackEntries: lengths and text left over');
  return entries;
}

/** The buffers behind `packed`'s typed arrays, each once: the transfer list for `postMessage`. */
export function packedBuffers(packed: PackedEntries): ArrayBuffer[] {
  return distinctBuffers([packed.slots, packed.fieldCounts, packed.fieldLengths]);
}
