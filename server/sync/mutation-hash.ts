/**
 * The fingerprint of a mutation's body, kept in the ledger next to its id: a device that sends an
 * id again must send the same body, or the server refuses it rather than calling it a duplicate.
 * The JSON is canonical (object keys sorted at every level) so that key order, which carries no
 * meaning, never makes two equal bodies differ.
 */
import { createHash } from 'node:crypto';
import type { WireMutation } from '../../src/core/protocol/index.ts';

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Hashes of the mutation objects of requests in flight: a push asks for each one more than once. */
const hashes = new WeakMap<object, string>();

/**
 * SHA-256 (hex) of the mutation's name, args and createdAt; the id is the ledger's key. Parsed
 * request bodies are never changed, so the hash of one object is computed once.
 */
export function mutationBodyHash(m: Pick<WireMutation, 'name' | 'args' | 'createdAt'>): string {
  const known = hashes.get(m);
  if (known !== undefined) return known;
  const hash = createHash('sha256')
    .update(canonicalJson({ name: m.name, args: m.args, createdAt: m.createdAt }))
    .digest('hex');
  hashes.set(m, hash);
  return hash;
}
