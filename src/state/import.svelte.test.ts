import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DexieRepository } from '../storage/dexie-repository.ts';
import { ImportSession, type ImportProgress } from '../../workers/import-session.ts';
import type { CsvWorker } from '../platform/csv-worker.ts';
import { ImportState, PREVIEW_PARTS } from './import.svelte.ts';

const CSV = [
  'Order ID;Date;Name;Address;Zip;City;Country;Qty',
  'D-1;03/04/2026;Ann;1 A St;11111;Town;GB;1',
  'D-2;25/03/2026;Ben;2 B St;22222;Town;GB;1',
].join('\n');

let dbCount = 0;
let frames = new Map<number, FrameRequestCallback>();
let lastFrame = 0;

/** Paints one frame: runs the animation-frame callbacks, then the tasks they queued. */
async function paint(): Promise<void> {
  const due = [...frames.values()];
  frames = new Map();
  for (const callback of due) callback(0);
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** The import session in this process, behind the same calls the page makes to the worker. */
function inProcessWorker(): { use: <T>(fn: (remote: CsvWorker) => Promise<T>) => Promise<T> } {
  const session = new ImportSession(new DexieRepository(`import-state-test-${++dbCount}`));
  const remote = {
    analyse: async (file: Blob, name: string, options: object, locale: string) =>
      session.analyse(new Uint8Array(await file.arrayBuffer()), name, options, locale),
    commit: (mode: 'all' | 'valid', onProgress?: (p: ImportProgress) => void) =>
      session.commit(mode, onProgress),
    cancel: async () => session.cancel(),
    discard: async () => session.discard(),
  } as unknown as CsvWorker;
  return { use: (fn) => fn(remote) };
}

function importState(): ImportState {
  return new ImportState({
    localeDateOrder: () => 'DMY',
    onImported: () => undefined,
    worker: inProcessWorker(),
  });
}

beforeEach(() => {
  frames = new Map();
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
    frames.set(++lastFrame, callback);
    return lastFrame;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id));
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('ImportState preview', () => {
  it('draws the preview a part a frame, from the first part to the import button', async () => {
    const imp = importState();
    await imp.pasteText(CSV, 'orders.csv');
    expect(imp.phase).toBe('preview');
    expect(imp.analysis?.counts.new).toBe(2);
    const seen = [imp.previewParts];
    while (frames.size > 0) {
      await paint();
      seen.push(imp.previewParts);
    }
    expect(seen).toEqual(Array.from({ length: PREVIEW_PARTS }, (_, i) => i + 1));
    expect(imp.canCommit).toBe(true);
  });

  it('starts again from the first part for a new analysis, and an older frame does not draw it', async () => {
    const imp = importState();
    await imp.pasteText(CSV, 'orders.csv');
    await paint();
    expect(imp.previewParts).toBe(2);
    // Another date order: the file is read again, and its preview is new.
    await imp.choose({ dateOrder: 'MDY' });
    expect(imp.previewParts).toBe(1);
    await paint();
    expect(imp.previewParts).toBe(2);
    while (frames.size > 0) await paint();
    expect(imp.previewParts).toBe(PREVIEW_PARTS);
  });

  it('stops drawing a preview that was left for another file', async () => {
    const imp = importState();
    await imp.pasteText(CSV, 'orders.csv');
    imp.reset();
    while (frames.size > 0) await paint();
    expect(imp.analysis).toBeUndefined();
    expect(imp.phase).toBe('idle');
    expect(imp.previewParts).toBe(1);
  });
});
