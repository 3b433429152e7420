/**
 * Channel secrets at rest: AES-256-GCM with the key from `SECRETS_KEY` (32 bytes, base64 or hex),
 * a fresh 12-byte IV per seal, the connection id as additional data (a sealed value copied onto
 * another connection does not open). The sealed form is `v1.<iv>.<tag>.<ciphertext>` in base64url.
 * Nothing here logs; an error names what failed, never a value.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const VERSION = 'v1';

export interface SecretBox {
  seal(value: unknown, context: string): string;
  open<T>(sealed: string, context: string): T;
}

/** Reads `SECRETS_KEY`: 32 bytes written as base64 (44 characters) or hex (64 characters). */
export function secretsKeyFrom(text: string | undefined): Buffer | null {
  if (text === undefined || text === '') return null;
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== KEY_BYTES) {
    throw new Error('SECRETS_KEY must be 32 bytes, base64 or hex (e.g. `openssl rand -base64 32`)');
  }
  return key;
}

export function secretBox(key: Buffer): SecretBox {
  if (key.length !== KEY_BYTES) throw new Error('secret key must be 32 bytes');
  return {
    seal(value, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
      return [VERSION, ...parts].join('.');
    },
    open<T>(sealed: string, context: string): T {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) {
        throw new Error('sealed secret has an unknown form');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      try {
        const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
        return JSON.parse(text.toString('utf8')) as T;
      } catch {
        throw new Error('sealed secret does not open with this SECRETS_KEY');
      }
    },
  };
}
