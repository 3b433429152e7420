/**
 * Vite build plugin: after the build (the service worker included), writes a Brotli (`.br`) and a
 * gzip (`.gz`) copy next to every text asset of the output folder, so that the server sends
 * compressed bytes without compressing on each request (`server/static.ts` picks the copy the
 * client accepts). Source maps get none: they are never served.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin, ResolvedConfig } from 'vite';
import { COMPRESSIBLE } from '../server/static.ts';

/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 512;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(full) : Promise.resolve([full]);
    }),
  );
  return nested.flat();
}

/** Writes `<file>.br` and `<file>.gz` (replacing older copies). */
export async function compressFile(file: string): Promise<void> {
  const bytes = await readFile(file);
  const br = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  await writeFile(`${file}.br`, br);
  await writeFile(`${file}.gz`, gzipSync(bytes, { level: 9 }));
}

/** Writes `<file>.br` and `<file>.gz` for each compressible file under `dir`; returns how many. */
export async function compressFolder(dir: string): Promise<number> {
  let count = 0;
  for (const file of await filesUnder(dir)) {
    if (!COMPRESSIBLE.test(file) || (await stat(file)).size < MIN_BYTES) continue;
    await compressFile(file);
    count++;
  }
  return count;
}

export function compressAssets(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'trackpack:compress-assets',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    closeBundle: {
      // After vite-plugin-pwa has written the service worker.
      order: 'post',
      sequential: true,
      async handler() {
        const outDir = path.resolve(config.root, config.build.outDir);
        await compressFolder(outDir);
      },
    },
  };
}
