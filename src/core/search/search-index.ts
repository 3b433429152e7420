/**
 * An in-memory search index over orders (or anything with an id and some text fields), kept live
 * by the app through `upsertEntry` / `removeEntry`. Pure data structure: no storage, no clock.
 *
 * Matching (the rules live in `match.ts`, shared with the flat index of `flat-index.ts`): every
 * query word must match the entry, either
 * - by prefix: each folded sub-word of the query word ("jur", or "123" and "45" of "123-45") is
 *   the start of some word of some field (folded or umlaut-expanded, see `normalize.ts`), or
 * - by code: the query word with spaces and dashes removed (at least `MIN_CODE_CHARS` long and
 *   containing a digit) occurs anywhere in a code field (an order id, tracking number or phone
 *   number: mostly digits) with that field's spaces and dashes removed ("3941689-877" finds
 *   "114-3941689-8772232"). A query of several words is also tried as one code, so a tracking
 *   number typed in groups ("JJD 0001 2345") is found too.
 *
 * Structure, chosen for 100k orders on a phone:
 * - words: a sorted array of distinct tokens (binary search finds the first token with a prefix;
 *   the run of tokens after it shares the prefix) and a map token -> entry slots. New tokens from
 *   live edits wait in a small unsorted list, merged into the sorted array once it grows
 *   (`PENDING_MERGE_AT`, or an eighth of the sorted array), so an edit never re-sorts 100k tokens
 *   and filling the index one entry at a time stays linear.
 * - codes: all entries' code text in one string, separated by U+0001, searched with
 *   `String.prototype.indexOf`; an entry's offset is found by binary search. Edited entries move
 *   to a small side map and their old text is ignored until the next rebuild (`TAIL_REBUILD_AT`,
 *   or an eighth of the entries in the big string).
 */
import { matchSource, segmentAt, type SlotMatches } from './match.ts';
import { expand, fold, words } from './normalize.ts';

export { MIN_CODE_CHARS, type SlotMatches } from './match.ts';

export interface SearchEntry {
  id: string;
  fields: readonly string[];
}

/**
 * New tokens kept unsorted until there are this many, or an eighth of the sorted ones if more:
 * growing with the index, merging stays linear overall while 100,000 entries arrive one by one
 * (a fixed count merged the whole sorted array every 2,048 new tokens, quadratic).
 */
const PENDING_MERGE_AT = 2048;
/** Edited entries' code text kept aside until there are this many, or an eighth of the rest. */
const TAIL_REBUILD_AT = 2048;
/** The side lists may grow to 1/`SIDE_SHARE` of the sorted part before they are folded in. */
const SIDE_SHARE = 8;
/** Fields whose analysis is remembered (names, cities and SKUs repeat across orders). */
const FIELD_MEMO_SIZE = 20_000;
/** Shortest field treated as a code. */
const MIN_CODE_FIELD_CHARS = 4;
/** Longer digit-bearing words of a code field are found through the code text only. */
const MAX_CODE_TOKEN_CHARS = 5;
/** Between the code texts of two fields of an entry; never part of a code. */
export const CODE_SEPARATOR = '\u0001';
const DIGIT_RE = /\p{N}/u;
const NOT_WORD_RE = /[^\p{L}\p{N}]+/gu;

interface Posting {
  token: string;
  slots: number[];
}

export interface SearchIndex {
  /** Entry slot by id; slots are never reused. */
  readonly slotOf: Map<string, number>;
  /** Id per slot; `null` for a removed entry. */
  readonly ids: (string | null)[];
  /** Tokens per slot, to unlink them on update or removal. */
  readonly tokensOf: string[][];
  /** Code text per slot (`''` when none). */
  readonly codesOf: string[];
  readonly postings: Map<string, Posting>;
  /** Postings in token order (prefix scans walk this without hashing). */
  sorted: Posting[];
  /** Postings of tokens added since the last merge, unsorted. */
  pending: Posting[];
  codes: {
    text: string;
    /** Start offset of each segment in `text`, ascending. */
    starts: Int32Array;
    /** Slot of each segment. */
    slots: Int32Array;
    /** Slots whose code text lives in `tail` instead of `text`. */
    moved: Set<number>;
    tail: Map<number, string>;
  };
  /** Number of live entries. */
  size: number;
  /** What `analyseField` answered per field text, cleared when it holds `FIELD_MEMO_SIZE`. */
  readonly fieldMemo: Map<string, FieldAnalysis>;
}

/** One field's words as indexed and, when it is a code, its code text. */
export interface FieldAnalysis {
  tokens: readonly string[];
  code: string | null;
}

/**
 * Whether a field is a code (order id, tracking number, phone): at least `MIN_CODE_FIELD_CHARS`
 * letters and digits, half or more of them digits. Names, streets and e-mail addresses are not.
 */
function isCode(compact: string): boolean {
  if (compact.length < MIN_CODE_FIELD_CHARS) return false;
  let digits = 0;
  for (let i = 0; i < compact.length; i++) {
    const c = compact.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  return digits * 2 >= compact.length;
}

/** Longest code text `oneByte` rewrites. */
const ONE_BYTE_MAX_CHARS = 4096;

/**
 * `text` stored one byte per character when every character is below U+0100. V8 keeps a string
 * cut from a two-byte string two-byte (lower-cased too), and fields cut from a batch with one
 * Cyrillic name are all such strings; `String.fromCharCode` decides by content. Code text is
 * nearly always ASCII: joined one byte per character, it takes half the memory and `indexOf` scans
 * it faster.
 */
function oneByte(text: string): string {
  // Arguments of one call are limited; a code that long is no code anyone types.
  if (text.length > ONE_BYTE_MAX_CHARS) return text;
  const codes = new Array<number>(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) return text;
    codes[i] = code;
  }
  return String.fromCharCode.apply(null, codes);
}

/**
 * The words and code text of lower-case text that is printable ASCII: a field's lower-case form
 * (most ids, e-mail addresses, zips, SKUs, and many names) or what folding made of a field. One
 * pass over its characters: in ASCII, `\p{L}` is a-z and A-Z and `\p{N}` is 0-9, so the answer
 * is the one of Unicode regular expressions. `null` for any other text.
 */
function analyseAscii(lower: string): FieldAnalysis | null {
  const found: string[] = [];
  // Per word: whether it has a digit.
  const withDigit: boolean[] = [];
  let digits = 0;
  let alphanumerics = 0;
  let start = -1;
  let wordDigit = false;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    if (c < 0x20 || c > 0x7e) return null;
    const digit = c >= 48 && c <= 57;
    if (digit || (c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
      if (start === -1) {
        start = i;
        wordDigit = false;
      }
      alphanumerics++;
      if (digit) {
        digits++;
        wordDigit = true;
      }
    } else if (start !== -1) {
      found.push(lower.slice(start, i));
      withDigit.push(wordDigit);
      start = -1;
    }
  }
  const code = digits > 0 && alphanumerics >= MIN_CODE_FIELD_CHARS && digits * 2 >= alphanumerics;
  if (!code) return { tokens: found, code: null };
  const tokens: string[] = [];
  for (let k = 0; k < found.length; k++) {
    const word = found[k] as string;
    if (word.length <= MAX_CODE_TOKEN_CHARS || !withDigit[k]) tokens.push(word);
  }
  return { tokens, code: oneByte(found.join('')) };
}

/**
 * Keeps what was worked out for a field's text in `memo`, unless the field is a code: codes (order
 * ids, tracking numbers) are unique, and remembering them would only push out the names, cities
 * and streets that do repeat. A full memo starts afresh (`FIELD_MEMO_SIZE`).
 */
export function rememberField<T>(
  memo: Map<string, T>,
  field: string,
  answer: T & { code: string | null },
): void {
  if (answer.code !== null) return;
  if (memo.size >= FIELD_MEMO_SIZE) memo.clear();
  memo.set(field, answer);
}

/** What one field is found by: its word tokens (see `analyse`) and its code text, if a code. */
export function analyseField(field: string): FieldAnalysis {
  // `fold` leaves lower-case ASCII as it is, and such a field has nothing to expand.
  const quick = analyseAscii(field.toLowerCase());
  if (quick !== null) return quick;
  const folded = fold(field);
  // Letters folded to ASCII ("Jürgen" to "jurgen") take the one-pass path too.
  const { tokens, code } = analyseAscii(folded) ?? analyseUnicode(folded);
  const expanded = expand(field);
  return expanded === null ? { tokens, code } : { tokens: [...tokens, ...words(expanded)], code };
}

/** `analyseField` of folded text that is not printable ASCII, by Unicode letters and digits. */
function analyseUnicode(folded: string): FieldAnalysis {
  const compact = DIGIT_RE.test(folded) ? folded.replace(NOT_WORD_RE, '') : '';
  const code = compact !== '' && isCode(compact);
  const tokens = words(folded).filter(
    (word) => !code || word.length <= MAX_CODE_TOKEN_CHARS || !DIGIT_RE.test(word),
  );
  return { tokens, code: code ? oneByte(compact) : null };
}

/**
 * What an entry is found by: its word tokens (folded and, where different, expanded) and its
 * code text. A long digit-bearing word of a code field is left out of the tokens: the code text
 * finds it by any part, and 100k unique tracking numbers as tokens would double the index.
 */
function analyse(index: SearchIndex, fields: readonly string[]): { tokens: string[]; codes: string } {
  const tokens = new Set<string>();
  const codes: string[] = [];
  const memo = index.fieldMemo;
  for (const field of fields) {
    let analysis = memo.get(field);
    if (analysis === undefined) {
      analysis = analyseField(field);
      rememberField(memo, field, analysis);
    }
    if (analysis.code !== null) codes.push(analysis.code);
    for (const token of analysis.tokens) tokens.add(token);
  }
  return { tokens: [...tokens], codes: codes.join(CODE_SEPARATOR) };
}

function link(index: SearchIndex, slot: number, tokens: readonly string[]): void {
  for (const token of tokens) {
    const posting = index.postings.get(token);
    if (posting) {
      posting.slots.push(slot);
    } else {
      const created = { token, slots: [slot] };
      index.postings.set(token, created);
      index.pending.push(created);
    }
  }
}

function unlink(index: SearchIndex, slot: number): void {
  for (const token of index.tokensOf[slot] ?? []) {
    const slots = index.postings.get(token)?.slots;
    if (!slots) continue;
    const at = slots.indexOf(slot);
    if (at >= 0) slots.splice(at, 1);
    // An emptied token stays in the map and the sorted array; it simply matches nothing.
  }
}

function mergePending(index: SearchIndex): void {
  if (index.pending.length === 0) return;
  const incoming = index.pending.sort((x, y) => (x.token < y.token ? -1 : x.token > y.token ? 1 : 0));
  const sorted = index.sorted;
  const merged = new Array<Posting>(sorted.length + incoming.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < sorted.length || j < incoming.length) {
    const a = sorted[i];
    const b = incoming[j];
    if (b === undefined || (a !== undefined && a.token < b.token)) {
      merged[k++] = a as Posting;
      i++;
    } else {
      merged[k++] = b;
      j++;
    }
  }
  index.sorted = merged;
  index.pending = [];
}

function rebuildCodes(index: SearchIndex): void {
  const parts: string[] = [];
  const starts: number[] = [];
  const slots: number[] = [];
  let offset = 0;
  index.codesOf.forEach((codes, slot) => {
    if (codes === '' || index.ids[slot] === null) return;
    starts.push(offset);
    slots.push(slot);
    parts.push(codes);
    offset += codes.length + CODE_SEPARATOR.length;
  });
  index.codes = {
    text: parts.join(CODE_SEPARATOR),
    starts: Int32Array.from(starts),
    slots: Int32Array.from(slots),
    moved: new Set(),
    tail: new Map(),
  };
}

/** Build an index. Later entries with an id seen before replace the earlier one. */
export function createSearchIndex(entries: readonly SearchEntry[]): SearchIndex {
  const index: SearchIndex = {
    slotOf: new Map(),
    ids: [],
    tokensOf: [],
    codesOf: [],
    postings: new Map(),
    sorted: [],
    pending: [],
    codes: {
      text: '',
      starts: new Int32Array(0),
      slots: new Int32Array(0),
      moved: new Set(),
      tail: new Map(),
    },
    size: 0,
    fieldMemo: new Map(),
  };
  // Thresholds are for live edits; a build sorts and joins once at the end.
  for (const entry of entries) put(index, entry);
  mergePending(index);
  rebuildCodes(index);
  return index;
}

/** Add an entry, or replace the fields of the entry with the same id. */
export function upsertEntry(index: SearchIndex, entry: SearchEntry): void {
  put(index, entry);
  if (index.pending.length >= Math.max(PENDING_MERGE_AT, index.sorted.length / SIDE_SHARE))
    mergePending(index);
  if (index.codes.tail.size >= Math.max(TAIL_REBUILD_AT, index.codes.slots.length / SIDE_SHARE))
    rebuildCodes(index);
}

function put(index: SearchIndex, entry: SearchEntry): void {
  let slot = index.slotOf.get(entry.id);
  if (slot === undefined) {
    slot = index.ids.length;
    index.slotOf.set(entry.id, slot);
    index.ids.push(entry.id);
    index.tokensOf.push([]);
    index.codesOf.push('');
    index.size += 1;
  } else {
    unlink(index, slot);
  }
  const { tokens, codes } = analyse(index, entry.fields);
  index.tokensOf[slot] = tokens;
  link(index, slot, tokens);
  index.codesOf[slot] = codes;
  // Code text in the big string is now stale (or absent): this entry's codes live in the tail.
  index.codes.moved.add(slot);
  if (codes === '') index.codes.tail.delete(slot);
  else index.codes.tail.set(slot, codes);
}

/** Remove an entry; unknown ids are ignored. */
export function removeEntry(index: SearchIndex, id: string): void {
  const slot = index.slotOf.get(id);
  if (slot === undefined) return;
  unlink(index, slot);
  index.slotOf.delete(id);
  index.ids[slot] = null;
  index.tokensOf[slot] = [];
  index.codesOf[slot] = '';
  index.codes.moved.add(slot);
  index.codes.tail.delete(slot);
  index.size -= 1;
}

/** First position in `sorted` whose token is >= `prefix`. */
function lowerBound(sorted: readonly Posting[], prefix: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as Posting).token < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Calls `visit` with the slots of every token starting with `prefix` (a slot may repeat). */
function forEachPrefixSlot(index: SearchIndex, prefix: string, visit: (slot: number) => void): void {
  const sorted = index.sorted;
  for (let i = lowerBound(sorted, prefix); i < sorted.length; i++) {
    const posting = sorted[i] as Posting;
    if (!posting.token.startsWith(prefix)) break;
    const slots = posting.slots;
    for (let k = 0; k < slots.length; k++) visit(slots[k] as number);
  }
  for (const posting of index.pending) {
    if (posting.token.startsWith(prefix)) for (const slot of posting.slots) visit(slot);
  }
}

/** Calls `visit` with every slot whose code text contains `code`. */
function forEachCodeSlot(index: SearchIndex, code: string, visit: (slot: number) => void): void {
  const { text, starts, slots, moved, tail } = index.codes;
  let from = text.indexOf(code);
  while (from !== -1) {
    const lo = segmentAt(starts, from);
    const slot = slots[lo] as number;
    if (!moved.has(slot)) visit(slot);
    const next = starts[lo + 1];
    if (next === undefined) break;
    from = text.indexOf(code, next);
  }
  for (const [slot, codes] of tail) if (codes.includes(code)) visit(slot);
}

/**
 * Ids of the entries matching every word of `text`, in the order they were first added. An
 * empty query matches nothing (the caller shows its unfiltered list instead).
 */
export function query(index: SearchIndex, text: string): string[] {
  const { bits } = matchSlots(index, text);
  const result: string[] = [];
  for (let slot = 0; slot < bits.length; slot++) {
    const id = index.ids[slot];
    if (bits[slot] === 1 && id !== null && id !== undefined) result.push(id);
  }
  return result;
}

/**
 * `query` as a bit per slot, for callers that hold the slots of their rows: no id strings, no
 * set of 100,000 ids when a query matches everything.
 */
export function matchSlots(index: SearchIndex, text: string): SlotMatches {
  // Many new tokens since the last merge would make every prefix scan walk them unsorted.
  if (index.pending.length > 0 && index.pending.length * SIDE_SHARE > index.sorted.length)
    mergePending(index);
  return matchSource(
    {
      slotCount: index.ids.length,
      forEachPrefixSlot: (prefix, visit) => forEachPrefixSlot(index, prefix, visit),
      forEachCodeSlot: (code, visit) => forEachCodeSlot(index, code, visit),
      isLive: (slot) => index.ids[slot] !== null,
    },
    text,
  );
}
