/**
 * Import atomicity at the size sellers bring: a generated order file with one bad row at a seeded
 * random position is refused whole (0 orders written), and a valid file whose tab is closed at a
 * seeded random moment of the import leaves 0 or all of its orders, never a part.
 *
 * SOAK_IMPORT_ROWS (100,000; small 5,000), SOAK_IMPORT_CLOSES (5; small 1), SOAK_SEED.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ImportPage } from '../e2e/pages/import-page.ts';
import { daysAgo } from '../e2e/support/dates.ts';
import { count, countOrders, figure, random, seed } from './soak-support.ts';

const ROWS = count('SOAK_IMPORT_ROWS', 100_000, 5_000);
const CLOSES = count('SOAK_IMPORT_CLOSES', 5, 1);
const SEED = seed();
/** Reading and checking the file, and writing it, take about this long per 1,000 rows here. */
const WAIT_MS = 30_000 + ROWS * 3;

/** An order file of `rows` orders; `badRow` (1-based, or 0 for none) has a day that does not exist. */
function writeFile(rows: number, badRow: number, name: string): string {
  const lines = ['Order Number,Order Date,Name,Street,Zip,City,Country,SKU,Quantity'];
  for (let i = 1; i <= rows; i++) {
    const day = i === badRow ? '2025-02-30' : daysAgo((i % 9) + 1);
    lines.push(`S-${i},${day},Jürgen Groß ${i},"Hauptstraße ${i}, Hof",01067,Dresden,DE,MUG-${i % 50},1`);
  }
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'trackpack-soak-')), name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

async function choose(page: Page, file: string): Promise<ImportPage> {
  await page.goto('/import');
  const importer = new ImportPage(page);
  await importer.chooseFile(file);
  await expect(importer.importButton()).toBeVisible({ timeout: WAIT_MS });
  return importer;
}

/** Opens the app on a new page and returns how many orders its database holds. */
async function ordersAfterReopening(page: Page): Promise<number> {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  return countOrders(page);
}

test('one bad row at a random position refuses the whole file', async ({ browser }) => {
  const next = random(SEED);
  const badRow = 1 + Math.floor(next() * ROWS);
  const file = writeFile(ROWS, badRow, `orders-${ROWS}-bad-${badRow}.csv`);
  const context = await browser.newContext();
  const page = await context.newPage();
  const started = Date.now();
  const importer = await choose(page, file);
  // The bad row is named by its line in the file (the header is line 1).
  const bad = importer.errorsTable().getByRole('row', { name: /2025-02-30/ });
  await expect(bad.getByRole('cell').nth(0)).toHaveText(String(badRow + 1));
  await expect(importer.importButton()).toBeDisabled();
  const written = await ordersAfterReopening(page);
  expect(written).toBe(0);
  await expect(page.getByRole('heading', { name: 'No orders yet' })).toBeVisible();
  figure('import_bad_row', {
    rows: ROWS,
    badRow,
    written,
    seconds: (Date.now() - started) / 1000,
    seed: SEED,
  });
  await context.close();
});

test('closing the tab at a random moment of an import leaves 0 or all orders', async ({ browser }) => {
  const next = random(SEED ^ 0x5eed);
  const file = writeFile(ROWS, 0, `orders-${ROWS}.csv`);
  const outcomes = { none: 0, all: 0 };
  const started = Date.now();
  for (let round = 0; round < CLOSES; round++) {
    // A fraction of the rows written before the tab closes; above 1, after the import ended.
    const at = next() * 1.1;
    const context = await browser.newContext();
    const page = await context.newPage();
    const importer = await choose(page, file);
    await importer.importButton().click();
    await page.waitForFunction(
      (fraction) => {
        const state = window as unknown as { soakSawProgress?: boolean };
        const progress = document.getElementById('import-progress') as HTMLProgressElement | null;
        if (progress) {
          state.soakSawProgress = true;
          return progress.max > 0 && progress.value / progress.max >= fraction;
        }
        return state.soakSawProgress === true || /\bnew,/.test(document.body.innerText);
      },
      at,
      { timeout: WAIT_MS },
    );
    await page.close({ runBeforeUnload: false });
    const written = await ordersAfterReopening(await context.newPage());
    expect([0, ROWS]).toContain(written);
    if (written === 0) outcomes.none++;
    else outcomes.all++;
    await context.close();
  }
  figure('import_tab_closed', {
    rows: ROWS,
    closes: CLOSES,
    leftNone: outcomes.none,
    leftAll: outcomes.all,
    seconds: (Date.now() - started) / 1000,
    seed: SEED,
  });
});
