/**
 * Browser-process kills with a pending outbox: offline, the seller ships K orders, then the whole
 * Chromium process is SIGKILLed (no close, no unload). Relaunched on the same profile and online,
 * the app sends every outbox entry: the status bar says all changes are saved and synced, and a
 * second device paired at the end sees every order shipped.
 *
 * SOAK_KILLS (100; small 3), SOAK_KILL_EDITS (K, 3), SOAK_SEED.
 */
import { readFileSync, readdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
// @ts-expect-error: a plain ES module without types, shared with the scripts.
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { AppPage } from '../e2e/pages/app-page.ts';
import { ImportPage } from '../e2e/pages/import-page.ts';
import { OrdersPage } from '../e2e/pages/orders-page.ts';
import { SettingsPage } from '../e2e/pages/settings-page.ts';
import { daysAgo } from '../e2e/support/dates.ts';
import { count, figure, random, seed } from './soak-support.ts';

const KILLS = count('SOAK_KILLS', 100, 3);
const EDITS = count('SOAK_KILL_EDITS', 3, 3);
const SEED = seed();
const executablePath = (findChromium as () => string | undefined)();

/** The order numbers shipped in one round: `R007-1` ... (the round's prefix is found by search). */
const prefix = (round: number) => `R${String(round).padStart(3, '0')}-`;

function launch(userDataDir: string, baseURL: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    baseURL,
    args: CHROMIUM_ARGS as string[],
    ...(executablePath ? { executablePath } : {}),
  });
}

/** The Chromium main process this test started on `userDataDir` (a child of this process). */
function browserPid(userDataDir: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name in parentheses: state, ppid, ...
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes(userDataDir)) return Number(entry);
    } catch {
      // The process ended while we read it.
    }
  }
  throw new Error(`no Chromium process of this test uses ${userDataDir}`);
}

async function goOffline(context: BrowserContext, page: Page, offline: boolean): Promise<void> {
  await context.setOffline(offline);
  await page.evaluate((event) => window.dispatchEvent(new Event(event)), offline ? 'offline' : 'online');
}

async function expectAllSynced(page: Page): Promise<void> {
  await expect(new AppPage(page).unsynced()).toHaveText('All changes saved on this device', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('sync-status')).toContainText('Synced', { timeout: 60_000 });
}

/** The profile and the order file, removed after the test whether it passed or not. */
const leftovers: string[] = [];
test.afterAll(() => {
  for (const target of leftovers) rmSync(target, { recursive: true, force: true });
});

test('every outbox entry is sent after the browser process is killed', async ({ browser, baseURL }) => {
  const next = random(SEED);
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'trackpack-soak-profile-'));
  const total = KILLS * EDITS;
  const file = path.join(userDataDir, '..', `${path.basename(userDataDir)}-orders.csv`);
  leftovers.push(userDataDir, file);
  const rows: string[] = [];
  for (let round = 0; round < KILLS; round++)
    for (let i = 1; i <= EDITS; i++)
      rows.push(
        `${prefix(round)}${i},${daysAgo(2)},Buyer ${round} ${i},Main Street ${i},10115,Berlin,DE,SOAP-1,1`,
      );
  writeFileSync(
    file,
    ['Order Number,Order Date,Name,Street,Zip,City,Country,SKU,Quantity', ...rows].join('\n'),
  );

  let context = await launch(userDataDir, baseURL!);
  let page = context.pages()[0] ?? (await context.newPage());
  const app = new AppPage(page);
  await app.open();
  await app.waitForServiceWorker();
  const shop = `Kill soak ${SEED}`;
  let settings = new SettingsPage(page);
  await settings.open();
  await settings.createAccount(shop);
  const importer = new ImportPage(page);
  await importer.open();
  await importer.chooseFile(file);
  await importer.importButton().click();
  await expect(page.getByRole('status').filter({ hasText: 'new,' })).toContainText(
    `${total.toLocaleString('en')} new`,
    {
      timeout: 60_000,
    },
  );
  await expectAllSynced(page);

  const started = Date.now();
  let drainMs = 0;
  for (let round = 0; round < KILLS; round++) {
    await goOffline(context, page, true);
    await new AppPage(page).nav('Orders').click();
    const orders = new OrdersPage(page);
    await orders.search().fill(prefix(round));
    await page.getByRole('button', { name: `Select all ${EDITS} matching orders` }).click();
    await orders.markShipped();
    await expect(orders.toast(`${EDITS} of ${EDITS} orders set to “Shipped”.`)).toBeVisible();
    await expect(new AppPage(page).unsynced()).toHaveText(/unsynced change/);
    // Kill at a seeded moment shortly after the change was saved.
    await new Promise((resolve) => setTimeout(resolve, Math.floor(next() * 500)));
    const closed = new Promise((resolve) => context.once('close', resolve));
    process.kill(browserPid(userDataDir), 'SIGKILL');
    await closed;

    context = await launch(userDataDir, baseURL!);
    page = context.pages()[0] ?? (await context.newPage());
    const relaunched = Date.now();
    await new AppPage(page).open();
    await expectAllSynced(page);
    drainMs = Math.max(drainMs, Date.now() - relaunched);
  }
  // A second device sees every order shipped: the server got every outbox entry.
  const ownerPage = page;
  settings = new SettingsPage(ownerPage);
  await settings.open();
  await ownerPage.getByRole('button', { name: 'Add another device' }).click();
  const code = (await ownerPage.getByTestId('pairing-code').textContent())!.trim();
  const second = await browser.newContext();
  const secondPage = await second.newPage();
  await secondPage.goto('/settings');
  await secondPage.getByLabel('Pairing code').fill(code);
  await secondPage.getByRole('button', { name: 'Join the shop' }).click();
  await expect(secondPage.getByTestId('sync-account')).toContainText(shop);
  await new AppPage(secondPage).nav('Orders').click();
  const counts = secondPage.getByRole('navigation', { name: 'Orders by status' });
  await expect(counts.getByRole('link', { name: `Shipped ${total.toLocaleString('en')}` })).toBeVisible({
    timeout: 60_000,
  });
  await expect(counts.getByRole('link', { name: /^New / })).toHaveCount(0);
  figure('browser_sigkill', {
    kills: KILLS,
    editsPerKill: EDITS,
    shippedOnServer: total,
    slowestDrainSeconds: drainMs / 1000,
    seconds: (Date.now() - started) / 1000,
    seed: SEED,
  });
  await second.close();
  await context.close();
});
