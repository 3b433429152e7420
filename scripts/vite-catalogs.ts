/**
 * Vite plugin: one module per language, `virtual:trackpack-catalog/<locale>`, holding that
 * language's merged message catalog as plain data. The message modules keep the four languages
 * side by side (one file per feature); a bundler cannot drop the unused languages from those object
 * literals, so the catalog of each language is computed here, at build time, from
 * `src/core/i18n/index.ts` itself, and the app loads only the one it shows.
 */
import path from 'node:path';
import { runnerImport, type Plugin } from 'vite';
import { LOCALES, isLocale } from '../src/core/i18n/locales.ts';

export const CATALOG_MODULE_PREFIX = 'virtual:trackpack-catalog/';
const RESOLVED_PREFIX = '\0' + CATALOG_MODULE_PREFIX;
/** The shell's first words in every language (`src/core/i18n/first-words.ts`), for the entry chunk. */
export const FIRST_WORDS_MODULE = 'virtual:trackpack-first-words';

type I18nModule = typeof import('../src/core/i18n/index.ts');
type FirstWordsModule = typeof import('../src/core/i18n/first-words.ts');

/** The source of the catalog module of `locale`, and the files it was computed from. */
export async function catalogModuleSource(
  root: string,
  locale: string,
): Promise<{ code: string; files: string[] }> {
  if (!isLocale(locale)) throw new Error(`no catalog for "${locale}" (known: ${LOCALES.join(', ')})`);
  const { module, dependencies } = await runnerImport<I18nModule>(path.join(root, 'src/core/i18n/index.ts'));
  return { code: `export default ${JSON.stringify(module.catalogFor(locale))};\n`, files: dependencies };
}

/** The source of the first-words module, and the files it was computed from. */
export async function firstWordsModuleSource(root: string): Promise<{ code: string; files: string[] }> {
  const i18n = await runnerImport<I18nModule>(path.join(root, 'src/core/i18n/index.ts'));
  const wordsFile = path.join(root, 'src/core/i18n/first-words.ts');
  const words = await runnerImport<FirstWordsModule>(wordsFile);
  const all = Object.fromEntries(
    LOCALES.map((locale) => [locale, words.module.firstWordsOf(i18n.module.catalogFor(locale))]),
  );
  return {
    code: `export default ${JSON.stringify(all)};\n`,
    // The list of first words itself is the imported module, not one of its dependencies.
    files: [...i18n.dependencies, ...words.dependencies, wordsFile],
  };
}

export function messageCatalogs(): Plugin {
  let root = process.cwd();
  return {
    name: 'trackpack:message-catalogs',
    configResolved(config) {
      root = config.root;
    },
    resolveId(id) {
      return id.startsWith(CATALOG_MODULE_PREFIX) || id === FIRST_WORDS_MODULE ? '\0' + id : undefined;
    },
    async load(id) {
      if (id === '\0' + FIRST_WORDS_MODULE) {
        const { code, files } = await firstWordsModuleSource(root);
        for (const file of files) this.addWatchFile(file);
        return code;
      }
      if (!id.startsWith(RESOLVED_PREFIX)) return undefined;
      const { code, files } = await catalogModuleSource(root, id.slice(RESOLVED_PREFIX.length));
      for (const file of files) this.addWatchFile(file);
      return code;
    },
  };
}
