/**
 * The embedded default: nothing leaves the machine. E-mails become real RFC 5322 messages
 * (`DATA_DIR/mail/<notification id>.eml`, composed by nodemailer exactly as SMTP would send them)
 * and text messages become lines in `DATA_DIR/sms.log` (one JSON object per line), so a seller
 * can open what would have gone out.
 */
import { appendFile, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { smsLength } from '../../src/core/notifications/index.ts';
import { toMailOptions } from './mail-message.ts';
import { describeError, type EmailTransport, type SmsTransport } from './transport.ts';

export function mailDirOf(dataDir: string): string {
  return path.join(dataDir, 'mail');
}

export function smsLogOf(dataDir: string): string {
  return path.join(dataDir, 'sms.log');
}

export function fileEmailTransport(dataDir: string): EmailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const dir = mailDirOf(dataDir);
  return {
    name: 'file',
    async send(email) {
      let message: Buffer;
      try {
        const info = await composer.sendMail(toMailOptions(email));
        message = info.message as Buffer;
      } catch (error) {
        return { outcome: 'failed', reason: describeError(error) };
      }
      try {
        await mkdir(dir, { recursive: true });
        const target = path.join(dir, `${email.id}.eml`);
        // Written aside and renamed, so a half-written file never looks like a message.
        const partial = `${target}.partial`;
        await writeFile(partial, message);
        await rename(partial, target);
        return { outcome: 'sent', providerId: `file:${path.relative(dataDir, target)}` };
      } catch (error) {
        return { outcome: 'retry', reason: describeError(error) };
      }
    },
  };
}

export function fileSmsTransport(dataDir: string, from: string | undefined): SmsTransport {
  const file = smsLogOf(dataDir);
  return {
    name: 'file',
    async send(sms) {
      const length = smsLength(sms.body);
      const line = JSON.stringify({
        at: new Date().toISOString(),
        id: sms.id,
        to: sms.to,
        ...(from !== undefined && { from }),
        encoding: length.encoding,
        segments: length.segments,
        body: sms.body,
      });
      try {
        await mkdir(dataDir, { recursive: true });
        await appendFile(file, `${line}\n`);
        return { outcome: 'sent', providerId: `file:sms.log#${sms.id}` };
      } catch (error) {
        return { outcome: 'retry', reason: describeError(error) };
      }
    },
  };
}
