import { describe, expect, it } from 'vitest';
import { catalogFor } from './index.ts';
import { FIRST_WORD_KEYS, firstWordsOf, isFirstWord } from './first-words.ts';
import { LOCALES } from './locales.ts';

describe('first words', () => {
  it.each(LOCALES)('%s: exactly the listed keys, with the catalog’s own messages', (locale) => {
    const catalog = catalogFor(locale);
    const words = firstWordsOf(catalog);
    expect(Object.keys(words).sort()).toEqual([...FIRST_WORD_KEYS].sort());
    for (const key of FIRST_WORD_KEYS) expect(words[key]).toBe(catalog[key]);
  });

  const keys: [string, boolean][] = [
    ['orders.empty.title', true],
    ['nav.more', true],
    ['orders.search', false],
    ['settings.title', false],
  ];
  it.each(keys)('%s is a first word: %s', (key, expected) => {
    expect(isFirstWord(key as Parameters<typeof isFirstWord>[0])).toBe(expected);
  });
});
