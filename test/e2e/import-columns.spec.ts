/**
 * The preview says what the column guess could not find and what it only guessed: a list without
 * an e-mail column names the consequence and offers the column choice, and choosing the column
 * fills the buyers' e-mails in the sample; two e-mail columns of equal standing are asked about
 * with the first preselected. Nothing of it blocks the import.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';
import { ImportPage } from './pages/import-page.ts';
import { SettingsPage } from './pages/settings-page.ts';

async function file(name: string, lines: string[]): Promise<string> {
  const target = path.join(await mkdtemp(path.join(tmpdir(), 'trackpack-columns-')), name);
  await writeFile(target, lines.join('\r\n'));
  return target;
}

test('a list without an e-mail column says so, and choosing the column fills the e-mails', async ({
  page,
}) => {
  await new AppPage(page).open();
  const importer = new ImportPage(page);
  await importer.open();
  await importer.chooseFile(
    await file('plain-list.csv', [
      'Order Number,Order Date,Buyer Name,Street,Postcode,City,Country,SKU,Quantity,Item,Notes',
      'P-1,2026-03-07,Lena Fischer,Bergstraße 4,80331,München,DE,SOAP-1,2,Soap,lena@example.com',
      'P-2,2026-03-08,Olof Berg,Storgatan 1,111 22,Stockholm,SE,SOAP-2,1,Soap,olof@example.se',
      'P-3,2026-03-09,Ivan Petrov,ul. Lenina 5,190000,Sankt-Peterburg,RU,SOAP-3,1,Soap,call before noon',
    ]),
  );

  await test.step('the preview names the missing e-mail and phone with what they cost', async () => {
    const checks = importer.columnChecks();
    await expect(checks).toContainText('No column for E-mail was found.');
    await expect(checks).toContainText("Buyers can't be e-mailed");
    await expect(checks).toContainText('No column for Phone was found.');
    await expect(checks).toContainText('No text messages to buyers.');
    await expect(importer.sample().getByRole('row', { name: /P-1/ })).not.toContainText('@');
    // A warning, not an error: the import can go ahead as it is.
    await expect(importer.counts()).toContainText('3 new orders');
    await expect(importer.importButton()).toBeEnabled();
  });

  await test.step('one click on the offered column fills the e-mails in the sample', async () => {
    // Two of the three notes are e-mail addresses: the column is offered for the e-mail.
    await importer.columnChecks().getByRole('button', { name: 'Use “Notes”' }).click();
    await expect(importer.sample().getByRole('row', { name: /P-1/ })).toContainText('lena@example.com');
    await expect(importer.sample().getByRole('row', { name: /P-2/ })).toContainText('olof@example.se');
    await expect(importer.columnChecks()).not.toContainText('No column for E-mail');
    await expect(importer.columnChecks()).toContainText('No column for Phone was found.');
  });

  await test.step('the import goes through with the chosen column', async () => {
    await importer.importButton().click();
    await expect(page.getByRole('status').filter({ hasText: 'new,' })).toContainText('3 new');
  });
});

test('two e-mail columns of equal standing are asked about, the first preselected', async ({ page }) => {
  await new AppPage(page).open();
  const importer = new ImportPage(page);
  await importer.open();
  await importer.chooseFile(
    await file('two-emails.csv', [
      'Order ID;Date;Name;Billing Email;Shipping Email;Street;Zip;City;Country;SKU;Phone',
      'E-1;2026-03-07;Ann Lee;ann@billing.example;ann@home.example;1 A St;11111;Town;US;A;+1 617 555 0100',
    ]),
  );
  const choice = importer.columnFor('E-mail');
  await expect(importer.columnChecks()).toContainText('E-mail is read from “Billing Email”. Is that right?');
  await expect(choice).toHaveValue('Billing Email');
  await expect(importer.sample().getByRole('row', { name: /E-1/ })).toContainText('ann@billing.example');

  await choice.selectOption('Shipping Email');
  await expect(importer.sample().getByRole('row', { name: /E-1/ })).toContainText('ann@home.example');
  await expect(importer.importButton()).toBeEnabled();
});

test("a list without a country column imports in the shop's country, and the preview says what that costs", async ({
  page,
}) => {
  await new AppPage(page).open();
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.setShopCountry('DE');

  const importer = new ImportPage(page);
  await importer.open();
  await importer.chooseFile(
    await file('domestic.csv', [
      'Bestellnummer;Bestelldatum;Name;E-Mail;Telefon;Straße;PLZ;Ort;Artikelnummer;Menge',
      'D-1;07.03.2026;Lena Fischer;lena@example.de;0171 1234567;Bergstraße 4;80331;München;S-1;1',
    ]),
  );
  await expect(importer.columnChecks()).toContainText('No column for Country was found.');
  await expect(importer.columnChecks()).toContainText(
    "Domestic and international orders can't be told apart.",
  );
  await expect(importer.sample().getByRole('row', { name: /D-1/ })).toContainText('80331 München, GERMANY');
  await expect(importer.importButton()).toBeEnabled();
});
