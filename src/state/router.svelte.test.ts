// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router, TYPING_URL_PAUSE_MS } from './router.svelte.ts';

/** Enough fake time for a frame and the task after it. */
const AFTER_FRAME_MS = 50;

describe('Router', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    window.history.replaceState(null, '', '/');
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('shows a typed query at once and writes the URL once, when typing pauses', () => {
    const router = new Router();
    const replace = vi.spyOn(window.history, 'replaceState');
    router.replaceQuery({ q: 'j' });
    vi.advanceTimersByTime(TYPING_URL_PAUSE_MS - 1);
    router.replaceQuery({ q: 'ju' });
    vi.advanceTimersByTime(TYPING_URL_PAUSE_MS - 1);
    router.replaceQuery({ q: 'jur' });
    expect(router.search).toBe('q=jur');
    vi.advanceTimersByTime(TYPING_URL_PAUSE_MS - 1);
    expect(window.location.search).toBe('');
    expect(replace).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(window.location.search).toBe('?q=jur');
    expect(replace).toHaveBeenCalledTimes(1);
  });

  it('makes a new entry after the frame, not after a pause', () => {
    const router = new Router();
    router.pushQuery({ status: 'new' });
    vi.advanceTimersByTime(AFTER_FRAME_MS);
    expect(window.location.search).toBe('?status=new');
  });

  it('keeps the order of writes: a pending query into its own entry, then the pushed one', () => {
    const router = new Router();
    const calls: string[] = [];
    vi.spyOn(window.history, 'replaceState').mockImplementation((...args) => {
      calls.push(`replace ${String(args[2])}`);
    });
    vi.spyOn(window.history, 'pushState').mockImplementation((...args) => {
      calls.push(`push ${String(args[2])}`);
    });
    router.replaceQuery({ q: 'anna' });
    router.pushQuery({ q: 'anna', status: 'new' });
    expect(router.search).toBe('q=anna&status=new');
    expect(calls).toEqual(['replace /?q=anna']);
    // Typing right after the click lands in the new entry, not in the one before it.
    router.replaceQuery({ q: 'anna k', status: 'new' });
    router.pushQuery({ q: 'anna k', status: 'shipped' });
    vi.advanceTimersByTime(AFTER_FRAME_MS);
    expect(calls).toEqual([
      'replace /?q=anna',
      'push /?q=anna%20k&status=new',
      'push /?q=anna%20k&status=shipped',
    ]);
    // An unchanged query makes no entry.
    router.pushQuery({ q: 'anna k', status: 'shipped' });
    vi.advanceTimersByTime(AFTER_FRAME_MS);
    expect(calls).toHaveLength(3);
  });

  it('drops a pending query when Back leaves the entry it was meant for', () => {
    const router = new Router();
    const replace = vi.spyOn(window.history, 'replaceState');
    router.replaceQuery({ q: 'anna' });
    window.dispatchEvent(new PopStateEvent('popstate'));
    vi.advanceTimersByTime(TYPING_URL_PAUSE_MS);
    expect(replace).not.toHaveBeenCalled();
    expect(router.search).toBe('');
  });

  it('writes a pending query when the page is left before the frame (a reload keeps it)', () => {
    const router = new Router();
    router.replaceQuery({ q: 'anna' });
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(window.location.search).toBe('?q=anna');
  });
});
