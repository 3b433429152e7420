/**
 * Text messages through an HTTP gateway with Twilio's request shape: a form-encoded POST of `To`,
 * `From` and `Body`, basic auth (`SID:token`) or a bearer token. Many SMS providers accept this
 * shape, and a local relay can translate it for the rest.
 */
import { describeError, type SendResult, type SmsTransport } from './transport.ts';

export interface SmsGatewayOptions {
  url: string;
  token?: string;
  from?: string;
  timeoutMs: number;
}

/** Errors where the request provably never reached the gateway. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

function authorization(url: URL, token: string | undefined): string | null {
  // fetch refuses URLs with credentials in them; Twilio users often paste them that way.
  if (url.username !== '') {
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    url.username = '';
    url.password = '';
    return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  }
  if (token === undefined) return null;
  return token.includes(':') ? `Basic ${Buffer.from(token).toString('base64')}` : `Bearer ${token}`;
}

function classifyFetchError(error: unknown): SendResult {
  const reason = describeError(error);
  const cause = (error as { cause?: { code?: string } } | null)?.cause;
  if (cause?.code !== undefined && NOT_CONNECTED.has(cause.code)) return { outcome: 'retry', reason };
  // A timeout or a reset after the request went out: the gateway may have taken it.
  return { outcome: 'unknown', reason };
}

export function smsGatewayTransport(options: SmsGatewayOptions): SmsTransport {
  return {
    name: 'sms-gateway',
    async send(sms) {
      const url = new URL(options.url);
      const auth = authorization(url, options.token);
      const form = new URLSearchParams({
        To: sms.to,
        ...(options.from !== undefined && { From: options.from }),
        Body: sms.body,
      });
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
            // Gateways that support it drop a repeated request; the others ignore the header.
            'idempotency-key': sms.id,
            ...(auth !== null && { authorization: auth }),
          },
          body: form,
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        return classifyFetchError(error);
      }
      const body = await response.text().catch(() => '');
      const detail = `HTTP ${response.status} ${body.replace(/\s+/g, ' ').slice(0, 300)}`.trim();
      if (response.ok) {
        let providerId = `http-${response.status}`;
        try {
          const json = JSON.parse(body) as { sid?: unknown; id?: unknown; message_id?: unknown };
          const id = json.sid ?? json.id ?? json.message_id;
          if (typeof id === 'string' || typeof id === 'number') providerId = String(id);
        } catch {
          // Not JSON: the status is all we know.
        }
        return { outcome: 'sent', providerId };
      }
      // 429 and 503 say "not now" without having taken the message.
      if (response.status === 429 || response.status === 503) return { outcome: 'retry', reason: detail };
      if (response.status >= 400 && response.status < 500) return { outcome: 'failed', reason: detail };
      return { outcome: 'unknown', reason: detail };
    },
  };
}
