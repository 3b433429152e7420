/**
 * `OrderSearch`: what the page finds while the index is built elsewhere. Orders read from storage
 * are found once a copy of the index that includes them arrives; orders changed on the page are
 * found by their new text at once, and never by their old text, whatever copy is current.
 */
import { describe, expect, it } from 'vitest';
import {
  inProcessSearchBuilder,
  ShardedSearchBuilder,
  type SearchBuilder,
} from '../platform/search-worker.ts';
import { OrderSearch } from './order-search.ts';

/** An in-process builder whose answers wait until the test lets them through, like a busy worker. */
function heldBuilder() {
  const inner = inProcessSearchBuilder();
  const held: (() => void)[] = [];
  const hold = <T>(work: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => held.push(() => void work().then(resolve, reject)));
  const builder: SearchBuilder = {
    add: (batch, seq) => hold(() => inner.add(batch, seq)),
    snapshot: () => hold(() => inner.snapshot()),
  };
  const release = async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    while (held.length) {
      (held.shift() as () => void)();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  return { builder, release };
}

const found = (search: OrderSearch, text: string, slotCount = 4): number[] =>
  [...search.match(text, slotCount)].flatMap((bit, slot) => (bit === 1 ? [slot] : []));

describe('OrderSearch', () => {
  it('finds orders read from storage once a copy of the index with them has arrived', async () => {
    const { builder, release } = heldBuilder();
    const search = new OrderSearch(builder);
    let copies = 0;
    search.onChange = () => copies++;
    search.index(0, ['Jürgen Groß', 'Dresden'], false);
    search.index(1, ['Anna Smith', 'Malmö'], false);
    expect(found(search, 'jurgen')).toEqual([]);
    const arrived = search.refresh();
    expect(found(search, 'jurgen')).toEqual([]);
    await release();
    await arrived;
    expect(copies).toBe(1);
    expect(found(search, 'jurgen')).toEqual([0]);
    expect(found(search, 'malmo')).toEqual([1]);
    expect(found(search, 'juergen gross')).toEqual([0]);
  });

  it('finds an edited order by its new text at once and never by its old text', async () => {
    const { builder, release } = heldBuilder();
    const search = new OrderSearch(builder);
    search.index(0, ['Jürgen Groß', 'Dresden'], false);
    search.index(1, ['Anna Smith', 'Malmö'], false);
    const first = search.refresh();
    await release();
    await first;

    // The copy still says Dresden; the page's overlay says Köln.
    search.index(0, ['Jürgen Groß', 'Köln'], true);
    expect(found(search, 'koln')).toEqual([0]);
    expect(found(search, 'dresden')).toEqual([]);
    expect(found(search, 'jurgen')).toEqual([0]);

    // A copy asked for before a second edit includes the first edit only.
    const second = search.refresh();
    search.index(1, ['Anna Smith', 'Paris'], true);
    await release();
    await second;
    expect(found(search, 'koln')).toEqual([0]);
    expect(found(search, 'dresden')).toEqual([]);
    expect(found(search, 'paris')).toEqual([1]);
    expect(found(search, 'malmo')).toEqual([]);

    // Once a copy includes every edit, it answers alone, and still the same.
    const third = search.refresh();
    await release();
    await third;
    expect(search.copySeq).toBeGreaterThanOrEqual(3);
    expect(found(search, 'paris')).toEqual([1]);
    expect(found(search, 'malmo')).toEqual([]);
    expect(found(search, 'koln')).toEqual([0]);
  });

  it('answers a bit per slot the caller has, even for slots the copy does not know yet', async () => {
    const search = new OrderSearch(inProcessSearchBuilder());
    search.index(0, ['Lars Nowak'], false);
    await search.refresh();
    search.index(3, ['Lars Rossi'], true);
    expect(search.match('lars', 5)).toEqual(Uint8Array.from([1, 0, 0, 1, 0]));
    expect(search.match('lars', 1)).toEqual(Uint8Array.from([1]));
    expect(search.match('', 5)).toEqual(new Uint8Array(5));
  });

  it('finds orders in the copies of every builder, and an edit by its new text only', async () => {
    const search = new OrderSearch(
      new ShardedSearchBuilder([inProcessSearchBuilder(), inProcessSearchBuilder()]),
    );
    search.index(0, ['Jürgen Groß', 'Dresden'], false);
    search.index(1, ['Jürgen Meier', 'Malmö'], false);
    search.index(2, ['Anna Smith', 'Köln'], false);
    await search.refresh();
    expect(found(search, 'jurgen')).toEqual([0, 1]);
    expect(found(search, 'koln')).toEqual([2]);
    search.index(1, ['Jürgen Meier', 'Paris'], true);
    expect(found(search, 'malmo')).toEqual([]);
    expect(found(search, 'paris')).toEqual([1]);
    await search.refresh();
    expect(found(search, 'malmo')).toEqual([]);
    expect(found(search, 'paris')).toEqual([1]);
    expect(found(search, 'jurgen')).toEqual([0, 1]);
  });

  it('keeps searching when the builder fails, and reports it', async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const failing: SearchBuilder = {
        add: () => Promise.reject(new Error('worker gone')),
        snapshot: () => Promise.reject(new Error('worker gone')),
      };
      const search = new OrderSearch(failing);
      search.index(0, ['Anna Smith'], true);
      await search.refresh();
      expect(found(search, 'anna', 1)).toEqual([0]);
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      console.error = original;
    }
  });
});
