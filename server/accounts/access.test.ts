import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { DeviceCredentials, SecurityEvent } from '../../src/core/protocol/index.ts';
import {
  createSeller,
  pairDevice,
  postJson,
  startTestServer,
  type TestServer,
} from '../sync/test-support.ts';
import { shippedOrder } from '../notifications/test-support.ts';
import { CLOSED_SIGNUP, decideSignup, setupCodeFromEnv } from './signup.ts';
import { PROTOCOL_VERSION } from '../../src/core/protocol/index.ts';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });
const SETUP = 'QRSTU-VWXYZ-23456-789AB-CDEFG-H';
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const s = await startTestServer({ setupCode: SETUP, signup: CLOSED_SIGNUP, ...options });
  servers.push(s);
  return s;
}

function createShop(s: TestServer, setupCode?: string, shopName = 'Laden') {
  return postJson(s.fetch, '/api/accounts', {
    shopName,
    deviceId: randomUUID(),
    deviceName: 'Laptop',
    ...(setupCode !== undefined && { setupCode }),
  });
}

async function events(s: TestServer, device: DeviceCredentials): Promise<SecurityEvent[]> {
  const res = await s.fetch('/api/security-events', { headers: { Authorization: `Bearer ${device.token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { events: SecurityEvent[] }).events;
}

function revoke(s: TestServer, by: DeviceCredentials, id: string, recoveryCode?: string) {
  return postJson(
    s.fetch,
    `/api/devices/${id}/revoke`,
    recoveryCode === undefined ? {} : { recoveryCode },
    by.token,
  );
}

describe('the signup rule', () => {
  test.each([
    [{ shopsExist: false, codeGiven: false, codeMatches: false }, false, 'setup_code_required'],
    [{ shopsExist: false, codeGiven: true, codeMatches: false }, false, 'setup_code_invalid'],
    [{ shopsExist: false, codeGiven: true, codeMatches: true }, false, null],
    [{ shopsExist: false, codeGiven: false, codeMatches: false }, true, 'setup_code_required'],
    [{ shopsExist: true, codeGiven: true, codeMatches: false }, false, 'signup_closed'],
    [{ shopsExist: true, codeGiven: false, codeMatches: false }, true, 'open'],
  ] as const)('%o, open %s -> %s', (state, open, expected) => {
    const decision = decideSignup(state, { open, newShopDailyCap: 7 });
    if (expected === null) expect(decision).toEqual({ allow: true, dailyCap: null, spendsSetupCode: true });
    else if (expected === 'open')
      expect(decision).toEqual({ allow: true, dailyCap: 7, spendsSetupCode: false });
    else expect(decision).toMatchObject({ allow: false, status: 403, error: expected });
  });

  test('SETUP_CODE must be long enough to resist guessing', () => {
    expect(() => setupCodeFromEnv('short-code')).toThrow(/at least 16/);
    expect(setupCodeFromEnv(SETUP)).toBe(SETUP);
    expect(setupCodeFromEnv('')).toBeUndefined();
  });
});

describe('who may create a shop', () => {
  test('the first shop needs the setup code: none and a wrong one are refused, the right one works once', async () => {
    const s = await server();
    const none = await createShop(s);
    expect(none.status).toBe(403);
    expect(await none.json()).toEqual({ error: 'setup_code_required' });
    const wrong = await createShop(s, 'WRONG-WRONG-WRONG-WRONG-WRONG-W');
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual({ error: 'setup_code_invalid' });
    expect(await s.db.query('SELECT 1 FROM sellers')).toHaveLength(0);

    // Typed back in lower case with spaces instead of dashes still counts.
    const right = await createShop(s, SETUP.toLowerCase().replaceAll('-', ' '));
    expect(right.status).toBe(201);
    const creds = (await right.json()) as DeviceCredentials;
    expect(creds.recoveryCode).toMatch(/^([2-9A-HJKMNP-Z]{5}-){5}[2-9A-HJKMNP-Z]$/);
    const [seller] = await s.db.query<{ daily_message_cap: number | null; recovery_hash: string }>(
      'SELECT daily_message_cap, recovery_hash FROM sellers WHERE id = $1',
      [creds.sellerId],
    );
    // The operator's own shop has no daily cap, and the recovery code is kept only as a hash.
    expect(seller?.daily_message_cap).toBeNull();
    expect(seller?.recovery_hash).toMatch(/^[0-9a-f]{64}$/);

    // Sign-up is closed: the same code, or none, makes no second shop.
    for (const code of [SETUP, undefined]) {
      const again = await createShop(s, code);
      expect(again.status).toBe(403);
      expect(await again.json()).toEqual({ error: 'signup_closed' });
    }
    expect(await s.db.query('SELECT 1 FROM sellers')).toHaveLength(1);
  });

  test('two creations racing with the right code make one shop', async () => {
    const s = await server();
    const statuses = (await Promise.all([createShop(s, SETUP), createShop(s, SETUP)])).map((r) => r.status);
    expect(statuses.sort()).toEqual([201, 403]);
    expect(await s.db.query('SELECT 1 FROM sellers')).toHaveLength(1);
  });

  test('a random setup code is printed once per start and the earlier one stops working', async () => {
    const { prepareSetup } = await import('./signup.ts');
    const s = await server();
    const first = await prepareSetup(s.db);
    const second = await prepareSetup(s.db);
    expect(first).toMatch(/^([2-9A-HJKMNP-Z]{5}-){5}[2-9A-HJKMNP-Z]$/);
    expect(second).not.toBe(first);
    expect((await createShop(s, first)).status).toBe(403);
    expect((await createShop(s, SETUP)).status).toBe(403);
    expect((await createShop(s, second)).status).toBe(201);
    // Once a shop exists, nothing is printed any more.
    expect(await prepareSetup(s.db)).toBeUndefined();
  });

  test('SIGNUP=open: more shops may be made without a code, each with the new-shop daily cap', async () => {
    const s = await server({ signup: { open: true, newShopDailyCap: 20 } });
    // Still not the first: the install lock holds in hosted mode too.
    expect((await createShop(s)).status).toBe(403);
    const owner = (await (await createShop(s, SETUP, 'Operator')).json()) as DeviceCredentials;
    const stranger = await createShop(s, undefined, 'Stranger');
    expect(stranger.status).toBe(201);
    const creds = (await stranger.json()) as DeviceCredentials;
    const caps = await s.db.query<{ id: string; daily_message_cap: number | null }>(
      'SELECT id, daily_message_cap FROM sellers',
    );
    expect(Object.fromEntries(caps.map((r) => [r.id, r.daily_message_cap]))).toEqual({
      [owner.sellerId]: null,
      [creds.sellerId]: 20,
    });
  });
});

describe('hosted mode caps', () => {
  test('a shop made by open sign-up sends up to its daily cap; the rest wait and say why', async () => {
    const s = await server({
      signup: { open: true, newShopDailyCap: 3 },
      notifications: { maxPerSellerPerHour: 100, maxPerRecipientPerDay: 100 },
    });
    expect((await createShop(s, SETUP, 'Operator')).status).toBe(201);
    const stranger = (await (await createShop(s, undefined, 'Stranger')).json()) as DeviceCredentials;
    const notifications = s.notifications;
    if (notifications === undefined) throw new Error('no notification service');
    for (let i = 1; i <= 10; i++) {
      const { order, parcels } = shippedOrder({
        buyer: { name: `Buyer ${i}`, email: `buyer${i}@example.de` },
      });
      const queued = await notifications.enqueue({
        sellerId: stranger.sellerId,
        order: { ...order, id: `${order.id}-${i}` as typeof order.id },
        parcels,
        kind: 'shipped',
        channel: 'email',
        shop: { name: 'Stranger' },
      });
      expect(queued.ok).toBe(true);
    }
    await notifications.runOnce();
    await notifications.runOnce();
    const rows = await s.db.query<{ status: string; wait_reason: string | null; n: number }>(
      `SELECT status, wait_reason, count(*)::int AS n FROM notifications WHERE seller_id = $1
        GROUP BY status, wait_reason ORDER BY status`,
      [stranger.sellerId],
    );
    expect(rows).toEqual([
      {
        status: 'queued',
        wait_reason: "new shop limit: 3 per day, until the server's operator raises it",
        n: 7,
      },
      { status: 'sent', wait_reason: null, n: 3 },
    ]);
  });
});

describe('a way back in', () => {
  test('the recovery code pairs a new device after every device was revoked, once', async () => {
    const s = await server();
    const first = await createSeller(s.fetch, 'Laden', SETUP);
    const second = await pairDevice(s.fetch, first, 'Phone');
    // The phone revokes the laptop, then itself: nobody is left.
    expect((await revoke(s, second, first.deviceId, first.recoveryCode)).status).toBe(200);
    expect((await revoke(s, second, second.deviceId)).status).toBe(200);
    const pull = await postJson(
      s.fetch,
      '/api/pull',
      { protocolVersion: PROTOCOL_VERSION, deviceId: second.deviceId, cursor: '0' },
      second.token,
    );
    expect(pull.status).toBe(401);

    const recover = (code: string | undefined) =>
      postJson(s.fetch, '/api/devices/recover', {
        recoveryCode: code,
        deviceId: randomUUID(),
        deviceName: 'New phone',
      });
    expect((await recover('AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-A')).status).toBe(404);
    const res = await recover(first.recoveryCode);
    expect(res.status).toBe(201);
    const back = (await res.json()) as DeviceCredentials;
    expect(back.sellerId).toBe(first.sellerId);
    expect(back.shopName).toBe('Laden');
    // A new recovery code replaces the spent one.
    expect(back.recoveryCode).toBeDefined();
    expect(back.recoveryCode).not.toBe(first.recoveryCode);
    expect((await recover(first.recoveryCode)).status).toBe(404);
    const devices = await s.fetch('/api/devices', { headers: { Authorization: `Bearer ${back.token}` } });
    expect(devices.status).toBe(200);
    expect((await recover(back.recoveryCode)).status).toBe(201);
  });

  test('revoking the last other device needs the recovery code; one of several does not', async () => {
    const s = await server();
    const laptop = await createSeller(s.fetch, 'Laden', SETUP);
    const phone = await pairDevice(s.fetch, laptop, 'Phone');
    const tablet = await pairDevice(s.fetch, laptop, 'Tablet');
    // A thief with the phone: the tablet goes (the laptop stays), the laptop does not.
    const one = await revoke(s, phone, tablet.deviceId);
    expect(one.status).toBe(200);
    expect(await one.json()).toEqual({
      // The tablet never synced.
      device: { id: tablet.deviceId, name: 'Tablet', lastSeenAt: null },
    });
    const last = await revoke(s, phone, laptop.deviceId);
    expect(last.status).toBe(403);
    expect(await last.json()).toEqual({ error: 'recovery_code_required' });
    const lastByDelete = await s.fetch(`/api/devices/${laptop.deviceId}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${phone.token}` },
    });
    expect(lastByDelete.status).toBe(403);
    const wrong = await revoke(s, phone, laptop.deviceId, 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-A');
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual({ error: 'recovery_code_invalid' });
    const [still] = await s.db.query<{ revoked_at: Date | null }>(
      'SELECT revoked_at FROM devices WHERE id = $1',
      [laptop.deviceId],
    );
    expect(still?.revoked_at).toBeNull();
    // The owner, with the code, revokes the phone from the laptop.
    expect((await revoke(s, laptop, phone.deviceId, laptop.recoveryCode)).status).toBe(200);
  });

  test('renewing the recovery code needs the current one; the old one then stops working', async () => {
    const s = await server();
    const laptop = await createSeller(s.fetch, 'Laden', SETUP);
    const renew = (currentCode?: string) =>
      postJson(s.fetch, '/api/recovery-code', currentCode === undefined ? {} : { currentCode }, laptop.token);
    expect((await renew()).status).toBe(403);
    expect((await renew('AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-A')).status).toBe(403);
    const ok = await renew(laptop.recoveryCode);
    expect(ok.status).toBe(201);
    const { recoveryCode } = (await ok.json()) as { recoveryCode: string };
    expect(recoveryCode).not.toBe(laptop.recoveryCode);
    const recover = (code: string | undefined) =>
      postJson(s.fetch, '/api/devices/recover', {
        recoveryCode: code,
        deviceId: randomUUID(),
        deviceName: 'x',
      });
    expect((await recover(laptop.recoveryCode)).status).toBe(404);
    expect((await recover(recoveryCode)).status).toBe(201);
  });

  test('the audit log names every security event, newest first, for this shop only', async () => {
    const s = await server({ signup: { open: true, newShopDailyCap: 5 } });
    const laptop = await createSeller(s.fetch, 'Laden', SETUP);
    const other = await createSeller(s.fetch, 'Other', SETUP);
    const phone = await pairDevice(s.fetch, laptop, 'Phone');
    await s.db.query(`UPDATE devices SET last_seen_at = '2026-01-02T03:04:05Z' WHERE id = $1`, [
      phone.deviceId,
    ]);
    expect((await revoke(s, laptop, phone.deviceId, laptop.recoveryCode)).status).toBe(200);
    const renewed = await postJson(
      s.fetch,
      '/api/recovery-code',
      { currentCode: laptop.recoveryCode },
      laptop.token,
    );
    const { recoveryCode } = (await renewed.json()) as { recoveryCode: string };
    const recovered = await postJson(s.fetch, '/api/devices/recover', {
      recoveryCode,
      deviceId: randomUUID(),
      deviceName: 'New phone',
    });
    expect(recovered.status).toBe(201);

    const log = await events(s, laptop);
    expect(log.map((e) => [e.kind, e.actorName, e.subjectName, e.subjectLastSeenAt])).toEqual([
      ['recovery_used', null, 'New phone', null],
      ['recovery_renewed', 'first', null, null],
      ['device_revoked', 'first', 'Phone', '2026-01-02T03:04:05.000Z'],
      ['device_paired', 'first', 'Phone', null],
      ['shop_created', 'first', null, null],
    ]);
    for (const e of log) expect(Number.isNaN(Date.parse(e.at))).toBe(false);
    expect((await events(s, other)).map((e) => e.kind)).toEqual(['shop_created']);
    // No code or token is ever in the log.
    const raw = JSON.stringify(await s.db.query('SELECT * FROM security_events'));
    for (const secret of [laptop.recoveryCode, recoveryCode, laptop.token, phone.token])
      expect(raw).not.toContain(secret);
  });
});
