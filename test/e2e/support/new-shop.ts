/**
 * A fresh device of `baseURL`'s server with a new shop account, in Settings: where the sync tests
 * and every test of connecting a marketplace start.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { AppPage } from '../pages/app-page.ts';
import { SettingsPage } from '../pages/settings-page.ts';

export interface NewShopDevice {
  context: BrowserContext;
  page: Page;
  app: AppPage;
  settings: SettingsPage;
}

export async function openNewShop(
  browser: Browser,
  baseURL: string,
  shopName: string,
): Promise<NewShopDevice> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const app = new AppPage(page);
  await app.open();
  await app.waitForServiceWorker();
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.createAccount(shopName);
  return { context, page, app, settings };
}
