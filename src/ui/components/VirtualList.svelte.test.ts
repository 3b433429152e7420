// @vitest-environment happy-dom
/**
 * VirtualList: when the items change, the rows in view show the new ones at once, and the rows
 * rendered beyond the view take theirs once the frame is painted.
 */
import { cleanup, render } from '@testing-library/svelte';
import { createRawSnippet, flushSync } from 'svelte';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import VirtualList from './VirtualList.svelte';

/** The list's scrolling viewport is 200 px high (happy-dom lays nothing out). */
const VIEW_PX = 200;
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('viewport') ? VIEW_PX : 0;
    },
  });
});
afterAll(() => {
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
});
afterEach(() => cleanup());

const ROW_PX = 40;
/** A row that shows its item, following it as a component's content would. */
const row = createRawSnippet((item: () => string) => ({
  render: () => '<div role="gridcell"></div>',
  setup: (element) => {
    $effect(() => {
      element.textContent = item();
    });
  },
}));

const texts = (container: HTMLElement) =>
  [...container.querySelectorAll('[role="row"]')].map((r) => r.textContent ?? '');

/** The frame painted and the task after it run (`afterNextPaint`). */
const afterPaint = () =>
  new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))).then(() => flushSync());

describe('VirtualList', () => {
  it('shows new items in view at once, and beyond the view once the frame is painted', async () => {
    const before = Array.from({ length: 40 }, (_, i) => `a${i}`);
    const after = Array.from({ length: 40 }, (_, i) => `b${i}`);
    const { container, rerender } = render(VirtualList, {
      props: { items: before, rowHeight: ROW_PX, label: 'List', row },
    });
    await afterPaint();
    // 200 px hold 5 rows of 40 px; 4 more are rendered below them.
    expect(texts(container)).toEqual(before.slice(0, 9));

    await rerender({ items: after });
    flushSync();
    expect(texts(container)).toEqual([...after.slice(0, 5), ...before.slice(5, 9)]);

    await afterPaint();
    expect(texts(container)).toEqual(after.slice(0, 9));

    // Fewer items than rows: no row is left beyond the last item, in view or not.
    await rerender({ items: ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6'] });
    flushSync();
    expect(texts(container)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'b5', 'b6']);
    await afterPaint();
    expect(texts(container)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
  });
});
