import { describe, expect, it } from 'vitest';
import { createChannelsApi } from '../sync/channels-api.ts';
import type { FetchInit } from '../sync/fetcher.ts';
import { ShopsError, ShopsState } from './shops.svelte.ts';

const AUTH = { deviceId: 'd1', token: 'tok' };
const CONNECTION = {
  id: 'c1',
  channel: 'etsy',
  shop: 'HolmKnits',
  status: 'active',
  lastRunAt: null,
  lastRunOrders: null,
  lastError: null,
  nextPollAt: '2026-11-03T10:00:00.000Z',
};

/** ShopsState over the real channels API on a recording fake network. */
function shops(answers: Record<string, { status: number; body: unknown }>, online = true) {
  const calls: { url: string; init: FetchInit }[] = [];
  const opened: string[] = [];
  let synced = 0;
  const api = createChannelsApi({
    fetcher: async (url, init) => {
      calls.push({ url, init });
      const answer = answers[`${init.method} ${url}`] ?? { status: 404, body: { error: 'not_found' } };
      return { status: answer.status, headers: { get: () => null }, json: async () => answer.body };
    },
  });
  const state = new ShopsState({
    auth: () => AUTH,
    online: () => online,
    syncNow: async () => {
      synced++;
    },
    api,
    openConsent: (url) => opened.push(url),
  });
  return { state, calls, opened, synced: () => synced };
}

describe('ShopsState', () => {
  it('asks the server for the consent page and leaves for it', async () => {
    const url = 'https://www.etsy.com/oauth/connect?client_id=k&state=s';
    const { state, calls, opened } = shops({
      'POST /api/channels/etsy/authorize': { status: 200, body: { url } },
    });
    await state.connectWithConsent('etsy', { shop: '', app: { keystring: 'k', sharedSecret: 's' } });
    expect(opened).toEqual([url]);
    expect(calls.map((c) => [c.init.method, c.url, c.init.body, c.init.headers['Authorization']])).toEqual([
      [
        'POST',
        '/api/channels/etsy/authorize',
        '{"shop":"","app":{"keystring":"k","sharedSecret":"s"}}',
        'Bearer tok',
      ],
    ]);
  });

  it('goes nowhere when the server refuses, or offline', async () => {
    const refused = shops({
      'POST /api/channels/etsy/authorize': { status: 400, body: { error: 'invalid' } },
    });
    await expect(refused.state.connectWithConsent('etsy', { shop: '', app: {} })).rejects.toEqual(
      new ShopsError('invalid'),
    );
    expect(refused.opened).toEqual([]);
    const offline = shops({}, false);
    await expect(offline.state.connectWithConsent('etsy', { shop: '', app: {} })).rejects.toEqual(
      new ShopsError('offline'),
    );
    expect(offline.calls).toEqual([]);
  });

  it('back from a consent page: lists the connections anew, and pulls when connected', async () => {
    const list = { enabled: true, channels: ['etsy'], connections: [CONNECTION] };
    const back = shops({ 'GET /api/channels': { status: 200, body: list } });
    await back.state.consentReturned({ result: 'connected', shop: 'HolmKnits' });
    expect(back.state.connections.map((c) => [c.shop, c.confirmWhen])).toEqual([['HolmKnits', 'shipped']]);
    expect(back.synced()).toBe(1);
    await back.state.consentReturned({ result: 'denied', shop: '' });
    expect(back.synced()).toBe(1);
  });

  it('changes when a connection confirms, and keeps the server’s answer', async () => {
    const list = { enabled: true, channels: ['etsy'], connections: [CONNECTION] };
    const { state, calls } = shops({
      'GET /api/channels': { status: 200, body: list },
      'PATCH /api/channels/c1': { status: 200, body: { connection: { ...CONNECTION, confirmWhen: 'told' } } },
    });
    await state.refresh();
    await state.setConfirmWhen('c1', 'told');
    expect(calls.at(-1)?.init.body).toBe('{"confirmWhen":"told"}');
    expect(state.connections[0]?.confirmWhen).toBe('told');
  });
});
