/**
 * The install lock and the way back in, in Chromium against a server of its own (a fresh, empty
 * database with sign-up closed): the first shop needs the setup code (a wrong one is refused, the
 * setup link fills in the right one), the recovery code is shown once, the security log in
 * Settings names what happened, renewing replaces the code, the new code brings the shop onto
 * a device that never had it, and that device revokes the first only with the recovery code.
 */
import { expect, test } from '@playwright/test';
import { SettingsPage } from './pages/settings-page.ts';
import { startPrivateServer, type PrivateServer } from './support/private-server.ts';

const SETUP_CODE = 'ACCESS-SPEC-SETUP-CODE-2345';
const CODE_SHAPE = /^([2-9A-HJKMNP-Z]{5}-){5}[2-9A-HJKMNP-Z]$/;

let server: PrivateServer;
test.beforeAll(async () => {
  // Beside the shared server's port (update.spec.ts takes +10), so parallel runs don't collide.
  server = await startPrivateServer(Number(process.env['E2E_PORT'] ?? 8181) + 20, { SETUP_CODE });
});
test.afterAll(async () => {
  await server?.stop();
});

test('the first shop needs the setup code; its recovery code is shown once and brings the shop back', async ({
  page,
  browser,
}) => {
  const settings = new SettingsPage(page);
  await page.goto(`${server.url}/settings`);
  await settings.setupCode().fill('WRONG-CODE-WRONG-CODE-WRONG');
  await settings.submitAccount('Kleiner Laden');
  await expect(page.getByRole('alert')).toContainText('That setup code is not right');

  // The setup link the server printed fills the code in.
  await page.goto(`${server.url}/settings?setup=${SETUP_CODE}`);
  await expect(settings.setupCode()).toHaveValue(SETUP_CODE);
  await settings.submitAccount('Kleiner Laden');
  await expect(page.getByTestId('sync-account')).toContainText('Kleiner Laden');
  await expect(settings.recoveryCodeNotice()).toBeVisible();
  const first = await settings.recoveryCode();
  expect(first).toMatch(CODE_SHAPE);
  await expect(settings.securityLog().getByRole('listitem')).toHaveText([/shop created on “Browser”/]);

  // Written down: it leaves the screen and does not come back on a reload.
  await settings.recoveryCodeNotice().getByRole('button', { name: 'I have written it down' }).click();
  await expect(settings.recoveryCodeNotice()).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('sync-account')).toContainText('Kleiner Laden');
  await expect(settings.recoveryCodeNotice()).toHaveCount(0);

  // Renewing needs the current code; a wrong one is refused.
  await settings.renewRecoveryCode('AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-A');
  await expect(page.getByRole('alert')).toContainText('That recovery code is not right.');
  await settings.renewRecoveryCode(first);
  await expect(settings.recoveryCodeNotice()).toBeVisible();
  const renewed = await settings.recoveryCode();
  expect(renewed).toMatch(CODE_SHAPE);
  expect(renewed).not.toBe(first);
  await expect(settings.securityLog().getByRole('listitem')).toHaveText([
    /recovery code renewed on “Browser”/,
    /shop created on “Browser”/,
  ]);

  // A device that never had the shop: the server refuses it a new shop (sign-up is closed), an
  // old recovery code does not work, the renewed one brings the shop onto it.
  const other = await browser.newContext();
  try {
    const phone = await other.newPage();
    const phoneSettings = new SettingsPage(phone);
    await phone.goto(`${server.url}/settings`);
    await phoneSettings.submitAccount('Another shop');
    await expect(phone.getByRole('alert')).toContainText('This server takes no new shops.');
    await phoneSettings.recover(first);
    await expect(phone.getByRole('alert')).toContainText('That recovery code is not right.');
    await phoneSettings.recover(renewed, 'Phone');
    await expect(phone.getByTestId('sync-account')).toContainText('Kleiner Laden');
    // The spent code is replaced by a new one, shown once.
    await expect(phoneSettings.recoveryCodeNotice()).toBeVisible();
    const third = await phoneSettings.recoveryCode();
    expect(third).not.toBe(renewed);
    await expect(phoneSettings.securityLog().getByRole('listitem').first()).toHaveText(
      /recovery code used to add “Phone”/,
    );

    // The phone revokes the laptop, the last device besides itself: it names the device and its
    // last sync, and asks for the recovery code first.
    const confirm = await phoneSettings.askToRevoke('Browser');
    await expect(confirm).toContainText('It last synced');
    await confirm.getByLabel('Recovery code').fill('AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-A');
    await confirm.getByRole('button', { name: 'Revoke the device' }).click();
    await expect(phone.getByRole('alert')).toContainText('That recovery code is not right.');
    await confirm.getByLabel('Recovery code').fill(third);
    await confirm.getByRole('button', { name: 'Revoke the device' }).click();
    await expect(confirm).toHaveCount(0);
    await expect(phoneSettings.securityLog().getByRole('listitem').first()).toHaveText(
      /“Browser” revoked by “Phone” \(last synced /,
    );
    // The laptop is signed out of the shop.
    const status = page.getByRole('contentinfo', { name: 'Status' });
    await status.getByRole('button', { name: 'Sync now' }).click();
    await expect(status).toContainText('This device was signed out of the shop.');
  } finally {
    await other.close();
  }
});
