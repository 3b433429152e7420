/**
 * The matching rules of search, written once over a small `MatchSource` interface that both the
 * live index (`search-index.ts`) and the flat, transferable index (`flat-index.ts`) implement, so
 * the two answer every query the same way.
 *
 * The query is split on white space into words; every query word must match the entry, either
 * - by prefix: each folded sub-word of the query word ("jur", or "123" and "45" of "123-45") is
 *   the start of some indexed token of the entry (folded or umlaut-expanded, see `normalize.ts`),
 *   trying both spellings of a query sub-word that has an expanded one, or
 * - by code: the query word with everything but letters and digits removed (at least
 *   `MIN_CODE_CHARS` long and containing a digit) occurs anywhere in the entry's code text.
 * A query of several words is also tried as one code, so a tracking number typed in groups
 * ("JJD 0001 2345") is found too. An empty query matches nothing.
 */
import { compactForSearch, expand, fold, words } from './normalize.ts';

/** Shortest code query searched by substring; shorter ones would match nearly everything. */
export const MIN_CODE_CHARS = 3;
const DIGIT_RE = /\p{N}/u;

/** What an index offers the matcher. Slots are small non-negative integers below `slotCount`. */
export interface MatchSource {
  /** One more than the highest slot a scan may report. */
  readonly slotCount: number;
  /** Calls `visit` with the slots of every token starting with `prefix` (a slot may repeat). */
  forEachPrefixSlot(prefix: string, visit: (slot: number) => void): void;
  /** Calls `visit` with every slot whose code text contains `code` (a slot may repeat). */
  forEachCodeSlot(code: string, visit: (slot: number) => void): void;
  /** Whether the slot holds an entry now (not removed). */
  isLive(slot: number): boolean;
}

/** Which slots match a query: `bits[slot]` is 1 for a match; `count` is the number of ones. */
export interface SlotMatches {
  bits: Uint8Array;
  count: number;
}

interface QueryWord {
  /** Sub-words, each with its spellings (folded, and expanded where different). */
  terms: string[][];
  /** The word as a code, when long enough and containing a digit. */
  code: string | null;
}

function asCode(text: string): string | null {
  const code = compactForSearch(text);
  return code.length >= MIN_CODE_CHARS && DIGIT_RE.test(code) ? code : null;
}

function parseWord(word: string): QueryWord {
  const folded = words(fold(word));
  const expandedText = expand(word);
  const expanded = expandedText === null ? null : words(expandedText);
  const terms = folded.map((term, i) => {
    const other = expanded && expanded.length === folded.length ? expanded[i] : undefined;
    return other !== undefined && other !== term ? [term, other] : [term];
  });
  return { terms, code: asCode(word) };
}

/**
 * The segment of a text of joined segments that holds position `at`: the last of the ascending
 * segment `starts` that is at most `at`. Both indexes keep their code texts this way.
 */
export function segmentAt(starts: Int32Array, at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((starts[mid] as number) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The words of a query that can match anything; none for an empty or punctuation-only query. */
function parseQuery(text: string): QueryWord[] {
  return text
    .split(/\s+/)
    .filter((word) => word !== '')
    .map(parseWord)
    .filter((word) => word.terms.length > 0 || word.code !== null);
}

/** The slots of `source` matching every word of `text` (see the module header for the rules). */
export function matchSource(source: MatchSource, text: string): SlotMatches {
  const slotCount = source.slotCount;
  const queryWords = parseQuery(text);
  if (queryWords.length === 0) return { bits: new Uint8Array(slotCount), count: 0 };

  // matched[slot] = number of query words matched so far; a slot only advances from g to g+1.
  const matched = new Uint16Array(slotCount);
  // Per word: termsMatched[slot] = number of its sub-words matched so far, the same way.
  const termsMatched = new Uint16Array(slotCount);
  queryWords.forEach((word, g) => {
    termsMatched.fill(0);
    word.terms.forEach((spellings, t) => {
      const advance = (slot: number): void => {
        if (termsMatched[slot] === t && matched[slot] === g) termsMatched[slot] = t + 1;
      };
      for (const spelling of spellings) source.forEachPrefixSlot(spelling, advance);
    });
    const all = word.terms.length;
    if (word.code !== null) {
      source.forEachCodeSlot(word.code, (slot) => {
        if (matched[slot] === g) termsMatched[slot] = all;
      });
    }
    for (let slot = 0; slot < slotCount; slot++) {
      if (matched[slot] === g && termsMatched[slot] === all) matched[slot] = g + 1;
    }
  });

  const wanted = queryWords.length;
  const whole = queryWords.length > 1 ? asCode(text) : null;
  if (whole !== null) {
    source.forEachCodeSlot(whole, (slot) => {
      matched[slot] = wanted;
    });
  }
  const bits = new Uint8Array(slotCount);
  let count = 0;
  for (let slot = 0; slot < slotCount; slot++) {
    if (matched[slot] === wanted && source.isLive(slot)) {
      bits[slot] = 1;
      count++;
    }
  }
  return { bits, count };
}
