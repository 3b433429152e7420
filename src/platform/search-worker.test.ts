/**
 * `ShardedSearchBuilder`: the orders shared among builders by slot, each batch split among them,
 * and one snapshot made of every builder's copy.
 */
import { describe, expect, it } from 'vitest';
import { matchFlat, type SlotEntry } from '../core/search/flat-index.ts';
import { inProcessSearchBuilder, ShardedSearchBuilder, type SearchBuilder } from './search-worker.ts';

/** An in-process builder that also keeps what it was sent. */
function recordingBuilder() {
  const inner = inProcessSearchBuilder();
  const sent: { slots: number[]; seq: number }[] = [];
  const builder: SearchBuilder = {
    add: async (batch: readonly SlotEntry[], seq: number) => {
      sent.push({ slots: batch.map((entry) => entry.slot), seq });
      await inner.add(batch, seq);
    },
    snapshot: () => inner.snapshot(),
  };
  return { builder, sent };
}

describe('ShardedSearchBuilder', () => {
  it('sends each builder the entries of its slots with every seq, and copies from all', async () => {
    const even = recordingBuilder();
    const odd = recordingBuilder();
    const sharded = new ShardedSearchBuilder([even.builder, odd.builder]);
    const names = ['Jürgen Groß', 'Anna Smith', 'Åsa Ängström', 'Jürgen Meier', 'Lars Nowak'];
    await sharded.add(
      names.map((name, slot) => ({ slot, fields: [name] })),
      1,
    );
    await sharded.add([{ slot: 4, fields: ['Lars Rossi'] }], 2);
    expect(even.sent).toEqual([
      { slots: [0, 2, 4], seq: 1 },
      { slots: [4], seq: 2 },
    ]);
    // An empty part too: its copy then tells the last batch.
    expect(odd.sent).toEqual([
      { slots: [1, 3], seq: 1 },
      { slots: [], seq: 2 },
    ]);

    const { flats, seq } = await sharded.snapshot();
    expect(seq).toBe(2);
    expect(flats).toHaveLength(2);
    const found = (text: string) =>
      flats.flatMap((flat) => [...matchFlat(flat, text).bits].flatMap((bit, slot) => (bit ? [slot] : [])));
    expect(found('jurgen').sort()).toEqual([0, 3]);
    expect(found('rossi')).toEqual([4]);
    expect(found('nowak')).toEqual([]);
  });

  it('tells the lowest seq its builders copied', async () => {
    const ahead = inProcessSearchBuilder();
    const behind = inProcessSearchBuilder();
    const sharded = new ShardedSearchBuilder([ahead, behind]);
    await sharded.add([{ slot: 0, fields: ['Anna'] }], 1);
    await ahead.add([], 5);
    expect((await sharded.snapshot()).seq).toBe(1);
  });

  it('asks its owner for every entry again when one of its builders lost them', () => {
    const first = inProcessSearchBuilder();
    const second = inProcessSearchBuilder();
    const sharded = new ShardedSearchBuilder([first, second]);
    let resets = 0;
    sharded.onReset = () => resets++;
    second.onReset?.();
    expect(resets).toBe(1);
  });
});
