import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeEvent } from '../../test/factories.ts';
import { UNDO_WINDOW_MS, UndoToastState } from './undo-toast.svelte.ts';

describe('UndoToastState', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const bulk = { kind: 'bulk' as const, to: 'shipped' as const, done: 2, count: 3, refusedByCode: {} };

  it('shows a toast until the undo window is over', () => {
    const toasts = new UndoToastState();
    const shown = toasts.show(bulk);
    expect(toasts.current).toBe(shown);
    vi.advanceTimersByTime(UNDO_WINDOW_MS - 1);
    expect(toasts.current).toBe(shown);
    vi.advanceTimersByTime(1);
    expect(toasts.current).toBeNull();
  });

  it('a newer toast replaces the older one and keeps its own window', () => {
    const toasts = new UndoToastState();
    const first = toasts.show(bulk);
    vi.advanceTimersByTime(UNDO_WINDOW_MS / 2);
    const second = toasts.show({ ...bulk, done: 1 });
    expect(second.id).not.toBe(first.id);
    vi.advanceTimersByTime(UNDO_WINDOW_MS / 2);
    expect(toasts.current).toBe(second);
    vi.advanceTimersByTime(UNDO_WINDOW_MS / 2);
    expect(toasts.current).toBeNull();
  });

  it('keeps the toast up without Undo once Undo was used, and ignores an older toast', () => {
    const toasts = new UndoToastState();
    const old = toasts.show({ ...bulk, undoEvents: [makeEvent()] });
    const shown = toasts.show({ ...bulk, undoEvents: [makeEvent()] });
    toasts.undoTaken(old);
    expect(toasts.current).toBe(shown);
    toasts.undoTaken(shown);
    expect(toasts.current).toEqual({ ...shown, undoEvents: [] });
  });

  it('dismisses at once', () => {
    const toasts = new UndoToastState();
    toasts.show(bulk);
    toasts.dismiss();
    expect(toasts.current).toBeNull();
  });
});
