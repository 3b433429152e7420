/**
 * `paced`: calls run one at a time, in order, and with a slowdown each is followed by a pause of
 * (slowdown - 1) times its own working time.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { paced } from './paced.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('paced', () => {
  it('runs calls one at a time, in the order they were made', async () => {
    const log: string[] = [];
    const call = paced(
      async (name: string, ms: number) => {
        log.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        log.push(`end ${name}`);
        return name;
      },
      () => 1,
    );
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
    const call = paced(
      () => {
        starts.push(performance.now());
        vi.advanceTimersByTime(work);
      },
      () => slowdown,
    );
    const both = Promise.all([call(), call()]);
    await vi.advanceTimersByTimeAsync(2 * (work + pause) + 10);
    await both;
    expect(starts[1]! - starts[0]!).toBe(work + pause);
  });

  it('keeps going after a call fails', async () => {
    const call = paced(
      (fail: boolean) => {
        if (fail) throw new Error('no');
        return 'ok';
      },
      () => 1,
    );
    await expect(call(true)).rejects.toThrow('no');
    await expect(call(false)).resolves.toBe('ok');
  });
});
