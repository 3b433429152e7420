/**
 * One account action at a time (create a shop, pair, recover, revoke, renew a code): `busy` while
 * it runs, so its buttons stay disabled, and the failure in the seller's language when it throws.
 */
import type { Translate } from '../../core/i18n/index.ts';
import { accountFailure } from '../../state/sync.svelte.ts';

export class AccountAction {
  busy = $state(false);
  failure = $state<string | undefined>(undefined);

  readonly #translate: () => Translate;

  /** `translate` is read at failure time, so a language switched meanwhile is used. */
  constructor(translate: () => Translate) {
    this.#translate = translate;
  }

  async attempt(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.failure = undefined;
    try {
      await action();
    } catch (error) {
      this.failure = accountFailure(error, this.#translate());
    } finally {
      this.busy = false;
    }
  }
}
