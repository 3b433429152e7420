/** A channel context for contract tests: a fixed clock and every `update` of the secrets kept. */
import type { ChannelContext } from './adapter.ts';

export function testContext<S>(
  shop: string,
  secrets: S,
  now: () => Date,
): ChannelContext<S> & { saved: S[] } {
  const ctx = {
    shop,
    secrets,
    saved: [] as S[],
    update(next: S) {
      ctx.secrets = next;
      ctx.saved.push(next);
    },
    now,
  };
  return ctx;
}
