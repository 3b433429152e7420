/**
 * Backup and restore of 100,000 orders through Settings, in the bench's on-disk profile:
 *   backup_100k_ms   "Back up everything" clicked -> the gzip file is offered as a download
 *   restore_100k_ms  the file chosen -> preview -> "Replace the data on this device" -> restored,
 *                    over the same device (its rows equal the file's: the restore writes few)
 *   restore_100k_empty_device_ms  the same file chosen -> preview -> "Restore this backup" ->
 *                    restored, on a device that holds nothing (every row is written: a new laptop)
 * The orders are written straight into the app's IndexedDB first (as an import leaves them), and
 * the restored database is counted afterwards, so a restore that lost rows cannot pass unseen.
 */
import path from 'node:path';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';

const ORDERS = Number(process.env.BENCH_BACKUP_ORDERS ?? 100_000);

async function seed(page, count) {
  await page.evaluate(async (n) => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('trackpack');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction(['orders', 'outbox'], 'readwrite');
      tx.objectStore('orders').clear();
      tx.objectStore('outbox').clear();
      const at = '2026-11-20T10:00:00.000Z';
      for (let i = 0; i < n; i++) {
        const externalId = `TP-${String(i + 1).padStart(7, '0')}`;
        tx.objectStore('orders').put({
          id: `shopify:${externalId}`,
          source: 'shopify',
          externalId,
          orderedAt: '2026-11-20',
          buyer: { name: 'Jürgen Groß', email: `buyer${i}@example.com`, phone: `+49 30 ${1000000 + i}` },
          address: {
            line1: `Hauptstraße ${(i % 200) + 1}, Hinterhaus`,
            zip: '01067',
            city: 'Dresden',
            country: 'DE',
          },
          lines: [{ sku: `SKU-${i % 500}`, title: 'Tasse „Größe M“, blau', quantity: (i % 4) + 1 }],
          status: 'new',
          notes: '',
          createdAt: at,
          updatedAt: at,
        });
      }
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, count);
}

/** Chooses the file, confirms with `confirmName`, and returns the ms to the preview and to "Restored". */
async function restoreFile(region, file, confirmName) {
  const t1 = Date.now();
  await region.getByLabel('Restore from a backup').setInputFiles(file);
  const confirm = region.getByRole('button', { name: confirmName, exact: true });
  await confirm.waitFor({ timeout: 300_000 });
  const previewMs = Date.now() - t1;
  await confirm.click();
  await region.getByText(/^Restored: /).waitFor({ timeout: 300_000 });
  return { previewMs, restoreMs: Date.now() - t1 };
}

async function countOrders(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('trackpack');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const count = await new Promise((resolve, reject) => {
      const request = db.transaction('orders').objectStore('orders').count();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return count;
  });
}

export async function benchBackup({ context, base, emit, log }) {
  const page = await context.newPage();
  await page.goto(`${base}/settings`);
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  await seed(page, ORDERS);
  await page.reload();
  const region = page.getByRole('region', { name: 'Backup' });
  await region.getByRole('button', { name: 'Back up everything' }).waitFor();

  const download = page.waitForEvent('download', { timeout: 300_000 });
  const t0 = Date.now();
  await region.getByRole('button', { name: 'Back up everything' }).click();
  const file = await download;
  const backupMs = Date.now() - t0;
  const saved = path.join(mkdtempSync(path.join(tmpdir(), 'trackpack-backup-')), file.suggestedFilename());
  await file.saveAs(saved);
  log(`backup: ${ORDERS} orders, ${(statSync(saved).size / 1e6).toFixed(1)} MB gzip, ${backupMs} ms`);

  const over = await restoreFile(region, saved, 'Replace the data on this device');
  let restored = await countOrders(page);
  log(
    `restore over the same data: preview after ${over.previewMs} ms, restored ${restored} orders after ${over.restoreMs} ms`,
  );
  if (restored !== ORDERS) throw new Error(`restored ${restored} of ${ORDERS} orders`);

  // A new device: the same app under another origin (localhost for 127.0.0.1) has a database of
  // its own that holds nothing yet, as on a seller's new laptop. The old one is put away first.
  await page.close();
  const laptop = await context.newPage();
  await laptop.goto(`${base.replace('127.0.0.1', 'localhost')}/settings`);
  const laptopRegion = laptop.getByRole('region', { name: 'Backup' });
  await laptopRegion.getByRole('button', { name: 'Back up everything' }).waitFor();
  const fresh = await restoreFile(laptopRegion, saved, 'Restore this backup');
  restored = await countOrders(laptop);
  log(
    `restore on an empty device: preview after ${fresh.previewMs} ms, restored ${restored} orders after ${fresh.restoreMs} ms`,
  );
  if (restored !== ORDERS) throw new Error(`restored ${restored} of ${ORDERS} orders`);
  emit('backup_100k_ms', backupMs, 'ms');
  emit('restore_100k_ms', over.restoreMs, 'ms');
  emit('restore_100k_empty_device_ms', fresh.restoreMs, 'ms');
  await laptop.close();
}
