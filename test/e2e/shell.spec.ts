/**
 * The installable offline app shell against the production build served by the real server.
 */
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';
import { SettingsPage } from './pages/settings-page.ts';

test('the app loads with an empty state that leads to the import', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await expect(page.getByRole('heading', { name: 'No orders yet' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import orders' })).toBeVisible();
  await expect(app.networkStatus()).toHaveText('Online');
});

test('the web manifest is valid and its icons are served', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const response = await request.get(href!);
  expect(response.ok()).toBe(true);
  expect(response.headers()['content-type']).toContain('application/manifest+json');
  const manifest = (await response.json()) as Record<string, unknown> & {
    icons: { src: string; sizes: string; type: string; purpose?: string }[];
    share_target: { action: string; method: string; params: { files: { accept: string[] }[] } };
  };
  expect(manifest).toMatchObject({
    name: 'Trackpack',
    short_name: 'Trackpack',
    start_url: '/',
    scope: '/',
    display: 'standalone',
  });
  expect(manifest['description']).toEqual(expect.any(String));
  expect(manifest['theme_color']).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest['background_color']).toMatch(/^#[0-9a-f]{6}$/i);
  const sizes = manifest.icons.map((i) => `${i.sizes}${i.purpose === 'maskable' ? ' maskable' : ''}`);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512', '512x512 maskable']));
  for (const icon of manifest.icons) {
    const image = await request.get(new URL(icon.src, response.url()).toString());
    expect(image.ok(), icon.src).toBe(true);
    expect(image.headers()['content-type']).toBe(icon.type);
    const bytes = await image.body();
    // PNG signature, and the declared width in the IHDR chunk.
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(Number(icon.sizes.split('x')[0]));
  }
  expect(manifest.share_target).toMatchObject({ action: '/share-target', method: 'POST' });
  expect(manifest.share_target.params.files[0]?.accept).toEqual(expect.arrayContaining(['.csv', 'text/csv']));
});

test('a service worker controls the page, and the app works offline after one visit', async ({
  page,
  context,
}) => {
  const app = new AppPage(page);
  await app.open();
  await app.waitForServiceWorker();

  // Write something while online: the shop profile.
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.shopName().fill('Kaffeeladen Jürgen');
  await settings.save();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await expect(app.unsynced()).toHaveText('1 unsynced change');

  await context.setOffline(true);
  await page.reload();
  await expect(app.heading()).toHaveText('Settings');
  await expect(settings.shopName()).toHaveValue('Kaffeeladen Jürgen');
  await expect(app.networkStatus()).toHaveText('Offline');

  // A deep link that was never visited also loads offline (navigation fallback to the shell).
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'No orders yet' })).toBeVisible();
  await context.setOffline(false);
});

test('security headers are set and the app runs under the CSP without violations', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto('/');
  const headers = response!.headers();
  expect(headers['content-security-policy']).toContain("default-src 'self'");
  expect(headers['content-security-policy']).toContain("script-src 'self'");
  expect(headers['content-security-policy']).not.toContain('unsafe-inline');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBeTruthy();
  expect(headers['cache-control']).toBe('no-cache');

  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`Refused to: ${e.violatedDirective}`),
    );
  });
  await page.reload();
  const app = new AppPage(page);
  await expect(app.heading()).toBeVisible();
  await new SettingsPage(page).open();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByRole('heading', { name: 'No orders yet' })).toBeVisible();
  expect(violations).toEqual([]);
});

test('hashed assets are immutable; the shell files are revalidated', async ({ page, request }) => {
  await page.goto('/');
  const script = await page.locator('script[type="module"]').first().getAttribute('src');
  const asset = await request.get(script!);
  expect(asset.headers()['cache-control']).toContain('immutable');
  for (const file of ['/sw.js', '/manifest.webmanifest', '/index.html']) {
    expect((await request.get(file)).headers()['cache-control'], file).toBe('no-cache');
  }
  expect((await request.get('/api/health')).ok()).toBe(true);
});

test('the language follows the browser and can be changed in Settings', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Noch keine Bestellungen' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await page.getByRole('link', { name: 'Einstellungen' }).click();
  await page.getByLabel('Sprache', { exact: true }).selectOption('sv');
  await page.getByRole('button', { name: 'Speichern', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inställningar' })).toBeVisible();
  await context.close();
});
