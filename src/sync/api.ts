/**
 * The backend's HTTP API as typed functions: accounts, devices, push and pull. Every response is
 * validated with the protocol's schemas before it is believed. Failures are `SyncHttpError`s with
 * a code the sync loop and the UI can act on (`network`, `unauthorized`, `rate_limited`, ...).
 *
 * For the Settings screen's state:
 *   createAccount   first device: a new seller account; returns the device token (shown once)
 *   requestPairingCode  on a paired device: `{ code, url, expiresAt }`; encode `url` in the QR
 *   claimPairingCode    on the new device: the code typed or scanned; returns its token
 *   listDevices / revokeDevice (the recovery code when it is the last other device)
 *   recover         on a new device when none is left: the recovery code; returns its token and
 *                   the next recovery code (shown once)
 *   renewRecoveryCode / securityEvents   Settings: a new recovery code; the shop's security log
 */
import {
  claimPairingRequestSchema,
  createAccountRequestSchema,
  deviceCredentialsSchema,
  deviceListResponseSchema,
  errorResponseSchema,
  pairingCodeResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
  recoverRequestSchema,
  renewRecoveryResponseSchema,
  revokeResponseSchema,
  securityEventListResponseSchema,
  type ClaimPairingRequest,
  type CreateAccountRequest,
  type DeviceCredentials,
  type DeviceInfo,
  type PairingCodeResponse,
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type RecoverRequest,
  type RevokeResponse,
  type Schema,
  type SecurityEvent,
  validate,
} from '../core/protocol/index.ts';
import type { Fetcher, FetchResponse } from './fetcher.ts';

/** `network` when no response came; `bad_response` when one came that is not what we speak. */
export type ApiErrorCode = string;

export class SyncHttpError extends Error {
  override readonly name = 'SyncHttpError';
  constructor(
    /** HTTP status; 0 when there was no response. */
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    /** From `Retry-After`, when the server sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** What identifies this device to the backend; the token stays on the device only. */
export interface DeviceAuth {
  deviceId: string;
  token: string;
}

export interface SyncApi {
  createAccount(request: CreateAccountRequest): Promise<DeviceCredentials>;
  requestPairingCode(auth: DeviceAuth): Promise<PairingCodeResponse>;
  claimPairingCode(request: ClaimPairingRequest): Promise<DeviceCredentials>;
  listDevices(auth: DeviceAuth): Promise<DeviceInfo[]>;
  revokeDevice(auth: DeviceAuth, deviceId: string, recoveryCode?: string): Promise<RevokeResponse>;
  recover(request: RecoverRequest): Promise<DeviceCredentials>;
  renewRecoveryCode(auth: DeviceAuth, currentCode?: string): Promise<string>;
  securityEvents(auth: DeviceAuth): Promise<SecurityEvent[]>;
  push(auth: DeviceAuth, request: PushRequest, signal?: AbortSignal): Promise<PushResponse>;
  pull(auth: DeviceAuth, request: PullRequest, signal?: AbortSignal): Promise<PullResponse>;
}

export interface SyncApiOptions {
  fetcher: Fetcher;
  /** Prefix of `/api/...`; empty (the default) means the page's own origin. */
  baseUrl?: string;
}

export function createSyncApi({ fetcher, baseUrl = '' }: SyncApiOptions): SyncApi {
  async function call<T>(
    method: string,
    path: string,
    schema: Schema<T> | null,
    options: { auth?: DeviceAuth; body?: unknown; signal?: AbortSignal | undefined } = {},
  ): Promise<T> {
    let response: FetchResponse;
    try {
      response = await fetcher(`${baseUrl}${path}`, {
        method,
        headers: {
          Accept: 'application/json',
          ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...(options.auth ? { Authorization: `Bearer ${options.auth.token}` } : {}),
        },
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new SyncHttpError(0, 'network', error instanceof Error ? error.message : String(error));
    }
    if (response.status < 200 || response.status >= 300) throw await errorOf(response);
    if (schema === null) return undefined as T;
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new SyncHttpError(response.status, 'bad_response', 'response is not JSON');
    }
    const parsed = validate(schema, json);
    if (!parsed.ok) throw new SyncHttpError(response.status, 'bad_response', parsed.message);
    return parsed.value;
  }

  return {
    createAccount: (request) =>
      call('POST', '/api/accounts', deviceCredentialsSchema, {
        body: checked(createAccountRequestSchema, request),
      }),
    requestPairingCode: (auth) =>
      call('POST', '/api/devices/pairing', pairingCodeResponseSchema, { auth, body: {} }),
    claimPairingCode: (request) =>
      call('POST', '/api/devices/pair', deviceCredentialsSchema, {
        body: checked(claimPairingRequestSchema, request),
      }),
    listDevices: async (auth) =>
      (await call('GET', '/api/devices', deviceListResponseSchema, { auth })).devices,
    revokeDevice: (auth, deviceId, recoveryCode) =>
      call('POST', `/api/devices/${encodeURIComponent(deviceId)}/revoke`, revokeResponseSchema, {
        auth,
        body: recoveryCode === undefined ? {} : { recoveryCode },
      }),
    recover: (request) =>
      call('POST', '/api/devices/recover', deviceCredentialsSchema, {
        body: checked(recoverRequestSchema, request),
      }),
    renewRecoveryCode: async (auth, currentCode) =>
      (
        await call('POST', '/api/recovery-code', renewRecoveryResponseSchema, {
          auth,
          body: currentCode === undefined ? {} : { currentCode },
        })
      ).recoveryCode,
    securityEvents: async (auth) =>
      (await call('GET', '/api/security-events', securityEventListResponseSchema, { auth })).events,
    push: (auth, request, signal) =>
      call('POST', '/api/push', pushResponseSchema, { auth, body: request, signal }),
    pull: (auth, request, signal) =>
      call('POST', '/api/pull', pullResponseSchema, { auth, body: request, signal }),
  };
}

/** A request checked before it is sent: a mistake here is the app's, not the network's. */
function checked<T>(schema: Schema<T>, request: unknown): T {
  const result = validate(schema, request);
  if (!result.ok) throw new SyncHttpError(0, 'invalid_request', result.message);
  return result.value;
}

export async function errorOf(response: FetchResponse): Promise<SyncHttpError> {
  let code = `http_${response.status}`;
  let message = `HTTP ${response.status}`;
  try {
    const parsed = validate(errorResponseSchema, await response.json());
    if (parsed.ok) {
      code = parsed.value.error;
      message = parsed.value.message ?? code;
    }
  } catch {
    // A body that is not our JSON (a proxy's error page): keep the status code.
  }
  if (response.status === 413) code = 'payload_too_large';
  const retryAfter = Number(response.headers.get('Retry-After'));
  return new SyncHttpError(
    response.status,
    code,
    message,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
  );
}
