/**
 * The per-language catalog modules the build makes (`scripts/vite-catalogs.ts`) hold exactly the
 * core's merged catalog of their language, and nothing of the others; the first-words module holds
 * the shell's few messages of every language.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogModuleSource, firstWordsModuleSource } from '../../scripts/vite-catalogs.ts';
import { firstWordsOf } from '../../src/core/i18n/first-words.ts';
import { LOCALES, catalogFor } from '../../src/core/i18n/index.ts';

const root = path.resolve(import.meta.dirname, '../..');

describe('catalogModuleSource', () => {
  it.each(LOCALES)('%s is the core catalog of that language', async (locale) => {
    const { code, files } = await catalogModuleSource(root, locale);
    const json = code.replace(/^export default /, '').replace(/;\n$/, '');
    expect(JSON.parse(json)).toEqual(catalogFor(locale));
    // Rebuilt when a message module changes.
    expect(files.some((file) => file.endsWith('src/core/i18n/messages/shell.ts'))).toBe(true);
  });

  it('holds one language only', async () => {
    const { code } = await catalogModuleSource(root, 'de');
    expect(code).toContain(JSON.stringify(catalogFor('de')['nav.settings']));
    expect(code).not.toContain(JSON.stringify(catalogFor('en')['app.skipToContent']));
  });

  it('refuses a language there is no catalog for', async () => {
    await expect(catalogModuleSource(root, 'fr')).rejects.toThrow(/no catalog for "fr"/);
  });
});

describe('firstWordsModuleSource', () => {
  it('holds the first words of every language, taken from the core catalogs', async () => {
    const { code, files } = await firstWordsModuleSource(root);
    const json = code.replace(/^export default /, '').replace(/;\n$/, '');
    expect(JSON.parse(json)).toEqual(
      Object.fromEntries(LOCALES.map((locale) => [locale, firstWordsOf(catalogFor(locale))])),
    );
    // Nothing but the first words: a message of a later screen is not in it.
    expect(code).not.toContain(JSON.stringify(catalogFor('en')['settings.storage.persist']));
    expect(files.some((file) => file.endsWith('src/core/i18n/first-words.ts'))).toBe(true);
  });
});
