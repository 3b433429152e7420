/** Page model of "Tell buyers": shipped orders nobody told yet, one region per carrier. */
import { expect, type Locator, type Page } from '@playwright/test';

export class NotifyPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Tell buyers' })
      .click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Tell buyers' })).toBeVisible();
  }

  /** The group of one carrier, by its heading ("UPS", "No carrier or tracking number"). */
  group(carrier: string): Locator {
    return this.page.getByRole('region', { name: carrier, exact: true });
  }

  async sendGroup(carrier: string, count: number): Promise<void> {
    const label = count === 1 ? 'Send to 1 buyer' : `Send to ${count} buyers`;
    await this.group(carrier).getByRole('button', { name: label }).click();
    const done = count === 1 ? 'Requested for 1 buyer.' : `Requested for ${count} buyers.`;
    await expect(this.page.getByRole('status').filter({ hasText: done })).toBeVisible();
  }
}
