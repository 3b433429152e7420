/** Page model of the import screen. Role and label locators only. */
import { expect, type Page } from '@playwright/test';

export class ImportPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Import orders' })).toBeVisible();
  }

  /** Back to choosing a file, from a preview or a finished import (the screen keeps its place). */
  async startOver(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Import another file|Choose another file)$/ }).click();
  }

  /** Chooses a file through the browser's file chooser, as a seller would. */
  async chooseFile(path: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('button', { name: 'Choose a file' }).click();
    await (await chooser).setFiles(path);
  }

  counts() {
    return this.page.getByTestId('import-counts');
  }

  importButton() {
    return this.page.getByRole('button', {
      name: /^Import [\d,.\s\u00a0]+ orders?$|^Nothing new to import$/,
    });
  }

  errorsTable() {
    return this.page
      .getByRole('table')
      .filter({ has: this.page.getByRole('columnheader', { name: 'Reason' }) });
  }

  source() {
    return this.page.getByLabel('Source');
  }

  /** The list of fields without a column and guesses to confirm. */
  columnChecks() {
    return this.page.getByRole('region', { name: 'Columns to check' });
  }

  /** The one-click column choice for a field in the checks, by the field's name ("E-mail"). */
  columnFor(field: string) {
    return this.columnChecks().getByLabel(`Column for ${field}`, { exact: true });
  }

  /** The first orders as they will be saved. */
  sample() {
    return this.page
      .getByRole('table')
      .filter({ has: this.page.getByRole('columnheader', { name: 'Contact' }) });
  }
}
