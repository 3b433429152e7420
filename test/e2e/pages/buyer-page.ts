import { expect, type Page } from '@playwright/test';

/** The buyer's tracking page `/t/<token>`, as a buyer on a phone sees it. */
export class BuyerPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  shopName() {
    return this.page.locator('header .shop');
  }

  parcels() {
    return this.page.getByRole('listitem');
  }

  carrierLink() {
    return this.page.getByRole('link', { name: /Track on the carrier|Beim Versanddienstleister/ });
  }

  confirmButton() {
    return this.page.getByRole('button', { name: /I received my parcel|Ich habe mein Paket erhalten/ });
  }

  received() {
    return this.page.getByRole('status');
  }

  async confirm(): Promise<void> {
    await this.confirmButton().click();
  }
}
