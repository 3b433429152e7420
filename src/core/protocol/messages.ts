/**
 * The sync protocol, version 2: the request and response bodies of `/api/push`, `/api/pull`,
 * `/api/accounts` and `/api/devices`, as valibot schemas both ends parse with.
 *
 * ```
 *  push  { protocolVersion, deviceId, mutations: [{ id, name, args, createdAt }] }
 *     -> { protocolVersion, lastMutationId, rejected: [{ id, name, code, message, params }], gap? }
 *  pull  { protocolVersion, deviceId, cursor }
 *     -> { protocolVersion, cursor, more, snapshot, orders, parcels, removedParcels, events, settings }
 * ```
 *
 * Mutation ids increase by one per device. The server applies each mutation in its own
 * transaction together with the device's last applied id: an id at or below it is a duplicate
 * (skipped), an id beyond the next one is a gap (refused: the response's `gap` says where to
 * resume), a mutation that fails validation or a business rule is recorded as rejected and the
 * id advances anyway. `rejected` lists the rejections of every id in the request, also of
 * duplicates, so a lost response loses no rejection. Changing any shape here means a new
 * `PROTOCOL_VERSION`; the server refuses versions it does not speak (`unsupported_protocol`).
 *
 * Pull: a device that starts (cursor `"0"`), or whose cursor lies before the part of the change
 * log the server has pruned, first receives a snapshot of the shop's current state in pages
 * (`snapshot: true`, cursors of the form in `snapshot.ts`), then follows the change log from the
 * position the snapshot was taken at. Version 2 added the snapshot (`snapshot`, snapshot cursors).
 */
import * as v from 'valibot';
import type { RefusalCode } from '../workflow/status-machine.ts';
import { parseCursor } from './snapshot.ts';
import {
  eventSchema,
  orderSchema,
  parcelIdSchema,
  parcelSchema,
  settingsSchema,
  text,
  timestampSchema,
} from './schemas.ts';

export const PROTOCOL_VERSION = 2;

/** Mutations per push request; the client also keeps a request under `MAX_PUSH_BODY_BYTES`. */
export const MAX_PUSH_MUTATIONS = 1_000;
/** What the client fills a push request up to: below the server's 4 MiB limit, with room. */
export const MAX_PUSH_BODY_BYTES = 3 * 1024 * 1024;
/** Changes per pull response; `more` says whether to ask again. */
export const PULL_PAGE_CHANGES = 1_000;
/** Entities (orders, parcels, events together) per snapshot page. */
export const SNAPSHOT_PAGE_ROWS = 10_000;

const mutationIdSchema = v.pipe(v.number(), v.safeInteger(), v.minValue(1));
const uuidSchema = v.pipe(v.string(), v.uuid());
/** An opaque position in the seller's change log or in a snapshot; `"0"` is the beginning. */
export const cursorSchema = v.pipe(
  v.string(),
  v.check((s) => parseCursor(s) !== null, 'not a cursor'),
);
export const INITIAL_CURSOR = '0';

/** Read first, alone, so that a client of another version gets a clear answer. */
export const versionedSchema = v.object({ protocolVersion: v.number() });

export const wireMutationSchema = v.object({
  id: mutationIdSchema,
  name: v.pipe(v.string(), v.maxLength(100)),
  args: v.unknown(),
  createdAt: timestampSchema,
});
export type WireMutation = v.InferOutput<typeof wireMutationSchema>;

export const pushRequestSchema = v.object({
  protocolVersion: v.literal(PROTOCOL_VERSION),
  deviceId: uuidSchema,
  mutations: v.pipe(v.array(wireMutationSchema), v.maxLength(MAX_PUSH_MUTATIONS)),
});
export type PushRequest = v.InferOutput<typeof pushRequestSchema>;

/**
 * Why a mutation was not applied. Codes of the status machine (`RefusalCode`) when a transition
 * is refused; `status_stale` when another device changed the status later (by device time);
 * `order_unknown` when the order does not exist on the server; `invalid_args` and
 * `unknown_mutation` for what fails validation; `too_large` for a mutation over the body limit;
 * `unprocessable` for a change the server failed to apply (the database refused a value, or applying
 * it threw); `id_reused` for an id the server already holds with another body; `no_recipient` and `source_excluded` for a
 * `notify.request` that cannot go out; `no_tracking_provider` and `parcel_unknown` for a
 * `parcel.retrack` that cannot be asked.
 */
export type RejectionCode =
  | RefusalCode
  | 'status_stale'
  | 'order_unknown'
  | 'invalid_args'
  | 'unknown_mutation'
  | 'too_large'
  | 'unprocessable'
  | 'id_reused'
  // notify.request: the buyer has no usable address/number on that channel; the marketplace
  // forbids the seller's own messages (Amazon).
  | 'no_recipient'
  | 'source_excluded'
  // parcel.retrack: no tracking provider is configured on this server; the parcel is unknown.
  | 'no_tracking_provider'
  | 'parcel_unknown';

export const rejectionSchema = v.object({
  id: mutationIdSchema,
  name: v.string(),
  code: v.string(),
  /** English, for logs and support; the UI translates `code` with `params`. */
  message: v.string(),
  params: v.record(v.string(), v.string()),
});
export type Rejection = v.InferOutput<typeof rejectionSchema>;

export const pushResponseSchema = v.object({
  protocolVersion: v.literal(PROTOCOL_VERSION),
  /** The device's last applied (or rejected) id after this request; 0 before the first. */
  lastMutationId: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  rejected: v.array(rejectionSchema),
  /** Present when a mutation id skipped ahead: resend from `expected`. */
  gap: v.exactOptional(v.object({ expected: mutationIdSchema, received: mutationIdSchema })),
});
export type PushResponse = v.InferOutput<typeof pushResponseSchema>;

export const pullRequestSchema = v.object({
  protocolVersion: v.literal(PROTOCOL_VERSION),
  deviceId: uuidSchema,
  cursor: cursorSchema,
});
export type PullRequest = v.InferOutput<typeof pullRequestSchema>;

/**
 * The current server state of everything that changed since the cursor (every device's writes,
 * this one's included, so that the server's resolution of a conflict reaches the device too).
 * `snapshot`: this page is part of a snapshot of the shop (it says nothing about what changed;
 * `removedParcels` then lists every removed parcel the server remembers).
 */
export const pullResponseSchema = v.object({
  protocolVersion: v.literal(PROTOCOL_VERSION),
  cursor: cursorSchema,
  more: v.boolean(),
  snapshot: v.boolean(),
  orders: v.array(orderSchema),
  parcels: v.array(parcelSchema),
  removedParcels: v.array(parcelIdSchema),
  events: v.array(eventSchema),
  settings: v.nullable(settingsSchema),
});
export type PullResponse = v.InferOutput<typeof pullResponseSchema>;
/** What a pull brings, without the envelope: what `SyncStore.applyPulled` writes. */
export type PulledChanges = Omit<PullResponse, 'protocolVersion' | 'cursor' | 'more' | 'snapshot'>;

/** Error bodies: `{ error: code, message? }` with a 4xx/5xx status. */
export const ERROR_CODES = [
  'unsupported_protocol',
  'invalid_request',
  'unauthorized',
  'forbidden',
  'device_mismatch',
  'device_taken',
  'not_found',
  'rate_limited',
  'pairing_code_invalid',
  'payload_too_large',
  // A notification review decision that does not apply to the message's status.
  'not_applicable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
/** `GET /api/orders/:orderId/notifications` -> `{ notifications: NotificationInfo[] }`. */
export const notificationInfoSchema = v.object({
  id: v.string(),
  orderId: v.string(),
  kind: v.string(),
  channel: v.picklist(['email', 'sms']),
  locale: v.string(),
  recipient: v.string(),
  subject: v.string(),
  text: v.string(),
  /** queued | sending | sent | failed | needs_review | cancelled */
  status: v.string(),
  attempts: v.number(),
  dueAt: v.string(),
  /** Why a due message waits (a sending cap), e.g. "recipient limit: 5 per day". */
  waitReason: v.nullable(v.string()),
  sentAt: v.nullable(v.string()),
  providerMessageId: v.nullable(v.string()),
  lastError: v.nullable(v.string()),
});
export type NotificationInfo = v.InferOutput<typeof notificationInfoSchema>;
export const notificationListResponseSchema = v.object({ notifications: v.array(notificationInfoSchema) });
/** `POST /api/notifications/:id/review` with `{ decision }` -> `{ notification }` (404, 409). */
export const reviewRequestSchema = v.object({ decision: v.picklist(['send_again', 'mark_sent', 'cancel']) });
export const reviewResponseSchema = v.object({ notification: notificationInfoSchema });

export const errorResponseSchema = v.object({
  error: v.string(),
  message: v.exactOptional(v.string()),
});

// Accounts and devices.

export const deviceNameSchema = text(100);

export const createAccountRequestSchema = v.object({
  shopName: v.pipe(text(200), v.trim(), v.minLength(1)),
  deviceId: uuidSchema,
  deviceName: deviceNameSchema,
  /** The one-time setup code the server printed at its first start; the first shop needs it. */
  setupCode: v.exactOptional(v.pipe(v.string(), v.maxLength(200))),
});
export type CreateAccountRequest = v.InferOutput<typeof createAccountRequestSchema>;

/** The device token is shown once, here; the server keeps only its SHA-256. */
export const deviceCredentialsSchema = v.object({
  sellerId: uuidSchema,
  deviceId: uuidSchema,
  token: v.string(),
  shopName: v.string(),
  /**
   * The shop's recovery code, shown once: when a shop is created and when a recovery spent (and so
   * replaced) the previous one. The server keeps only its SHA-256.
   */
  recoveryCode: v.exactOptional(v.string()),
});
export type DeviceCredentials = v.InferOutput<typeof deviceCredentialsSchema>;

export const pairingCodeResponseSchema = v.object({
  /** Shown as `ABCDE-FGHJK`; typing it with or without the dash, in any case, works. */
  code: v.string(),
  /** What the QR code encodes (relative to the app's origin): `/pair?code=...`. */
  url: v.string(),
  expiresAt: v.string(),
});
export type PairingCodeResponse = v.InferOutput<typeof pairingCodeResponseSchema>;

export const claimPairingRequestSchema = v.object({
  code: v.pipe(v.string(), v.maxLength(40)),
  deviceId: uuidSchema,
  deviceName: deviceNameSchema,
});
export type ClaimPairingRequest = v.InferOutput<typeof claimPairingRequestSchema>;

export const deviceInfoSchema = v.object({
  id: uuidSchema,
  name: v.string(),
  createdAt: v.string(),
  lastSeenAt: v.nullable(v.string()),
  revokedAt: v.nullable(v.string()),
  /** The device making the request. */
  current: v.boolean(),
});
export type DeviceInfo = v.InferOutput<typeof deviceInfoSchema>;
export const deviceListResponseSchema = v.object({ devices: v.array(deviceInfoSchema) });

const recoveryCodeSchema = v.pipe(v.string(), v.maxLength(100));

/** `POST /api/devices/recover`: a new device joins with the recovery code when no device is left. */
export const recoverRequestSchema = v.object({
  recoveryCode: recoveryCodeSchema,
  deviceId: uuidSchema,
  deviceName: deviceNameSchema,
});
export type RecoverRequest = v.InferOutput<typeof recoverRequestSchema>;

/**
 * `POST /api/devices/:id/revoke`. Revoking the last device besides the asking one needs the
 * recovery code (else 403 `recovery_code_required`): a stolen device cannot lock the owner out.
 */
export const revokeRequestSchema = v.object({ recoveryCode: v.exactOptional(recoveryCodeSchema) });
export type RevokeRequest = v.InferOutput<typeof revokeRequestSchema>;
/** What was revoked, for the confirmation: which device, and when it last reached the server. */
export const revokeResponseSchema = v.object({
  device: v.object({ id: uuidSchema, name: v.string(), lastSeenAt: v.nullable(v.string()) }),
});
export type RevokeResponse = v.InferOutput<typeof revokeResponseSchema>;

/** `POST /api/recovery-code`: a new recovery code for the current one (none needed when unset). */
export const renewRecoveryRequestSchema = v.object({ currentCode: v.exactOptional(recoveryCodeSchema) });
export const renewRecoveryResponseSchema = v.object({ recoveryCode: v.string() });

export const SECURITY_EVENT_KINDS = [
  'shop_created',
  'device_paired',
  'device_revoked',
  'recovery_used',
  'recovery_renewed',
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

/** One entry of the shop's security log (`GET /api/security-events`, newest first). */
export const securityEventSchema = v.object({
  id: v.string(),
  kind: v.picklist(SECURITY_EVENT_KINDS),
  at: v.string(),
  /** The device that did it; null when none did (a recovery from a new device). */
  actorName: v.nullable(v.string()),
  /** The device it was done to (paired, revoked, recovered onto). */
  subjectName: v.nullable(v.string()),
  /** A revoked device's last contact with the server before it was revoked. */
  subjectLastSeenAt: v.nullable(v.string()),
});
export type SecurityEvent = v.InferOutput<typeof securityEventSchema>;
export const securityEventListResponseSchema = v.object({ events: v.array(securityEventSchema) });
