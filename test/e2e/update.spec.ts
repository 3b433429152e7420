/**
 * A new version is a prompt, never a surprise reload: after a deploy, the waiting service worker
 * shows "A new version is ready" and the page stays as it is until the seller clicks Reload.
 */
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';
import { startPrivateServer, type PrivateServer } from './support/private-server.ts';

let server: PrivateServer;
test.beforeAll(async () => {
  // Beside the shared server's port, so runs with different E2E_PORTs don't collide.
  server = await startPrivateServer(Number(process.env['E2E_PORT'] ?? 8181) + 10);
});
test.afterAll(async () => {
  await server.stop();
});

test('a waiting new service worker shows the update prompt and does not reload by itself', async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open(server.url + '/');
  await app.waitForServiceWorker();

  // Deploy a new version: the server now serves a different service worker script.
  await server.deploy('sw.js', (text) => `${text}\n// next version\n`);

  // Something a seller typed must survive: it would be lost by a reload.
  await page.evaluate(() => ((window as unknown as { beforeUpdate: string }).beforeUpdate = 'kept'));
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });

  const banner = page.getByRole('alert').filter({ hasText: 'A new version is ready.' });
  await expect(banner).toBeVisible({ timeout: 30_000 });
  // The new worker waits for the seller: it is installed, not activated, so nothing reloads the page.
  await expect
    .poll(() =>
      page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state ?? 'none'),
    )
    .toBe('installed');
  expect(await page.evaluate(() => (window as unknown as { beforeUpdate?: string }).beforeUpdate)).toBe(
    'kept',
  );

  const reloaded = page.waitForEvent('load');
  await banner.getByRole('button', { name: 'Reload' }).click();
  await reloaded;
  expect(
    await page.evaluate(() => (window as unknown as { beforeUpdate?: string }).beforeUpdate),
  ).toBeUndefined();
  await expect(page.getByRole('alert').filter({ hasText: 'A new version is ready.' })).toHaveCount(0);
});
