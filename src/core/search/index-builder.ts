/**
 * What the search worker runs: an index keyed by the page's slots, filled and edited in batches
 * (`PackedEntries`), and copied on request as a `FlatIndex`. Each batch carries the page's sequence
 * number; a snapshot tells the highest one it includes, so the page knows which of its own recent
 * edits it still has to apply on top. Sequence numbers are the page's to choose (applied in any
 * order, the highest counts); `seq` is -1 until a batch arrived.
 *
 * Built for filling with 100,000 orders as fast as the flat copy allows, with few objects:
 * - every distinct token gets a number once (one map from token text to number);
 * - an entry's token numbers go, deduplicated, to the end of one growing `Int32Array`, and the
 *   entry remembers where its run starts and how long it is. Replacing an entry writes a new run
 *   and leaves the old one unused until there are as many unused numbers as used ones, when the
 *   runs are moved together;
 * - a field's token numbers are remembered per field text (`rememberField`), so a name, city or
 *   SKU seen before costs one map lookup;
 * - the tokens are kept in text order as they arrive: new ones wait until there are 2,048 of
 *   them or an eighth of the sorted ones, then are sorted and merged in, so a copy sorts few;
 * - a copy counts each token's entries and lays the postings out token after token (a counting
 *   sort, slots ascending within a token).
 * The words and code text of a field are the live index's (`analyseField`), so a copy answers as
 * `matchSlots` on a live index of the same entries.
 *
 * Pure data: no clock, no storage, no messaging.
 */
import { unpackEntries, type FlatIndex, type PackedEntries } from './flat-index.ts';
import { analyseField, CODE_SEPARATOR, rememberField } from './search-index.ts';

/** New tokens wait unsorted until there are this many, or an eighth of the sorted ones if more. */
const MERGE_TOKENS_AT = 2048;
const SORTED_SHARE = 8;

/** A field's token numbers and its code text (`null` when it is no code). */
interface FieldTokens {
  tokens: number[];
  code: string | null;
}

/** Room for `needed` numbers: `array` itself, or a copy at least twice as long. */
function grown(array: Int32Array<ArrayBuffer>, needed: number, fill = 0): Int32Array<ArrayBuffer> {
  if (needed <= array.length) return array;
  const next = new Int32Array(Math.max(needed, array.length * 2, 1024));
  if (fill !== 0) next.fill(fill, array.length);
  next.set(array);
  return next;
}

export class IndexBuilder {
  #seq = -1;
  /** Number of each distinct token, and the token of each number. */
  readonly #tokenNumber = new Map<string, number>();
  readonly #tokenText: string[] = [];
  /** Token numbers sorted by their text; tokens numbered since the last merge are not in it. */
  #sorted = new Int32Array(0);
  /** Per token: the last entry (`#entryMark`) it was taken for, to take it once per entry. */
  #takenFor = new Int32Array(0);
  #entryMark = 0;
  /** Every entry's token numbers, run after run. */
  #runs = new Int32Array(0);
  #runsUsed = 0;
  /** Numbers in `#runs` that belong to no entry any more. */
  #unused = 0;
  /** Per slot: where its run starts (-1 when the slot holds no entry) and how long it is. */
  #runStart = new Int32Array(0);
  #runLength = new Int32Array(0);
  /** Per slot: its code text, `''` when none. */
  readonly #codes: string[] = [];
  #size = 0;
  readonly #memo = new Map<string, FieldTokens>();

  /** Adds entries, or replaces the fields of entries whose slot was added before. */
  add(batch: PackedEntries, seq: number): void {
    const codes: string[] = [];
    for (const { slot, fields } of unpackEntries(batch)) {
      if (slot < 0) throw new RangeError(`IndexBuilder.add: bad slot ${slot}`);
      this.#release(slot);
      const mark = ++this.#entryMark;
      const start = this.#runsUsed;
      codes.length = 0;
      for (const field of fields) {
        const analysis = this.#analyse(field);
        if (analysis.code !== null) codes.push(analysis.code);
        const tokens = analysis.tokens;
        this.#runs = grown(this.#runs, this.#runsUsed + tokens.length);
        for (let k = 0; k < tokens.length; k++) {
          const token = tokens[k] as number;
          if (this.#takenFor[token] === mark) continue;
          this.#takenFor[token] = mark;
          this.#runs[this.#runsUsed++] = token;
        }
      }
      this.#runStart[slot] = start;
      this.#runLength[slot] = this.#runsUsed - start;
      this.#codes[slot] = codes.length === 0 ? '' : codes.join(CODE_SEPARATOR);
      this.#size++;
    }
    const waiting = this.#tokenText.length - this.#sorted.length;
    if (waiting >= Math.max(MERGE_TOKENS_AT, this.#sorted.length / SORTED_SHARE)) this.#sortTokens();
    this.#applied(seq);
  }

  /** Removes the entries of these slots; unknown slots are ignored. */
  remove(slots: Int32Array, seq: number): void {
    for (const slot of slots) if (slot >= 0 && slot < this.#runStart.length) this.#release(slot);
    this.#applied(seq);
  }

  /** Number of entries held. */
  get size(): number {
    return this.#size;
  }

  /** A flat copy of every entry added and not removed, and the highest `seq` applied. */
  snapshot(): { flat: FlatIndex; seq: number } {
    if (this.#unused > 0 && this.#unused >= this.#runsUsed - this.#unused) this.#compact();
    const order = this.#sortTokens();
    const tokenCount = this.#tokenText.length;
    const runStart = this.#runStart;
    const runLength = this.#runLength;
    const runs = this.#runs;

    // Entries per token, and the highest slot with an entry.
    const counts = new Int32Array(tokenCount);
    let slotCount = 0;
    let postingCount = 0;
    for (let slot = 0; slot < runStart.length; slot++) {
      const start = runStart[slot] as number;
      if (start < 0) continue;
      slotCount = slot + 1;
      const end = start + (runLength[slot] as number);
      for (let k = start; k < end; k++) {
        const token = runs[k] as number;
        counts[token] = (counts[token] as number) + 1;
      }
      postingCount += end - start;
    }

    // Tokens that some entry still has, in text order; where each one's postings go.
    let shown = 0;
    for (let i = 0; i < order.length; i++) if ((counts[order[i] as number] as number) > 0) shown++;
    const parts: string[] = [];
    const tokenStarts = new Int32Array(shown + 1);
    const postingStarts = new Int32Array(shown + 1);
    const next = new Int32Array(tokenCount);
    let t = 0;
    let chars = 0;
    let at = 0;
    for (let i = 0; i < order.length; i++) {
      const token = order[i] as number;
      const count = counts[token] as number;
      if (count === 0) continue;
      const text = this.#tokenText[token] as string;
      parts.push(text);
      tokenStarts[t] = chars;
      postingStarts[t] = at;
      next[token] = at;
      chars += text.length;
      at += count;
      t++;
    }
    tokenStarts[shown] = chars;
    postingStarts[shown] = at;

    // Postings, slots ascending within each token; code text in slot order.
    const postings = new Int32Array(postingCount);
    const codeParts: string[] = [];
    const codeStarts: number[] = [];
    const codeSlots: number[] = [];
    let offset = 0;
    for (let slot = 0; slot < slotCount; slot++) {
      const start = runStart[slot] as number;
      if (start < 0) continue;
      const end = start + (runLength[slot] as number);
      for (let k = start; k < end; k++) {
        const token = runs[k] as number;
        const to = next[token] as number;
        postings[to] = slot;
        next[token] = to + 1;
      }
      const code = this.#codes[slot] as string;
      if (code === '') continue;
      codeParts.push(code);
      codeStarts.push(offset);
      codeSlots.push(slot);
      offset += code.length + CODE_SEPARATOR.length;
    }

    return {
      flat: {
        tokens: parts.join(''),
        tokenStarts,
        postings,
        postingStarts,
        // One byte per character when every entry's code text is (`analyseField`).
        codeText: codeParts.join(CODE_SEPARATOR),
        codeStarts: Int32Array.from(codeStarts),
        codeSlots: Int32Array.from(codeSlots),
        slotCount,
      },
      seq: this.#seq,
    };
  }

  /** The token numbers of a field, numbering tokens not seen before. */
  #analyse(field: string): FieldTokens {
    const known = this.#memo.get(field);
    if (known !== undefined) return known;
    const analysis = analyseField(field);
    const tokens: number[] = [];
    for (const text of analysis.tokens) {
      let token = this.#tokenNumber.get(text);
      if (token === undefined) {
        token = this.#tokenText.length;
        this.#tokenNumber.set(text, token);
        this.#tokenText.push(text);
      }
      tokens.push(token);
    }
    this.#takenFor = grown(this.#takenFor, this.#tokenText.length);
    const found = { tokens, code: analysis.code };
    rememberField(this.#memo, field, found);
    return found;
  }

  /** Forgets what `slot` held, making room for it when it is new. */
  #release(slot: number): void {
    if (slot >= this.#runStart.length) {
      this.#runStart = grown(this.#runStart, slot + 1, -1);
      this.#runLength = grown(this.#runLength, slot + 1);
    }
    const start = this.#runStart[slot] as number;
    while (this.#codes.length <= slot) this.#codes.push('');
    if (start < 0) return;
    this.#unused += this.#runLength[slot] as number;
    this.#runStart[slot] = -1;
    this.#runLength[slot] = 0;
    this.#codes[slot] = '';
    this.#size--;
  }

  /** Moves the runs of the entries held together, in slot order. */
  #compact(): void {
    const runs = new Int32Array(Math.max(1024, (this.#runsUsed - this.#unused) * 2));
    let used = 0;
    for (let slot = 0; slot < this.#runStart.length; slot++) {
      const start = this.#runStart[slot] as number;
      if (start < 0) continue;
      const length = this.#runLength[slot] as number;
      runs.set(this.#runs.subarray(start, start + length), used);
      this.#runStart[slot] = used;
      used += length;
    }
    this.#runs = runs;
    this.#runsUsed = used;
    this.#unused = 0;
  }

  /** Every token number in the order of its text (UTF-16 code units), kept for later merges. */
  #sortTokens(): Int32Array {
    const old = this.#sorted;
    const total = this.#tokenText.length;
    if (old.length === total) return old;
    const text = this.#tokenText;
    const incoming = Array.from({ length: total - old.length }, (_, i) => old.length + i).sort((x, y) => {
      const a = text[x] as string;
      const b = text[y] as string;
      return a < b ? -1 : a > b ? 1 : 0;
    });
    const merged = new Int32Array(total);
    let i = 0;
    let j = 0;
    for (let k = 0; k < total; k++) {
      const a = old[i];
      const b = incoming[j];
      if (b === undefined || (a !== undefined && (text[a] as string) < (text[b] as string))) {
        merged[k] = a as number;
        i++;
      } else {
        merged[k] = b;
        j++;
      }
    }
    this.#sorted = merged;
    return merged;
  }

  #applied(seq: number): void {
    if (seq > this.#seq) this.#seq = seq;
  }
}
