/**
 * What the sender loop needs from a way of sending, and what it must hear back. The outcome says
 * whether the message may have reached the buyer, because that decides between retrying and
 * asking the seller: only a message known not to have gone out is ever tried again.
 */

export interface OutgoingEmail {
  /** The notification id; the Message-ID is made from it. */
  id: string;
  from: { name: string; address: string };
  to: { name: string; address: string };
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
}

export interface OutgoingSms {
  id: string;
  /** E.164 */
  to: string;
  body: string;
}

export type SendResult =
  /** Accepted by the server, gateway or file; `providerId` is what they call it. */
  | { outcome: 'sent'; providerId: string }
  /** Known not sent, and it may work later (connection refused, 4xx, rate limit). */
  | { outcome: 'retry'; reason: string }
  /** Known not sent, and it will not work as it is (5xx, rejected address). */
  | { outcome: 'failed'; reason: string }
  /** Maybe sent: the connection broke or timed out after the message was handed over. */
  | { outcome: 'unknown'; reason: string };

export interface EmailTransport {
  readonly name: string;
  send(email: OutgoingEmail): Promise<SendResult>;
  close?(): void;
}

export interface SmsTransport {
  readonly name: string;
  send(sms: OutgoingSms): Promise<SendResult>;
}

export interface Transports {
  email: EmailTransport;
  sms: SmsTransport;
}

/** An error's message, one line and not too long, for `last_error`. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').slice(0, 500);
}
