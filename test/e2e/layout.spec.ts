/**
 * Every screen at a phone, a big phone, a tablet and a laptop size: a screenshot of each attached
 * to the report, no sideways scrolling, no accessibility violations (axe), the first order in
 * view on Orders, and packing mode's buttons large and clear of the status strip and the bar.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import type { Order, OrderStatus } from '../../src/core/model/order.ts';
import { makeOrder } from '../factories.ts';
import { AppPage } from './pages/app-page.ts';
import { OrdersPage } from './pages/orders-page.ts';
import { PackingPage } from './pages/packing-page.ts';
import { daysAgo } from './support/dates.ts';

const VIEWPORTS = [
  { width: 360, height: 640 },
  { width: 412, height: 915 },
  { width: 768, height: 1024 },
  { width: 1366, height: 768 },
] as const;

/** Where the phone's bottom bar takes over from the navigation at the top. */
const PHONE_MAX_WIDTH_PX = 640;
/** Where the orders list becomes a table. */
const TABLE_MIN_WIDTH_PX = 1024;
const MIN_TOUCH_TARGET_PX = 44;
const EVERY_SCREEN_TIMEOUT_MS = 240_000;

const BUYERS = ['Jürgen Groß', 'Åsa Ängström', 'Фёдор Иванов', 'Zoë Rossi', 'Lars Nilsson'];
const STATUSES: OrderStatus[] = ['new', 'ready', 'preparing', 'new', 'shipped'];

function orders(): Order[] {
  const now = new Date().toISOString();
  return Array.from({ length: 40 }, (_, i) =>
    makeOrder({
      externalId: `#${7000 + i}`,
      orderedAt: daysAgo(i % 20),
      createdAt: now,
      updatedAt: now,
      status: STATUSES[i % STATUSES.length]!,
      buyer: { name: BUYERS[i % BUYERS.length]! },
    }),
  );
}

async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name.replaceAll(' ', '-')}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(overflow.scroll, 'the page is wider than the screen').toBeLessThanOrEqual(overflow.client);
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  expect(found, 'the element has a box on screen').not.toBeNull();
  return found!;
}

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

for (const viewport of VIEWPORTS) {
  const size = `${viewport.width}x${viewport.height}`;
  const phone = viewport.width <= PHONE_MAX_WIDTH_PX;

  test(`every screen at ${size}`, async ({ page }, testInfo) => {
    // Seven screens, each with a screenshot and an axe run: about a minute on a quiet machine.
    test.setTimeout(EVERY_SCREEN_TIMEOUT_MS);
    await page.setViewportSize(viewport);
    const app = new AppPage(page);
    await app.open();
    const list = new OrdersPage(page);
    await list.seed(orders());

    await test.step('orders: the first order is in view', async () => {
      const first = list.rows().first();
      await expect(first).toBeVisible();
      await attachScreenshot(page, testInfo, `${size} orders`);
      const row = await box(first);
      expect(row.y + row.height).toBeLessThanOrEqual(viewport.height - (phone ? 56 : 0));
      // A table with column headers on a laptop, two lines per order on smaller screens.
      await expect(list.columnHeader('Buyer')).toHaveCount(viewport.width >= TABLE_MIN_WIDTH_PX ? 1 : 0);
      await expectNoSidewaysScroll(page);
      await expectNoAxeViolations(page);
    });

    await test.step('an order open', async () => {
      const detail = await list.open('#7000');
      await expect(detail).toBeVisible();
      await expectNoSidewaysScroll(page);
      await attachScreenshot(page, testInfo, `${size} order detail`);
      await expectNoAxeViolations(page);
      await page.goBack();
      await expect(detail).toBeHidden();
    });

    await test.step('packing: large buttons, clear of the status strip and the navigation', async () => {
      await app.goTo(phone ? 'Packing' : 'Orders');
      if (!phone) await page.getByRole('link', { name: 'Packing mode' }).click();
      const packing = new PackingPage(page);
      await expect(packing.position()).toBeVisible();
      await expectNoSidewaysScroll(page);
      await attachScreenshot(page, testInfo, `${size} packing`);
      await expectNoAxeViolations(page);
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const status = await box(app.statusIndicator());
      const nav = await box(page.getByRole('navigation', { name: 'Main' }));
      for (const name of ['Previous', 'Mark shipped', 'Next', 'Go']) {
        const button = await box(page.getByRole('button', { name, exact: true }));
        expect(button.height, `${name} is large enough to touch`).toBeGreaterThanOrEqual(MIN_TOUCH_TARGET_PX);
        expect(overlaps(button, status), `the status strip covers ${name}`).toBe(false);
        if (phone) expect(overlaps(button, nav), `the navigation bar covers ${name}`).toBe(false);
      }
    });

    for (const [place, path] of [
      ['Import', '/import'],
      ['Tracking', '/tracking'],
      ['Tell buyers', '/notify'],
      ['Settings', '/settings'],
    ] as const) {
      await test.step(place, async () => {
        await app.goTo(place);
        await expect(page).toHaveURL(path);
        await expect(app.heading()).toBeVisible();
        await expectNoSidewaysScroll(page);
        await attachScreenshot(page, testInfo, `${size} ${place}`);
        await expectNoAxeViolations(page);
      });
    }
  });
}

test('on a phone, the bottom bar has four places and "More" unfolds the rest', async ({ page }) => {
  await page.setViewportSize(VIEWPORTS[0]);
  const app = new AppPage(page);
  await app.open();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link')).toHaveText(['Orders', 'Packing', 'Import']);
  await expect(app.more()).toHaveAttribute('aria-expanded', 'false');
  const bar = await box(nav);
  expect(bar.y + bar.height).toBe(VIEWPORTS[0].height);
  await app.more().click();
  await expect(app.more()).toHaveAttribute('aria-expanded', 'true');
  await expect(nav.getByRole('link')).toHaveText([
    'Orders',
    'Packing',
    'Import',
    'Tracking',
    'Tell buyers',
    'Settings',
  ]);
  await page.keyboard.press('Escape');
  await expect(app.nav('Settings')).toBeHidden();
  await app.goTo('Settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(app.nav('Settings')).toBeHidden();
});

test('on a laptop, the table sorts by its headers and works from the keyboard', async ({ page }) => {
  await page.setViewportSize(VIEWPORTS[3]);
  const app = new AppPage(page);
  await app.open();
  const list = new OrdersPage(page);
  await list.seed(orders());
  for (const column of [
    'Order',
    'Date',
    'Buyer',
    'Destination',
    'Items',
    'Carrier and tracking',
    'Order status',
    'Delivery',
    'Needs attention',
  ])
    await expect(list.columnHeader(column)).toBeVisible();
  await expect(list.columnHeader('Date')).toHaveAttribute('aria-sort', 'descending');

  await list.sortBy('Buyer');
  await expect(list.columnHeader('Buyer')).toHaveAttribute('aria-sort', 'ascending');
  await expect(list.columnHeader('Date')).not.toHaveAttribute('aria-sort');
  await expect(page.getByLabel('Sort by')).toHaveValue('buyer');
  await expect(list.rows().first()).toContainText('Åsa Ängström');

  await list.sortBy('Date');
  await expect(list.columnHeader('Date')).toHaveAttribute('aria-sort', 'descending');
  await list.sortBy('Date');
  await expect(list.columnHeader('Date')).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByLabel('Sort by')).toHaveValue('date_asc');

  const first = list.rows().first();
  await first.focus();
  await page.keyboard.press('ArrowDown');
  const second = list.rows().nth(1);
  await expect(second).toBeFocused();
  const id = (await second.getByRole('link').textContent())!;
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: `Order ${id}` })).toBeVisible();
  // The detail is beside the table, not over it.
  expect(overlaps(await box(page.getByRole('region', { name: `Order ${id}` })), await box(second))).toBe(
    false,
  );
});

test('the summary with the chart stays as it was left, across a reload', async ({ page }) => {
  await page.setViewportSize(VIEWPORTS[3]);
  const app = new AppPage(page);
  await app.open();
  const list = new OrdersPage(page);
  await list.seed(orders());
  await expect(list.summary()).not.toHaveAttribute('open');
  await list.toggleSummary();
  await expect(list.summary()).toHaveAttribute('open');
  await page.reload();
  await expect(list.rows().first()).toBeVisible();
  await expect(list.summary()).toHaveAttribute('open');
  await list.toggleSummary();
  await page.reload();
  await expect(list.rows().first()).toBeVisible();
  await expect(list.summary()).not.toHaveAttribute('open');
});

test('"Late parcels first" is one of the ways to sort the list', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  const list = new OrdersPage(page);
  await list.seed(orders());
  await page.getByLabel('Sort by').selectOption({ label: 'Late parcels first' });
  await expect(page).toHaveURL(/sort=late/);
});
