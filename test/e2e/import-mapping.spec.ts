/**
 * A file whose order-number column Trackpack cannot recognise: the preview says which field has
 * no column and opens the column mapping, the seller picks the column, the import goes through,
 * and the next file with the same columns uses that choice without asking.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';
import { ImportPage } from './pages/import-page.ts';
import { daysAgo, dotted } from './support/dates.ts';

const LAYOUT = 'Ref;Bestelldatum;Name;E-Mail;Straße;PLZ;Ort;Land;Artikelnummer;Menge';

async function file(name: string, rows: string[]): Promise<string> {
  const target = path.join(await mkdtemp(path.join(tmpdir(), 'trackpack-mapping-')), name);
  await writeFile(target, [LAYOUT, ...rows].join('\r\n'));
  return target;
}

test('an unrecognised column is mapped by hand once and remembered', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const importer = new ImportPage(page);

  await test.step('the preview asks for the order-number column', async () => {
    await importer.open();
    await importer.chooseFile(
      await file('monday.csv', [
        `A-77;${dotted(daysAgo(3))};Lena Fischer;lena@example.com;Bergstraße 4;80331;München;DE;SOAP-1;2`,
        `A-78;${dotted(daysAgo(2))};Olof Berg;olof@example.com;Storgatan 1;111 22;Stockholm;SE;SOAP-2;1`,
      ]),
    );
    await expect(page.getByText('No column is chosen for Order number.', { exact: false })).toBeVisible();
    await expect(page.getByLabel(/^Order number/)).toBeVisible();
  });

  await test.step('choosing the column fixes it, and the import goes through', async () => {
    await page.getByLabel(/^Order number/).selectOption('Ref');
    await expect(importer.counts()).toContainText('2 new orders');
    await importer.importButton().click();
    await expect(page.getByRole('status').filter({ hasText: 'new,' })).toContainText('2 new');
  });

  await test.step('the next file with these columns uses the same choice', async () => {
    await importer.open();
    await importer.startOver();
    await importer.chooseFile(
      await file('tuesday.csv', [
        `A-79;${dotted(daysAgo(1))};Ivan Petrov;;ul. Lenina 5;190000;Sankt-Peterburg;RU;SOAP-3;3`,
      ]),
    );
    await expect(
      page.getByText('Using the columns you chose last time for files like this one.'),
    ).toBeVisible();
    await expect(importer.counts()).toContainText('1 new order');
    await importer.importButton().click();
    await expect(page.getByRole('status').filter({ hasText: 'new,' })).toContainText('1 new');
  });
});
