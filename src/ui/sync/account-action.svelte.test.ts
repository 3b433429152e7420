import { describe, expect, it } from 'vitest';
import { translate } from '../../core/i18n/index.ts';
import { AccountAction } from './account-action.svelte.ts';

const english = () => (key: Parameters<typeof translate>[1]) => translate('en', key);

describe('AccountAction', () => {
  it('is busy while the action runs and clears an earlier failure', async () => {
    const action = new AccountAction(english);
    await action.attempt(() => Promise.reject(new Error('offline')));
    expect(action.failure).toBe('offline');
    let busyInside = false;
    await action.attempt(async () => {
      busyInside = action.busy;
      expect(action.failure).toBeUndefined();
    });
    expect(busyInside).toBe(true);
    expect(action.busy).toBe(false);
    expect(action.failure).toBeUndefined();
  });

  const failures: [string, unknown, string][] = [
    [
      'a refusal the server explained',
      { code: 'recovery_code_invalid' },
      translate('en', 'access.error.recovery_code_invalid'),
    ],
    ['any other error, by its message', new Error('Server said no'), 'Server said no'],
  ];
  it.each(failures)('says why for %s, and is no longer busy', async (_name, error, text) => {
    const action = new AccountAction(english);
    await action.attempt(() => Promise.reject(error));
    expect(action.failure).toBe(text);
    expect(action.busy).toBe(false);
  });
});
