/**
 * Notification settings, from the environment only (each variable is in README's table). With
 * neither SMTP_URL nor SMS_GATEWAY_URL set, nothing leaves the machine: messages are written
 * under DATA_DIR so the seller sees exactly what would go out.
 */
import { isSmsCountry } from '../../src/core/notifications/index.ts';
import { cleanAddress } from './mail-message.ts';
export interface NotificationConfig {
  /** Where `mail/*.eml` and `sms.log` go when no SMTP server or SMS gateway is configured. */
  dataDir: string;
  /** `smtp://user:pass@host:587` or `smtps://...`; unset: e-mails are written to files. */
  smtpUrl?: string;
  /** The address e-mails come from; the seller's name is its display name, replies go to the seller. */
  mailFrom: string;
  /** A Twilio-compatible "send message" endpoint; unset: text messages are written to a file. */
  smsGatewayUrl?: string;
  /** `user:password` for basic auth (Twilio's SID:token), anything else is a bearer token. */
  smsGatewayToken?: string;
  /** The sender number or name for text messages. */
  smsFrom?: string;
  maxPerSellerPerHour: number;
  maxPerRecipientPerDay: number;
  /** All shops' e-mails per hour together (NOTIFY_MAX_EMAIL_PER_HOUR). */
  maxEmailPerHour: number;
  /** All shops' text messages per hour together (NOTIFY_MAX_SMS_PER_HOUR). */
  maxSmsPerHour: number;
  /**
   * SMS_COUNTRIES: the countries (ISO 3166-1 alpha-2) whose numbers may be texted. Unset: the
   * country of each shop's own address (Settings, `workflow.shopCountry`), and none without one.
   */
  smsCountries?: readonly string[];
  /** Attempts before a message that keeps failing is given up as `failed`. */
  maxAttempts: number;
  /** How long a claimed message is a worker's; must be longer than one send can take. */
  leaseMs: number;
  /** How long one send may take before it is abandoned (and its outcome is unknown). */
  sendTimeoutMs: number;
  /** Pause between runs of the sender loop. */
  intervalMs: number;
  /** First retry delay; doubled per attempt up to `backoffMaxMs`. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /**
   * How long a message a rule sent by itself (one with a cause) waits before it may go out, so
   * that undoing its cause (a mistaken bulk "mark shipped") can still cancel it. 0: no wait.
   */
  autoGraceMs: number;
}

export const NOTIFICATION_DEFAULTS = {
  /** Only for the file output: `.invalid` can never be delivered anywhere (RFC 2606). */
  mailFrom: 'notifications@trackpack.invalid',
  maxPerSellerPerHour: 200,
  maxPerRecipientPerDay: 5,
  maxEmailPerHour: 1000,
  maxSmsPerHour: 100,
  maxAttempts: 6,
  leaseMs: 5 * 60_000,
  sendTimeoutMs: 60_000,
  intervalMs: 15_000,
  backoffBaseMs: 60_000,
  backoffMaxMs: 6 * 60 * 60_000,
  // Longer than the app's 20 s undo toast plus a sync round trip.
  autoGraceMs: 60_000,
} as const;

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive whole number, not "${raw}"`);
  return value;
}

function nonNegativeInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number of 0 or more, not "${raw}"`);
  return value;
}

/** The SMTP user name when it is an address (it usually is the mailbox that may send). */
function mailFromOf(smtpUrl: string | undefined): string | undefined {
  if (smtpUrl === undefined) return undefined;
  try {
    const user = decodeURIComponent(new URL(smtpUrl).username);
    return cleanAddress(user) ?? undefined;
  } catch {
    return undefined;
  }
}

/** `DE, at ,SE` -> ['DE', 'AT', 'SE']; a code we cannot tell the calling code of is an error. */
function smsCountriesOf(raw: string | undefined): string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const codes = raw
    .split(',')
    .map((c) => c.trim().toUpperCase())
    .filter((c) => c !== '');
  const unknown = codes.filter((c) => !isSmsCountry(c));
  if (unknown.length > 0) {
    throw new Error(`SMS_COUNTRIES has countries Trackpack has no calling code for: ${unknown.join(', ')}`);
  }
  return codes;
}

export function readNotificationConfig(env: NodeJS.ProcessEnv, dataDir: string): NotificationConfig {
  // An empty variable counts as unset, as in `.env` files and compose files.
  const smtpUrl = env['SMTP_URL'] || undefined;
  const smsGatewayUrl = env['SMS_GATEWAY_URL'] || undefined;
  const smsGatewayToken = env['SMS_GATEWAY_TOKEN'] || undefined;
  const smsFrom = env['SMS_FROM'] || undefined;
  const smsCountries = smsCountriesOf(env['SMS_COUNTRIES']);
  if (smtpUrl !== undefined && !/^smtps?:\/\//i.test(smtpUrl)) {
    throw new Error('SMTP_URL must start with smtp:// or smtps://');
  }
  if (smsGatewayUrl !== undefined && !/^https?:\/\//i.test(smsGatewayUrl)) {
    throw new Error('SMS_GATEWAY_URL must be an http(s) URL');
  }
  const mailFrom = cleanAddress(env['MAIL_FROM'] || mailFromOf(smtpUrl) || NOTIFICATION_DEFAULTS.mailFrom);
  if (mailFrom === null) throw new Error(`MAIL_FROM must be an e-mail address, not "${env['MAIL_FROM']}"`);
  if (smtpUrl !== undefined && mailFrom === NOTIFICATION_DEFAULTS.mailFrom) {
    throw new Error('Set MAIL_FROM to the address buyer e-mails come from (SMTP_URL is set)');
  }
  return {
    ...NOTIFICATION_DEFAULTS,
    dataDir,
    mailFrom,
    maxPerSellerPerHour: positiveInteger(
      env,
      'NOTIFY_MAX_PER_SELLER_PER_HOUR',
      NOTIFICATION_DEFAULTS.maxPerSellerPerHour,
    ),
    maxPerRecipientPerDay: positiveInteger(
      env,
      'NOTIFY_MAX_PER_RECIPIENT_PER_DAY',
      NOTIFICATION_DEFAULTS.maxPerRecipientPerDay,
    ),
    maxEmailPerHour: positiveInteger(env, 'NOTIFY_MAX_EMAIL_PER_HOUR', NOTIFICATION_DEFAULTS.maxEmailPerHour),
    maxSmsPerHour: positiveInteger(env, 'NOTIFY_MAX_SMS_PER_HOUR', NOTIFICATION_DEFAULTS.maxSmsPerHour),
    autoGraceMs:
      nonNegativeInteger(env, 'NOTIFY_AUTO_GRACE_SECONDS', NOTIFICATION_DEFAULTS.autoGraceMs / 1000) * 1000,
    ...(smsCountries !== undefined && { smsCountries }),
    ...(smtpUrl !== undefined && { smtpUrl }),
    ...(smsGatewayUrl !== undefined && { smsGatewayUrl }),
    ...(smsGatewayToken !== undefined && { smsGatewayToken }),
    ...(smsFrom !== undefined && { smsFrom }),
  };
}
