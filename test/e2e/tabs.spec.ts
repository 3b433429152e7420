/**
 * Several tabs of one browser: one of them runs the sync loop and the others show its status; a
 * newer schema opened in another tab closes this tab's database and asks for a reload, without
 * touching what the seller was typing.
 */
import { expect, test, type Page, type Request } from '@playwright/test';
import { AppPage } from './pages/app-page.ts';
import { SettingsPage } from './pages/settings-page.ts';

const isSync = (request: Request) => /\/api\/(push|pull)$/.test(new URL(request.url()).pathname);

function countSync(page: Page): { n: number } {
  const seen = { n: 0 };
  page.on('request', (request) => {
    if (isSync(request)) seen.n++;
  });
  return seen;
}

test('two tabs run one sync loop, and the other tab shows its status', async ({ context }) => {
  const first = await context.newPage();
  await new AppPage(first).open();
  const settings = new SettingsPage(first);
  await settings.open();
  await settings.createAccount('Zwei Tabs');
  await expect(first.getByTestId('sync-status')).toContainText('Synced');
  const fromFirst = countSync(first);

  const second = await context.newPage();
  const fromSecond = countSync(second);
  await new AppPage(second).open();
  await expect(second.getByTestId('sync-status')).toContainText('Synced');

  // "Sync now" in the second tab is carried out by the first.
  const pulled = first.waitForRequest((r) => isSync(r) && r.url().endsWith('/api/pull'));
  await second.getByRole('button', { name: 'Sync now' }).click();
  await pulled;
  expect(fromFirst.n).toBeGreaterThan(0);
  expect(fromSecond.n).toBe(0);

  // The leading tab closes: the second takes the loop over.
  const own = second.waitForRequest(isSync);
  await first.close();
  await own;
  await expect(second.getByTestId('sync-status')).toContainText('Synced');
});

test('a newer schema in another tab closes the database and asks to reload, keeping the form', async ({
  context,
}) => {
  const old = await context.newPage();
  await new AppPage(old).open();
  const settings = new SettingsPage(old);
  await settings.open();
  await settings.shopName().fill('Noch nicht gespeichert');

  // Another tab of the origin opens the database at a higher version (as a newer app would).
  const newer = await context.newPage();
  await newer.goto('/api/health');
  await newer.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('trackpack', 100_000);
        request.onsuccess = () => {
          request.result.close();
          resolve();
        };
        request.onerror = () => reject(request.error);
      }),
  );

  await expect(
    old.getByRole('alert').filter({ hasText: 'Trackpack was updated in another tab' }),
  ).toBeVisible();
  await expect(old.getByRole('button', { name: 'Reload' })).toBeVisible();
  await expect(settings.shopName()).toHaveValue('Noch nicht gespeichert');
});
