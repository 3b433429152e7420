/**
 * E-mail through an SMTP server (SMTP_URL). One connection per message: the loop sends one at a
 * time and a pool would only hide a broken connection until the next send.
 */
import nodemailer from 'nodemailer';
import { toMailOptions } from './mail-message.ts';
import { describeError, type EmailTransport, type SendResult } from './transport.ts';

interface SmtpError {
  code?: string;
  responseCode?: number;
  command?: string;
  response?: string;
}

/** Commands before the message itself: an error there means it was not handed over. */
const BEFORE_DATA = /^(CONN|EHLO|HELO|LHLO|STARTTLS|AUTH|MAIL FROM|RCPT TO)/i;
const NOT_CONNECTED = new Set(['ECONNECTION', 'EDNS', 'ETLS', 'EAUTH', 'ENOAUTH', 'EOAUTH2']);

/**
 * What an SMTP error says about the message: a reply code is a clear answer (4xx later, 5xx no),
 * an error before DATA means nothing was handed over, and a break during or after DATA leaves it
 * open whether the server took it.
 */
export function classifySmtpError(error: unknown): SendResult {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SmtpError;
  const reason = describeError(error);
  if (e.code === 'EMESSAGE') return { outcome: 'failed', reason };
  if (typeof e.responseCode === 'number') {
    if (e.responseCode >= 500) return { outcome: 'failed', reason };
    if (e.responseCode >= 400) return { outcome: 'retry', reason };
  }
  if ((e.code !== undefined && NOT_CONNECTED.has(e.code)) || BEFORE_DATA.test(e.command ?? '')) {
    return { outcome: 'retry', reason };
  }
  return { outcome: 'unknown', reason };
}

export function smtpTransport(url: string, options: { timeoutMs: number }): EmailTransport {
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    name: 'smtp',
    async send(email) {
      let mail;
      try {
        mail = toMailOptions(email);
      } catch (error) {
        return { outcome: 'failed', reason: describeError(error) };
      }
      try {
        const info = await transporter.sendMail(mail);
        // The server's reply usually names its queue id ("250 2.0.0 Ok: queued as 4B1C2").
        return { outcome: 'sent', providerId: (info.response || info.messageId).slice(0, 300) };
      } catch (error) {
        return classifySmtpError(error);
      }
    },
    close() {
      transporter.close();
    },
  };
}
