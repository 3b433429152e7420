/**
 * The hostile corpus (test/fixtures/hostile) in every buyer field, rendered where a seller or a
 * buyer sees it, in Chromium: the orders list, the order detail and the packing slips (imported
 * from a CSV file made of the corpus), the buyer's tracking page and the e-mail the server wrote
 * (seeded through the real API). A dialog, a payload's console marker, a request for a payload's
 * image or a blocked inline script counts as an execution; there must be none.
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { EXECUTED_MARKER, HOSTILE_VALUES } from '../fixtures/hostile/corpus.ts';
import { mailDir } from './support/mail.ts';
import { AppPage } from './pages/app-page.ts';
import { BuyerPage } from './pages/buyer-page.ts';
import { ImportPage } from './pages/import-page.ts';
import { OrdersPage } from './pages/orders-page.ts';
import { PrintPage } from './pages/print-page.ts';
import { E2E_SETUP_CODE } from './support/setup-code.ts';
import { PROTOCOL_VERSION } from '../../src/core/protocol/index.ts';

const PORT = process.env['E2E_PORT'] ?? '8181';

/**
 * Everything on `page` that shows a payload ran (or tried to and was blocked), and uncaught
 * errors: a value that breaks a screen is a finding too.
 */
function watchForExecutions(page: Page): string[] {
  const executions: string[] = [];
  page.on('pageerror', (error) => executions.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    executions.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    const text = message.text();
    if (text.includes(EXECUTED_MARKER) || /Content Security Policy/i.test(text)) {
      executions.push(`console: ${text}`);
    }
  });
  page.on('request', (request) => {
    // `<img src=x>` and friends ask for a relative `x`.
    if (new URL(request.url()).pathname.endsWith('/x')) executions.push(`request: ${request.url()}`);
  });
  return executions;
}

/** `H07` and so on: a short unique key per corpus value, for searching. */
const keyOf = (i: number): string => `H${String(i).padStart(2, '0')}`;

/** A corpus value that fits an order number (one short line). */
const fitsId = (value: string): boolean =>
  value.length <= 100 &&
  value.trim() === value &&
  ![...value].some((c) => c.charCodeAt(0) < 0x20 || '\u007f\u0085\u2028\u2029'.includes(c));

/** The order number a corpus value gets: its key, and the value itself where it fits. */
const idOf = (value: string, i: number): string => (fitsId(value) ? `${keyOf(i)} ${value}` : keyOf(i));

/** Values that would do something if a screen rendered them as HTML. */
const MARKUP = HOSTILE_VALUES.map((value, i) => ({ value, i })).filter(
  ({ value }) => value.includes('<') && fitsId(value),
);

function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** An order file as a shop system writes it (RFC 4180), one order per corpus value, dated today. */
function hostileOrderCsv(): string {
  const q = (v: string): string => `"${v.replaceAll('"', '""')}"`;
  const today = localDay(new Date());
  const lines = ['Order Number,Order Date,Name,Email,Street,Zip,City,Country,SKU,Product,Quantity'];
  HOSTILE_VALUES.forEach((value, i) => {
    lines.push(
      [idOf(value, i), today, value, value, value, value, value, 'DE', `${keyOf(i)}-sku`, value, '1']
        .map(q)
        .join(','),
    );
  });
  return `${lines.join('\r\n')}\r\n`;
}

test('the corpus imported from a file stays text in the list, the detail and the slips', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const executions = watchForExecutions(page);
  await PrintPage.stubPrint(page);
  await new AppPage(page).open('/import');
  const file = testInfo.outputPath('hostile-orders.csv');
  await writeFile(file, hostileOrderCsv(), 'utf8');

  const importer = new ImportPage(page);
  await importer.chooseFile(file);
  await expect(
    page.getByRole('heading', { name: 'Check hostile-orders.csv before importing' }),
  ).toBeVisible();
  const valid = page.getByLabel(/Import the valid rows/);
  if (await valid.isVisible()) await valid.check();
  await importer.importButton().click();
  const result = page.getByRole('status').filter({ hasText: 'new,' });
  await expect(result).toBeVisible();
  const imported = Number(/(\d+) new/.exec((await result.textContent()) ?? '')?.[1] ?? 0);
  expect(imported).toBeGreaterThanOrEqual(50);

  // The list: every markup value is shown as the text it is.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
  const orders = new OrdersPage(page);
  await expect(orders.shown()).toContainText(`${imported} orders shown`);
  for (const { value, i } of MARKUP) {
    await orders.search().fill(keyOf(i));
    await expect(orders.row(keyOf(i))).toContainText(value);
    // The detail: name, e-mail, address and item title as text.
    const detail = await orders.open(idOf(value, i));
    await expect(detail).toContainText(value);
    await page.goBack();
  }
  await orders.search().fill('');
  await expect(orders.shown()).toContainText(`${imported} orders shown`);

  // The packing slips of every imported order.
  await page.getByRole('button', { name: `Select all ${imported} matching orders` }).click();
  await orders
    .bulk()
    .getByRole('button', { name: `Print ${imported} packing slips` })
    .click();
  const print = new PrintPage(page);
  await expect.poll(() => print.printCalls()).toBe(1);
  await print.asPrinted();
  await expect(print.slips()).toHaveCount(imported);
  for (const { value, i } of MARKUP) {
    await expect(print.slip(idOf(value, i))).toContainText(value);
  }
  expect(executions).toEqual([]);
});

/** What the sync protocol accepts in a text field: no NUL, at most `max` characters. */
const wireText = (value: string, max: number): string => value.replaceAll('\0', '').slice(0, max) || '?';

/** The decoded body of a MIME part of a raw `.eml`, found by its content type. */
function mimePart(raw: string, contentType: string): string {
  const start = raw.search(new RegExp(`^Content-Type: ${contentType}`, 'im'));
  expect(start, `${contentType} part`).toBeGreaterThanOrEqual(0);
  const headersEnd = raw.indexOf('\r\n\r\n', start);
  const headers = raw.slice(start, headersEnd);
  const bodyEnd = raw.indexOf('\r\n--', headersEnd);
  const body = raw.slice(headersEnd + 4, bodyEnd < 0 ? undefined : bodyEnd);
  if (/Content-Transfer-Encoding: base64/i.test(headers)) return Buffer.from(body, 'base64').toString('utf8');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(headers)) {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

interface SeededOrder {
  externalId: string;
  notificationId: string;
}

/**
 * A shop (itself named with a payload) with one shipped order per corpus value, the value in the
 * buyer's name, address, item and parcel number, and a "shipped" e-mail asked for each; plus one
 * order whose parcels carry every value as their number. Through the real API, as a device would.
 */
async function seedHostileShop(
  request: APIRequestContext,
): Promise<{ orders: SeededOrder[]; all: SeededOrder }> {
  const deviceId = randomUUID();
  const account = await request.post('/api/accounts', {
    data: {
      shopName: `<img src=x onerror=alert(1)> ${EXECUTED_MARKER.toLowerCase()}`,
      deviceId,
      deviceName: 'e2e',
      setupCode: E2E_SETUP_CODE,
    },
  });
  expect(account.status()).toBe(201);
  const { token } = (await account.json()) as { token: string };
  const at = new Date().toISOString();
  const run = Date.now().toString(36);
  let id = 0;
  const wire = (name: string, args: unknown) => ({ id: ++id, name, args, createdAt: at });
  const parcel = (orderId: string, trackingNumber: string) =>
    wire('parcel.upsert', {
      parcel: {
        id: randomUUID(),
        orderId,
        trackingNumber,
        carrierId: 'dhl-paket',
        deliveryStatus: 'in_transit',
        updatedAt: at,
      },
      eventId: randomUUID(),
      at,
    });
  const seeded = HOSTILE_VALUES.map((value, i) => ({
    value,
    externalId: `${run}-${idOf(value, i)}`,
    notificationId: randomUUID(),
    email: `h${i}.${run}@example.com`,
  }));
  const all = {
    externalId: `${run}-ALL <b>every value</b>`,
    notificationId: randomUUID(),
    email: `all.${run}@example.com`,
  };
  const orderOf = (externalId: string, value: string, email: string) => ({
    id: `shopify:${externalId}`,
    source: 'shopify',
    externalId,
    orderedAt: at.slice(0, 10),
    buyer: { name: wireText(value, 2_000), email },
    address: {
      line1: wireText(value, 2_000),
      zip: wireText(value, 2_000),
      city: wireText(value, 2_000),
      country: 'DE',
    },
    lines: [{ title: wireText(value, 2_000), sku: wireText(value, 2_000), quantity: 1 }],
  });
  const notify = (orderId: string, notificationId: string) =>
    wire('notify.request', {
      notificationId,
      orderId,
      kind: 'shipped',
      channel: 'email',
      eventId: randomUUID(),
      at,
    });
  const mutations = [
    wire('orders.import', {
      eventId: randomUUID(),
      fileName: 'hostile.csv',
      part: 1,
      orders: [
        ...seeded.map((o) => orderOf(o.externalId, o.value, o.email)),
        orderOf(all.externalId, '<script>alert(1)</script>', all.email),
      ],
    }),
    ...seeded.map((o) => parcel(`shopify:${o.externalId}`, wireText(o.value, 100))),
    ...HOSTILE_VALUES.map((value) => parcel(`shopify:${all.externalId}`, wireText(value, 100))),
    ...[...seeded, all].map((o) =>
      wire('order.transition', {
        orderId: `shopify:${o.externalId}`,
        to: 'shipped',
        eventId: randomUUID(),
        at,
      }),
    ),
    ...[...seeded, all].map((o) => notify(`shopify:${o.externalId}`, o.notificationId)),
  ];
  const push = await request.post('/api/push', {
    headers: { Authorization: `Bearer ${token}` },
    data: { protocolVersion: PROTOCOL_VERSION, deviceId, mutations },
  });
  expect(push.status()).toBe(200);
  expect(((await push.json()) as { rejected: unknown[] }).rejected).toEqual([]);
  return { orders: seeded, all };
}

/** The e-mails the server wrote for these notifications, raw, once all of them are there. */
async function mailsOf(notificationIds: readonly string[]): Promise<string[]> {
  const dir = await mailDir();
  await expect
    .poll(
      async () => {
        const files = new Set(await readdir(dir).catch(() => [] as string[]));
        return notificationIds.filter((nid) => !files.has(`${nid}.eml`)).length;
      },
      { timeout: 90_000 },
    )
    .toBe(0);
  return Promise.all(notificationIds.map((nid) => readFile(path.join(dir, `${nid}.eml`), 'utf8')));
}

test('the corpus in the e-mails and on the buyer page stays text', async ({ page, request }) => {
  test.setTimeout(180_000);
  const executions = watchForExecutions(page);
  // The watch sees a payload that does run: one value put into a page unescaped, on purpose.
  const probe = HOSTILE_VALUES.find((v) => v.startsWith('<img') && v.includes(EXECUTED_MARKER));
  await page.setContent(`<p>${probe}</p>`);
  await expect.poll(() => executions.length).toBeGreaterThan(0);
  executions.length = 0;

  const { orders, all } = await seedHostileShop(request);
  const raw = await mailsOf([...orders.map((o) => o.notificationId), all.notificationId]);
  const base = `http://127.0.0.1:${PORT}`;
  const links: string[] = [];
  for (const mail of raw) {
    const html = mimePart(mail, 'text/html');
    const link = new RegExp(`${base.replace(/[.]/g, '\\.')}/t/[A-Za-z0-9_-]{43}`).exec(html);
    expect(link, 'tracking-page link in the e-mail').not.toBeNull();
    links.push(link![0]);
    // The e-mail as a mail client shows it (scripts on: the worst client).
    await page.setContent(html, { waitUntil: 'load' });
    await expect(page.locator('body')).not.toBeEmpty();
  }
  const markupHtml = mimePart(raw[MARKUP[0]!.i]!, 'text/html');
  await page.setContent(markupHtml);
  await expect(page.locator('body')).toContainText(MARKUP[0]!.value);

  // The buyer pages (rate-limited per client, so not one per value): every markup order's, and
  // the one that lists every value as a parcel number.
  const buyer = new BuyerPage(page);
  for (const { value, i } of MARKUP) {
    await buyer.open(links[i]!);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(value);
    await expect(page.getByText(wireText(value, 100), { exact: true })).toBeVisible();
  }
  await buyer.open(links[orders.length]!);
  await expect(buyer.parcels()).toHaveCount(HOSTILE_VALUES.length);
  for (const { value } of MARKUP) await expect(page.getByText(value, { exact: true })).toBeVisible();
  expect(executions).toEqual([]);
});
