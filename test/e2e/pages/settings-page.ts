import { expect, type Locator, type Page } from '@playwright/test';

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
