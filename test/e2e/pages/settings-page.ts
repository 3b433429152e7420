import { expect, type Locator, type Page } from '@playwright/test';
import { E2E_SETUP_CODE } from '../support/setup-code.ts';

export class SettingsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  }

  shopName() {
    return this.page.getByLabel('Shop name');
  }

  senderEmail() {
    return this.page.getByLabel('Sender e-mail');
  }

  language() {
    return this.page.getByLabel('Language', { exact: true });
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save', exact: true }).click();
  }

  /** Settings > Needs attention: the shop's own country, saved with its limits. */
  async setShopCountry(code: string): Promise<void> {
    await this.page.getByLabel(/^Your shop’s country/).fill(code);
    await this.page.getByRole('button', { name: 'Save limits' }).click();
    await expect(this.page.getByText('Saved. The orders list now uses these limits.')).toBeVisible();
  }

  /**
   * Creates the shop's account on the server (this device becomes its first). The shared e2e
   * server's first shop needs its setup code; later ones (hosted mode) ignore it.
   */
  async createAccount(name: string, setupCode = E2E_SETUP_CODE): Promise<void> {
    await this.setupCode().fill(setupCode);
    await this.submitAccount(name);
    await expect(this.page.getByTestId('sync-account')).toContainText(name);
  }

  setupCode(): Locator {
    return this.page.getByLabel('Setup code');
  }

  /** Fills the shop's name and asks for the account, with whatever setup code the form holds. */
  async submitAccount(name: string): Promise<void> {
    await this.page.getByLabel('Shop account name').fill(name);
    await this.page.getByRole('button', { name: 'Create the shop account' }).click();
  }

  /** The recovery code shown once after the shop was created (or the code renewed). */
  recoveryCodeNotice(): Locator {
    return this.page.getByRole('region', { name: 'Your recovery code' });
  }

  async recoveryCode(): Promise<string> {
    const text = await this.recoveryCodeNotice().getByTestId('recovery-code').textContent();
    return (text ?? '').trim();
  }

  securityLog(): Locator {
    return this.page.getByRole('list', { name: 'Security log' });
  }

  async renewRecoveryCode(current: string): Promise<void> {
    await this.page.getByLabel('Current recovery code').fill(current);
    await this.page.getByRole('button', { name: 'Renew the recovery code' }).click();
  }

  /** Asks to revoke a device: answers the confirmation, which names it and its last sync. */
  async askToRevoke(deviceName: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `Revoke ${deviceName}` }).click();
    return this.page.getByRole('form', { name: new RegExp(`^Revoke “${deviceName}”\\?`) });
  }

  /** On a device without a shop: joins the shop with its recovery code, under `deviceName`. */
  async recover(code: string, deviceName?: string): Promise<void> {
    if (deviceName !== undefined) await this.page.getByLabel('Name of this device').fill(deviceName);
    await this.page.getByLabel('Recovery code').fill(code);
    await this.page.getByRole('button', { name: 'Recover the shop' }).click();
  }

  /** Settings > Buyer notifications: when buyers are told by themselves. */
  rules(): Locator {
    return this.page.getByRole('region', { name: 'Buyer notifications' });
  }

  async saveRules(): Promise<void> {
    const rules = this.rules();
    await rules.getByRole('button', { name: 'Save the rules' }).click();
    await expect(rules.getByRole('status')).toHaveText('Rules saved.');
  }
}

/** Settings > Messages: the editor of one message (kind x language) with its live preview. */
export class MessagesSection {
  readonly region: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Messages' });
  }

  async pick(message: string, language: string): Promise<void> {
    await this.region.getByLabel('Message', { exact: true }).selectOption({ label: message });
    await this.region.getByLabel('Language of the preview').selectOption({ label: language });
  }

  subject(): Locator {
    return this.region.getByRole('textbox', { name: 'Subject' });
  }

  previewSubject(): Locator {
    return this.region.getByRole('group', { name: 'Preview' }).getByTestId('messages-preview-subject');
  }

  problems(): Locator {
    return this.region.getByRole('list', { name: 'Problems in this message' });
  }

  async save(): Promise<void> {
    await this.region.getByRole('button', { name: 'Save the message' }).click();
  }
}
