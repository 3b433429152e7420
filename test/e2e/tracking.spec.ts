/**
 * The tracking-sheet round trip: orders imported, the sheet downloaded, tracking numbers filled in
 * (as a seller does in Excel), the sheet imported back and confirmed, the orders shipped; a
 * re-import adds nothing; Excel damage and an ambiguous date are row errors with row and column;
 * the marketplace CSV has no formula cells.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { tokenize } from '../../src/core/import/tokenize.ts';
import { ImportPage } from './pages/import-page.ts';
import { TrackingPage } from './pages/tracking-page.ts';

const ONE_BAD_ROW = path.resolve(import.meta.dirname, '..', 'fixtures', 'e2e', 'one-bad-row.csv');

/** DHL Paket 12-digit numbers whose check digit matches (see src/core/carriers tests). */
const NUMBERS: Record<string, string> = { 'M-2001': '340434161012', 'M-2002': '340434161034' };
/** What Excel makes of a 12-digit number in a column not formatted as text. */
const EXCEL_DAMAGED = '3.40434E+11';

test('export the tracking sheet, fill it in, import it back and ship the orders', async ({
  page,
}, testInfo) => {
  await page.goto('/import');
  const importer = new ImportPage(page);
  await importer.chooseFile(ONE_BAD_ROW);
  await page.getByLabel(/Import the valid rows and leave out 1 order with errors/).check();
  await importer.importButton().click();
  await expect(page.getByRole('status').filter({ hasText: 'new,' })).toContainText('4 new');

  const tracking = new TrackingPage(page);
  await tracking.open();
  await expect(page.getByLabel('Orders in the sheet')).toHaveValue('unshipped');
  const { text, bytes, download } = await tracking.downloadSheet();
  expect(download.suggestedFilename()).toMatch(/^tracking-\d{4}-\d{2}-\d{2}\.csv$/);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = tokenize(text.replace(/^\uFEFF/, ''), ',')
    .map((r) => r.cells)
    .filter((cells) => cells.join('') !== '');
  expect(rows[0]?.join(',')).toBe(
    'Order number,Buyer,City,Tracking number,Carrier,Tracking link,Shipped on,Expected delivery,Remarks',
  );
  expect(rows.filter((cells) => cells[0]?.startsWith('M-'))).toHaveLength(4);

  // The seller fills in two numbers, Excel shortens a third; M-2005 is not shipped yet. Excel
  // saves without quotes where none are needed.
  const filled = rows
    .map((cells) => {
      const id = cells[0] ?? '';
      if (NUMBERS[id]) {
        cells[3] = NUMBERS[id];
        cells[6] = '03/19/2026';
      } else if (id === 'M-2004') {
        cells[3] = EXCEL_DAMAGED;
      }
      return cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',');
    })
    .join('\r\n');
  const filledPath = testInfo.outputPath('tracking-filled.csv');
  await writeFile(filledPath, `\uFEFF${filled}`, 'utf8');

  await tracking.chooseFile(filledPath);
  await expect(
    page.getByRole('heading', { name: 'Check tracking-filled.csv before importing' }),
  ).toBeVisible();
  await expect(page.getByLabel('Layout')).toHaveValue('trackpack');
  await expect(tracking.counts()).toContainText('2 new parcels');
  await expect(tracking.counts()).toContainText('2 orders will be marked as shipped');
  await expect(tracking.counts()).toContainText('1 row with errors');
  const damaged = tracking
    .errorsTable()
    .getByRole('row', { name: new RegExp(EXCEL_DAMAGED.replace(/[.+]/g, '\\$&')) });
  await expect(damaged.getByRole('cell').nth(0)).toHaveText('4');
  await expect(damaged.getByRole('cell').nth(1)).toHaveText('Tracking number');
  const updates = tracking.updatesTable();
  const first = updates.getByRole('row', { name: /M-2001/ });
  await expect(first).toContainText('Lena Fischer');
  await expect(first).toContainText('340434161012');
  await expect(first).toContainText('DHL Paket');
  await expect(first).toContainText('New parcel');
  await expect(first.getByRole('link', { name: 'Track parcel' })).toHaveAttribute('href', /340434161012/);

  await tracking.confirmButton().click();
  await expect(page.getByRole('heading', { name: 'Tracking numbers imported' })).toBeVisible();
  await expect(tracking.result()).toContainText('2 new parcels');

  // The orders are shipped.
  await page.getByRole('button', { name: 'Go to orders' }).click();
  await page.getByLabel('Search orders').fill('M-2001');
  await expect(page.getByRole('row').filter({ hasText: 'M-2001' })).toContainText('Shipped');

  // The same sheet again changes nothing.
  await tracking.open();
  await tracking.startOver();
  await tracking.chooseFile(filledPath);
  await expect(tracking.counts()).toContainText('0 new parcels');
  await expect(tracking.counts()).toContainText('2 parcels were already there');
  await expect(tracking.confirmButton()).toHaveText('Nothing new to add');

  // Another sheet, whose dates read two ways: each one is an error with row and column.
  await tracking.startOver();
  const ambiguousPath = testInfo.outputPath('ambiguous.csv');
  await writeFile(
    ambiguousPath,
    'Order number,Parcel Number,Dispatch Date\r\nM-2005,340434161056,03/04/2026\r\nM-2004,340434161062,05/06/2026\r\n',
    'utf8',
  );
  await tracking.chooseFile(ambiguousPath);
  await expect(page.getByRole('note')).toContainText('could be read day-first or month-first');
  const ambiguous = tracking.errorsTable().getByRole('row', { name: /03\/04\/2026/ });
  await expect(ambiguous.getByRole('cell').nth(0)).toHaveText('2');
  await expect(ambiguous.getByRole('cell').nth(1)).toHaveText('Dispatch Date');
  await expect(ambiguous).toContainText('can be read as two different dates');
  await expect(tracking.counts()).toContainText('0 new parcels');

  // The generic shipments CSV for March: both parcels, and no cell Excel would run as a formula.
  await tracking.setPeriod('2026-03-01', '2026-03-31');
  const generic = await tracking.downloadText('Shipments as CSV (2 parcels)');
  const records = tokenize(generic.text.replace(/^\uFEFF/, ''), ',').filter((r) => r.cells.join('') !== '');
  expect(records).toHaveLength(3);
  expect(generic.text).toContain('340434161012');
  for (const record of records) {
    for (const cell of record.cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  }
  await expect(page.getByRole('button', { name: 'Amazon shipping confirmation (0 parcels)' })).toBeDisabled();
});
