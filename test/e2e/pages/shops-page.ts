import { expect, type Locator, type Page } from '@playwright/test';

/** Settings → Shops: connect a shop, see its connections, fetch now. */
export class ShopsSection {
  readonly region: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Shops' });
  }

  async connectShopify(shop: string, clientId: string, clientSecret: string): Promise<void> {
    await this.region.getByLabel('Shop system').selectOption({ label: 'Shopify' });
    await this.region.getByLabel('Shop address (…myshopify.com)').fill(shop);
    await this.region.getByLabel('Client ID').fill(clientId);
    await this.region.getByLabel('Client secret').fill(clientSecret);
    await this.region.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(this.region.getByRole('status')).toContainText('Connected to');
  }

  /** Etsy with a pasted refresh token (the form for the four marketplaces). */
  async connectEtsy(keystring: string, sharedSecret: string, refreshToken: string): Promise<void> {
    await this.region.getByLabel('Shop system').selectOption({ label: 'Etsy' });
    await this.region.getByLabel('With a refresh token I already have').check();
    await this.region.getByLabel('Keystring (API key)').fill(keystring);
    await this.region.getByLabel('Shared secret').fill(sharedSecret);
    await this.region.getByLabel('Refresh token', { exact: true }).fill(refreshToken);
    await this.region.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(this.region.getByRole('status')).toContainText('Connected to');
  }

  /** Etsy through its consent page: the app's keys typed, then the button that leaves for Etsy. */
  async fillEtsyApp(keystring: string, sharedSecret: string): Promise<void> {
    await this.region.getByLabel('Shop system').selectOption({ label: 'Etsy' });
    await this.region.getByLabel('On Etsy’s own page (sign in there and agree)').check();
    await this.region.getByLabel('Keystring (API key)').fill(keystring);
    await this.region.getByLabel('Shared secret').fill(sharedSecret);
  }

  connectWith(channel: string): Locator {
    return this.region.getByRole('button', { name: `Connect with ${channel}` });
  }

  connections(): Locator {
    return this.region.getByRole('list', { name: 'Connected shops' });
  }

  /** "Confirm to the marketplace: when shipped / when the buyer is told" of one connection. */
  confirmWhen(shop: string): Locator {
    return this.region.getByRole('combobox', { name: `Confirm to ${shop}` });
  }

  async fetchNow(shop: string): Promise<void> {
    await this.region.getByRole('button', { name: `Fetch now from ${shop}` }).click();
    await expect(this.region.getByRole('status')).toContainText(/fetched/);
  }
}

/** The order page's confirmations to the shop. */
export function shopConfirmations(detail: Locator): Locator {
  return detail.getByRole('list', { name: 'Shop confirmation' });
}
