/**
 * The shop-connection routes' answers (`/api/channels`), validated on the device before they are
 * believed. Secrets go to the server in a connect request and never come back in any of these.
 */
import * as v from 'valibot';

export const connectionSchema = v.object({
  id: v.string(),
  channel: v.string(),
  shop: v.string(),
  status: v.string(),
  lastRunAt: v.nullable(v.string()),
  lastRunOrders: v.nullable(v.number()),
  lastError: v.nullable(v.string()),
  nextPollAt: v.string(),
});
export type Connection = v.InferOutput<typeof connectionSchema>;

export const channelListSchema = v.object({
  /** False when the server has no SECRETS_KEY: it cannot keep shop keys. */
  enabled: v.boolean(),
  channels: v.array(v.string()),
  connections: v.array(connectionSchema),
});
export type ChannelList = v.InferOutput<typeof channelListSchema>;

export const connectResponseSchema = v.object({ connection: connectionSchema });
export const fetchNowResponseSchema = v.object({ fetched: v.number() });
export const okResponseSchema = v.object({ ok: v.literal(true) });

export interface ConnectRequest {
  channel: string;
  shop: string;
  credentials: Record<string, string>;
}
