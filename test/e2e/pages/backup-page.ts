/** Page model of Settings > Backup: back up, choose a file to restore, the preview, the banners. */
import { expect, type Locator, type Page } from '@playwright/test';

export class BackupSection {
  readonly region: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Backup' });
  }

  /** Clicks "Back up everything" and saves the download; returns the file's path. */
  async backUp(saveTo: string): Promise<string> {
    const download = this.page.waitForEvent('download');
    await this.region.getByRole('button', { name: 'Back up everything' }).click();
    const file = await download;
    await file.saveAs(saveTo);
    await expect(this.region.getByTestId('last-backup')).toContainText('Last backup');
    return file.suggestedFilename();
  }

  async choose(file: string): Promise<void> {
    await this.region.getByLabel('Restore from a backup').setInputFiles(file);
  }

  preview(): Locator {
    return this.region.getByRole('region', { name: 'In this backup' });
  }

  restoreButton(): Locator {
    return this.preview().getByRole('button', {
      name: /Restore this backup|Replace the data on this device/,
    });
  }

  done(): Locator {
    return this.region.getByRole('status').filter({ hasText: 'Restored' });
  }
}
