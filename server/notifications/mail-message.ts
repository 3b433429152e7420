/**
 * The one place an outgoing e-mail becomes nodemailer options. Everything that ends up in a
 * header is made one line here, whatever the caller did before (nodemailer before 6.6.1 let
 * address objects inject headers; we don't rely on any version to catch it), and the Message-ID
 * is the notification's: a seller's "send again" after a crash reuses it, so mail clients that
 * got the first copy show one message.
 */
import type { SendMailOptions } from 'nodemailer';
import { cleanEmailAddress, headerSafe } from '../../src/core/notifications/index.ts';
import type { OutgoingEmail } from './transport.ts';

/** A bare address we are willing to put into a header; `null` when it isn't one (shared with the core). */
export const cleanAddress = cleanEmailAddress;

export function messageIdOf(notificationId: string): string {
  return `<${notificationId}@trackpack>`;
}

export function toMailOptions(email: OutgoingEmail): SendMailOptions {
  const from = cleanAddress(email.from.address);
  const to = cleanAddress(email.to.address);
  if (from === null) throw new Error('The sender address is not an e-mail address');
  if (to === null) throw new Error('The recipient address is not an e-mail address');
  const replyTo = cleanAddress(email.replyTo);
  return {
    messageId: messageIdOf(email.id),
    from: { name: headerSafe(email.from.name), address: from },
    to: { name: headerSafe(email.to.name), address: to },
    ...(replyTo !== null && { replyTo }),
    subject: headerSafe(email.subject),
    text: email.text,
    ...(email.html !== undefined && { html: email.html }),
    headers: {
      // RFC 3834: out-of-office replies and auto-responders should not answer.
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
    },
    // The HTML is ours, but nodemailer must never read a local file or fetch a URL for it.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
