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

type I18nModule = typeof import('../src/core/i18n/index.ts');

/** The source of the catalog module of `locale`, and the files it was computed from. */
export async function catalogModuleSource(
  root: string,
  locale: string,
): Promise<{ code: string; files: string[] }> {
  if (!isLocale(locale)) throw new Error(`no catalog for "${locale}" (known: ${LOCALES.join(', ')})`);
  const { module, dependencies } = await runnerImport<I18nModule>(path.join(root, 'src/core/i18n/index.ts'));
  return { code: `export default ${JSON.stringify(module.catalogFor(locale))};\n`, files: dependencies };
}

export function messageCatalogs(): Plugin {
  let root = process.cwd();
  return {
    name: 'trackpack:message-catalogs',
    configResolved(config) {
      root = config.root;
    },
    resolveId(id) {
      return id.startsWith(CATALOG_MODULE_PREFIX) ? '\0' + id : undefined;
    },
    async load(id) {
      if (!id.startsWith(RESOLVED_PREFIX)) return undefined;
      const { code, files } = await catalogModuleSource(root, id.slice(RESOLVED_PREFIX.length));
      for (const file of files) this.addWatchFile(file);
      return code;
    },
  };
}
