/** Page model of the tracking screen. Role and label locators only. */
import { expect, type Download, type Page } from '@playwright/test';

export class TrackingPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tracking' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Tracking numbers' })).toBeVisible();
  }

  /** Clicks a button that downloads a file and returns the file's text. */
  async downloadText(name: string | RegExp): Promise<{ text: string; bytes: Buffer; download: Download }> {
    const pending = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name }).click();
    const download = await pending;
    const chunks = await (await download.createReadStream()).toArray();
    const bytes = Buffer.concat(chunks as Buffer[]);
    return { text: bytes.toString('utf8'), bytes, download };
  }

  async downloadSheet() {
    return this.downloadText('Download the tracking sheet');
  }

  /** Chooses a filled sheet through the browser's file chooser. */
  async chooseFile(path: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('button', { name: 'Choose a file' }).click();
    await (await chooser).setFiles(path);
  }

  counts() {
    return this.page.getByTestId('tracking-counts');
  }

  result() {
    return this.page.getByTestId('tracking-result');
  }

  errorsTable() {
    return this.page.getByRole('table', { name: 'Rows that cannot be imported' });
  }

  updatesTable() {
    return this.page.getByRole('table', { name: 'Which order gets which parcel' });
  }

  confirmButton() {
    return this.page.getByRole('button', { name: /^Add \d+ parcels?$|^Nothing new to add$/ });
  }

  async startOver(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Import another file|Choose another file)$/ }).click();
  }

  async setPeriod(from: string, to: string): Promise<void> {
    await this.page.getByLabel('Shipped from').fill(from);
    await this.page.getByLabel('Shipped until').fill(to);
  }
}
