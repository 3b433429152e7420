/**
 * Finding orders by what the seller types, for 100,000 orders on a phone. The index is built away
 * from the page's main thread (`SearchBuilder`: the search workers, each holding part of the
 * orders); the page queries their flat copies (`FlatIndex`, only strings and typed arrays)
 * synchronously on every keystroke and joins what each finds.
 *
 *   OrderCache.put ──► index(slot, fields) ──► batch per task ──► workers: IndexBuilder.add
 *                            │                                        │
 *                            └─► overlay (edits)     refresh() ◄── snapshot: flat copies + seq
 *
 * A copy is as current as the batches sent before it was asked for. Orders the seller edits here
 * are also indexed at once in a small live index on the page (the overlay), so that an edited
 * buyer name is found on the next keystroke; a copy that includes an edit (its `seq`) replaces the
 * overlay's entry. Slots are the caller's (`OrderCache`): one per order, never reused.
 */
import { matchFlat, type FlatIndex } from '../core/search/flat-index.ts';
import {
  createSearchIndex,
  matchSlots,
  removeEntry,
  upsertEntry,
  type SearchIndex,
} from '../core/search/search-index.ts';
import type { SearchBuilder } from '../platform/search-worker.ts';

export class OrderSearch {
  readonly #builder: SearchBuilder;
  /** The copies of the index; together they hold every entry, each entry in one. */
  #bases: readonly FlatIndex[] = [];
  #baseSeq = 0;
  /** Live entries keyed by `String(slot)`, with the batch each was last sent in. */
  #overlay: SearchIndex = createSearchIndex([]);
  readonly #overlaySeq = new Map<number, number>();
  #queue: { slot: number; fields: readonly string[] }[] = [];
  #flushQueued = false;
  /** The last batch number used. */
  #seq = 0;
  #refreshes: Promise<void> = Promise.resolve();
  /** Changes whenever a query may answer differently. */
  stamp = 0;
  /** Told when a new copy of the index has arrived. */
  onChange: () => void = () => undefined;

  constructor(builder: SearchBuilder) {
    this.#builder = builder;
  }

  /**
   * Indexes an order's search fields under `slot`, replacing what it had. With `now`, the order is
   * found on the next query (the overlay) and the worker is sent it at the end of the task;
   * otherwise it waits for the caller's next `flush` or `refresh` (a load sends a page at a time:
   * each message to the worker costs the page a little) and is found once the next copy arrives.
   */
  index(slot: number, fields: readonly string[], now: boolean): void {
    this.#queue.push({ slot, fields });
    if (!now) return;
    upsertEntry(this.#overlay, { id: String(slot), fields });
    this.#overlaySeq.set(slot, this.#seq + 1);
    this.stamp++;
    if (!this.#flushQueued) {
      this.#flushQueued = true;
      queueMicrotask(() => this.flush());
    }
  }

  /** Sends the entries indexed since the last batch. */
  flush(): void {
    this.#flushQueued = false;
    if (this.#queue.length === 0) return;
    const batch = this.#queue;
    this.#queue = [];
    this.#seq++;
    this.#builder.add(batch, this.#seq).catch((error: unknown) => console.error('search index', error));
  }

  /** Fetches a copy of the index with everything indexed so far; copies arrive in order. */
  refresh(): Promise<void> {
    this.flush();
    const copy = this.#builder.snapshot();
    // Its failure is reported below, in turn.
    copy.catch(() => undefined);
    const next = this.#refreshes.then(async () => {
      try {
        const { flats, seq } = await copy;
        this.#accept(flats, seq);
      } catch (error) {
        console.error('search index', error);
      }
    });
    this.#refreshes = next;
    return next;
  }

  #accept(flats: readonly FlatIndex[], seq: number): void {
    this.#bases = flats;
    this.#baseSeq = seq;
    for (const [slot, sentIn] of this.#overlaySeq) {
      if (sentIn > seq) continue;
      this.#overlaySeq.delete(slot);
      removeEntry(this.#overlay, String(slot));
    }
    // Emptied, it starts afresh (a removed entry's tokens stay behind otherwise).
    if (this.#overlaySeq.size === 0 && this.#overlay.ids.length > 0) this.#overlay = createSearchIndex([]);
    this.stamp++;
    this.onChange();
  }

  /** The batch number the current copy includes; for tests. */
  get copySeq(): number {
    return this.#baseSeq;
  }

  /** A bit per slot (`slotCount` of them): 1 where the order matches every word of `text`. */
  match(text: string, slotCount: number): Uint8Array {
    const bits = new Uint8Array(slotCount);
    this.#bases.forEach((base, k) => {
      const found = matchFlat(base, text).bits;
      const length = Math.min(found.length, slotCount);
      if (k === 0) {
        bits.set(found.subarray(0, length));
        return;
      }
      for (let slot = 0; slot < length; slot++) bits[slot] = (bits[slot] as number) | (found[slot] as number);
    });
    if (this.#overlaySeq.size > 0) {
      const overlay = this.#overlay;
      const found = matchSlots(overlay, text).bits;
      for (const slot of this.#overlaySeq.keys()) {
        const at = overlay.slotOf.get(String(slot));
        if (slot < slotCount) bits[slot] = at === undefined ? 0 : (found[at] as number);
      }
    }
    return bits;
  }
}
