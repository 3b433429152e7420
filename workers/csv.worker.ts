/**
 * The CSV worker: a thin Comlink wrapper around the import session, so that parsing and writing
 * a large order file never block the page. The page imports only the type `CsvWorkerApi`.
 */
import { expose, transfer } from 'comlink';
import { DexieRepository } from '../src/storage/dexie-repository.ts';
import type { ParseOrderFileOptions } from '../src/core/import/index.ts';
import { ImportSession, type ImportMode, type ImportProgress } from './import-session.ts';

const session = new ImportSession(new DexieRepository());

const api = {
  /** Reads the file here: the page hands over a Blob (a handle), never the file's bytes. */
  analyse: async (file: Blob, fileName: string, options: ParseOrderFileOptions, locale: string) =>
    session.analyse(new Uint8Array(await file.arrayBuffer()), fileName, options, locale),
  commit: (mode: ImportMode, onProgress?: (progress: ImportProgress) => void) =>
    session.commit(mode, onProgress),
  cancel: () => session.cancel(),
  discard: () => session.discard(),
  errorRowsCsv: () => {
    const bytes = new TextEncoder().encode(session.errorRowsCsv());
    return transfer(bytes, [bytes.buffer]);
  },
};

export type CsvWorkerApi = typeof api;
expose(api);
