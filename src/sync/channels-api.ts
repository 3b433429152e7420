/**
 * The backend's shop-connection routes as typed functions, on the same injected network and
 * error type as the sync API (`SyncHttpError` with the server's code: `auth`, `exists`, ...).
 */
import {
  authorizeResponseSchema,
  channelListSchema,
  connectResponseSchema,
  fetchNowResponseSchema,
  okResponseSchema,
  type AuthorizeRequest,
  type ChannelList,
  type ConnectionSettings,
  type Connection,
  type ConnectRequest,
} from '../core/channels/api.ts';
import { validate, type Schema } from '../core/protocol/index.ts';
import { errorOf, SyncHttpError, type DeviceAuth } from './api.ts';
import type { Fetcher, FetchResponse } from './fetcher.ts';

export interface ChannelsApi {
  list(auth: DeviceAuth): Promise<ChannelList>;
  connect(auth: DeviceAuth, request: ConnectRequest): Promise<Connection>;
  remove(auth: DeviceAuth, connectionId: string): Promise<void>;
  fetchNow(auth: DeviceAuth, connectionId: string): Promise<number>;
  sendAgain(auth: DeviceAuth, confirmationId: string): Promise<void>;
  /** Changes a connection's settings ("confirm when shipped / when the buyer is told"). */
  update(auth: DeviceAuth, connectionId: string, settings: ConnectionSettings): Promise<Connection>;
  /** The channel's consent page for a connection through OAuth (Etsy, eBay, Amazon). */
  authorize(auth: DeviceAuth, channel: string, request: AuthorizeRequest): Promise<string>;
}

export function createChannelsApi({
  fetcher,
  baseUrl = '',
}: {
  fetcher: Fetcher;
  baseUrl?: string;
}): ChannelsApi {
  async function call<T>(
    method: string,
    path: string,
    schema: Schema<T>,
    auth: DeviceAuth,
    body?: unknown,
  ): Promise<T> {
    let response: FetchResponse;
    try {
      response = await fetcher(`${baseUrl}${path}`, {
        method,
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${auth.token}`,
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      throw new SyncHttpError(0, 'network', error instanceof Error ? error.message : String(error));
    }
    if (response.status < 200 || response.status >= 300) throw await errorOf(response);
    const parsed = validate(schema, await response.json().catch(() => undefined));
    if (!parsed.ok) throw new SyncHttpError(response.status, 'bad_response', parsed.message);
    return parsed.value;
  }
  const id = (value: string) => encodeURIComponent(value);
  return {
    list: (auth) => call('GET', '/api/channels', channelListSchema, auth),
    connect: async (auth, request) =>
      (await call('POST', '/api/channels', connectResponseSchema, auth, request)).connection,
    update: async (auth, connectionId, settings) =>
      (await call('PATCH', `/api/channels/${id(connectionId)}`, connectResponseSchema, auth, settings))
        .connection,
    remove: async (auth, connectionId) => {
      await call('DELETE', `/api/channels/${id(connectionId)}`, okResponseSchema, auth);
    },
    fetchNow: async (auth, connectionId) =>
      (await call('POST', `/api/channels/${id(connectionId)}/fetch`, fetchNowResponseSchema, auth, {}))
        .fetched,
    authorize: async (auth, channel, request) =>
      (await call('POST', `/api/channels/${id(channel)}/authorize`, authorizeResponseSchema, auth, request))
        .url,
    sendAgain: async (auth, confirmationId) => {
      await call(
        'POST',
        `/api/channel-confirmations/${id(confirmationId)}/retry`,
        okResponseSchema,
        auth,
        {},
      );
    },
  };
}
