/**
 * A local fake of Etsy holding one receipt of a few hours ago (inside the first fetch's window and
 * the list's default period), and a server of our own that talks to it, beside the shared
 * server's port so runs with different E2E_PORTs don't collide.
 */
import { randomBytes } from 'node:crypto';
import { fakeReceipt, startFakeEtsy, type FakeEtsy } from '../../../server/channels/fake-etsy.ts';
import { startPrivateServer, type PrivateServer } from './private-server.ts';
import { E2E_SETUP_CODE } from './setup-code.ts';

export interface EtsyShop {
  fake: FakeEtsy;
  server: PrivateServer;
}

export async function startEtsyShop(options: {
  /** Added to E2E_PORT for the server's port; each spec takes its own. */
  portOffset: number;
  receiptId: number;
  hoursAgo: number;
  /** Etsy's consent page is the fake too (ETSY_AUTH_ORIGIN). */
  consentPage?: boolean;
}): Promise<EtsyShop> {
  const fake = await startFakeEtsy();
  const at = Math.floor((Date.now() - options.hoursAgo * 3_600_000) / 1000);
  fake.receipts = [fakeReceipt(options.receiptId, { create_timestamp: at, updated_timestamp: at })];
  const server = await startPrivateServer(Number(process.env['E2E_PORT'] ?? 8181) + options.portOffset, {
    SECRETS_KEY: randomBytes(32).toString('base64'),
    ETSY_API_ORIGIN: fake.origin,
    ...(options.consentPage ? { ETSY_AUTH_ORIGIN: fake.origin } : {}),
    SETUP_CODE: E2E_SETUP_CODE,
  });
  return { fake, server };
}
