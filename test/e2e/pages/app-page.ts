/** Page model of the app shell: navigation, status bar, update banner. Role locators only. */
import { expect, type Page } from '@playwright/test';

export class AppPage {
  constructor(readonly page: Page) {}

  async open(path = '/'): Promise<void> {
    await this.page.goto(path);
    await expect(this.heading()).toBeVisible();
    await this.ready();
  }

  /**
   * Waits until the app has read its data (the database is open): the shell paints the header and
   * a placeholder before, with the main area busy.
   */
  async ready(): Promise<void> {
    await expect(this.page.getByRole('main')).not.toHaveAttribute('aria-busy', 'true');
  }

  heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  nav(name: string) {
    return this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
  }

  /** The phone's "More" button, which unfolds the places that are not in its bottom bar. */
  more() {
    return this.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'More' });
  }

  /** Goes to a main place, through "More" where the phone's bar does not show it. */
  async goTo(name: string): Promise<void> {
    if (!(await this.nav(name).isVisible())) await this.more().click();
    await this.nav(name).click();
  }

  /** The strip that says online or offline and what is not synced yet. */
  statusIndicator() {
    return this.page.getByRole('contentinfo', { name: 'Status' });
  }

  networkStatus() {
    return this.page.getByTestId('network-status');
  }

  unsynced() {
    return this.page.getByTestId('unsynced-count');
  }

  /** Resolves when a service worker controls the page (the first visit is claimed). */
  async waitForServiceWorker(): Promise<void> {
    await this.page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 30_000,
    });
  }
}
