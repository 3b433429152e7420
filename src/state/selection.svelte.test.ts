import { describe, expect, it } from 'vitest';
import type { OrderId } from '../core/ids.ts';
import { SelectionState } from './selection.svelte.ts';

const visible = ['a', 'b', 'c', 'd', 'e'] as OrderId[];
const sorted = (set: ReadonlySet<OrderId>) => [...set].sort();

describe('SelectionState', () => {
  it('selects one row, then a shift-click range from it', () => {
    const selection = new SelectionState();
    selection.select(visible, 1, true);
    expect(sorted(selection.ids)).toEqual(['b']);
    selection.select(visible, 3, true, true);
    expect(sorted(selection.ids)).toEqual(['b', 'c', 'd']);
  });

  it('a range backwards takes the clicked row’s new state', () => {
    const selection = new SelectionState();
    selection.selectAll(visible);
    selection.select(visible, 3, false);
    selection.select(visible, 1, false, true);
    expect(sorted(selection.ids)).toEqual(['a', 'e']);
  });

  it('a range without an earlier click selects the one row', () => {
    const selection = new SelectionState();
    selection.select(visible, 2, true, true);
    expect(sorted(selection.ids)).toEqual(['c']);
  });

  it('clearing forgets the anchor', () => {
    const selection = new SelectionState();
    selection.select(visible, 0, true);
    selection.clear();
    expect(selection.ids.size).toBe(0);
    selection.select(visible, 4, true, true);
    expect(sorted(selection.ids)).toEqual(['e']);
  });

  it('each change is a new set', () => {
    const selection = new SelectionState();
    const before = selection.ids;
    selection.select(visible, 0, true);
    expect(selection.ids).not.toBe(before);
    expect(before.size).toBe(0);
  });
});
