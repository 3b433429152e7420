import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { secretBox, secretsKeyFrom } from './secrets.ts';

describe('secret box', () => {
  const key = randomBytes(32);
  const box = secretBox(key);

  it('opens what it sealed, and the sealed text does not contain the secret', () => {
    const sealed = box.seal({ clientSecret: 'shpss_very_secret' }, 'conn-1');
    expect(sealed).not.toContain('shpss_very_secret');
    expect(box.open(sealed, 'conn-1')).toEqual({ clientSecret: 'shpss_very_secret' });
  });

  it('seals the same value differently each time (fresh IV)', () => {
    expect(box.seal('x', 'c')).not.toBe(box.seal('x', 'c'));
  });

  it.each([
    ['another connection', (s: string) => ({ sealed: s, context: 'conn-2', box })],
    ['another key', (s: string) => ({ sealed: s, context: 'conn-1', box: secretBox(randomBytes(32)) })],
    [
      'a changed byte',
      (s: string) => ({
        sealed: `${s.slice(0, -2)}${s.endsWith('AA') ? 'AB' : 'AA'}`,
        context: 'conn-1',
        box,
      }),
    ],
  ])('refuses to open with %s', (_name, variant) => {
    const { sealed, context, box: other } = variant(box.seal({ a: 1 }, 'conn-1'));
    expect(() => other.open(sealed, context)).toThrow(/does not open/);
  });

  it.each([
    [undefined, null],
    ['', null],
    [Buffer.alloc(32, 7).toString('base64'), Buffer.alloc(32, 7)],
    [Buffer.alloc(32, 9).toString('hex'), Buffer.alloc(32, 9)],
  ])('reads SECRETS_KEY %s', (text, expected) => {
    expect(secretsKeyFrom(text)).toEqual(expected);
  });

  it('refuses a key of the wrong length without echoing it', () => {
    expect(() => secretsKeyFrom('c2hvcnQ=')).toThrow(/^SECRETS_KEY must be 32 bytes/);
  });
});
