/**
 * `pacer`: calls run one at a time, in order (across every function of one pacer), and with a
 * slowdown each is followed by a pause of (slowdown - 1) times its own working time.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pacer } from './paced.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('pacer', () => {
  it('runs calls one at a time, in the order they were made', async () => {
    const log: string[] = [];
    const call = pacer(() => 1)(async (name: string, ms: number) => {
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push(`end ${name}`);
      return name;
    });
    const results = await Promise.all([call('a', 20), call('b', 0), call('c', 5)]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it.each([
    { slowdown: 1, work: 30, pause: 0 },
    { slowdown: 4, work: 30, pause: 90 },
    { slowdown: 2, work: 50, pause: 50 },
  ])('pauses $pause ms after $work ms of work at slowdown $slowdown', async ({ slowdown, work, pause }) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    const starts: number[] = [];
    const call = pacer(() => slowdown)(() => {
      starts.push(performance.now());
      vi.advanceTimersByTime(work);
    });
    const both = Promise.all([call(), call()]);
    await vi.advanceTimersByTimeAsync(2 * (work + pause) + 10);
    await both;
    expect(starts[1]! - starts[0]!).toBe(work + pause);
  });

  it('runs the calls of different functions in the order they were made, pauses included', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    const pace = pacer(() => 4);
    const added: number[] = [];
    const add = pace((n: number) => {
      vi.advanceTimersByTime(10);
      added.push(n);
    });
    const snapshot = pace(() => [...added]);
    const sent = [add(1), add(2), add(3)];
    const copy = snapshot();
    await vi.advanceTimersByTimeAsync(500);
    await Promise.all(sent);
    // Asked for after three adds, the copy holds all three, although each add paused 30 ms after it.
    expect(await copy).toEqual([1, 2, 3]);
  });

  it('keeps going after a call fails', async () => {
    const call = pacer(() => 1)((fail: boolean) => {
      if (fail) throw new Error('no');
      return 'ok';
    });
    await expect(call(true)).rejects.toThrow('no');
    await expect(call(false)).resolves.toBe('ok');
  });
});
