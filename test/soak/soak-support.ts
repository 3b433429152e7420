/** What the browser soak tests share: the counts, a seeded generator, figures, reading IndexedDB. */
import type { Page } from '@playwright/test';

/** `SOAK=0` runs the small counts (a quick check), anything else the promised figures. */
export const FULL = process.env['SOAK'] !== '0';

/** A count from the environment, else the full or the small default. */
export function count(name: string, full: number, small: number): number {
  const raw = process.env[name];
  if (raw !== undefined && raw !== '') {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
    return value;
  }
  return FULL ? full : small;
}

/** The seed from `SOAK_SEED`, else a new one (printed with the figures, so a run can be repeated). */
export function seed(): number {
  const raw = process.env['SOAK_SEED'];
  return raw ? Number(raw) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
}

/** A seeded generator returning floats in [0, 1) (`seededRandom`). */
export { seededRandom as random } from '../../src/core/seeded-random.ts';

/** Prints one figure as the JSON line `scripts/soak.mjs` collects. */
export function figure(name: string, values: Record<string, unknown>): void {
  console.log(JSON.stringify({ figure: name, ...values }));
}

/**
 * The number of orders in the app's database, read with IndexedDB itself (not through the app).
 * Call it on a page of the app after it opened its database.
 */
export function countOrders(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes('trackpack')) return 0;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('trackpack');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      if (!db.objectStoreNames.contains('orders')) return 0;
      return await new Promise<number>((resolve, reject) => {
        const request = db.transaction('orders', 'readonly').objectStore('orders').count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  });
}

/** Every order in the app's database as `externalId -> status`, read with IndexedDB itself. */
export function orderStatuses(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('trackpack');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const rows = await new Promise<{ externalId: string; status: string }[]>((resolve, reject) => {
        const request = db.transaction('orders', 'readonly').objectStore('orders').getAll();
        request.onsuccess = () => resolve(request.result as { externalId: string; status: string }[]);
        request.onerror = () => reject(request.error);
      });
      return Object.fromEntries(rows.map((row) => [row.externalId, row.status]));
    } finally {
      db.close();
    }
  });
}
