/**
 * Who may create a shop. An empty server has an install lock: the first shop needs the one-time
 * setup code, printed at start-up (or taken from SETUP_CODE). After that, new shops are refused
 * unless the operator opened sign-up (SIGNUP=open, "hosted mode"); a shop made that way starts
 * with a daily cap on its outgoing messages, which only the operator raises.
 *
 * The code is stored as its SHA-256 in `instance_setup`; this module never keeps it in clear.
 */
import type { Database, Queryable } from '../db/database.ts';
import { longCodeHash, newLongCode, normalizePairingCode } from './tokens.ts';

export interface SignupPolicy {
  /** SIGNUP=open: anyone may create a shop once the first exists. */
  open: boolean;
  /** NOTIFY_NEW_SHOP_MAX_PER_DAY: the daily message cap a shop made by open sign-up starts with. */
  newShopDailyCap: number;
}

export const CLOSED_SIGNUP: SignupPolicy = { open: false, newShopDailyCap: 50 };

/** Shortest SETUP_CODE accepted (after dropping case, dashes and spaces). */
export const MIN_SETUP_CODE_LENGTH = 16;

export type SignupDecision =
  /** The first shop, with the right setup code: trusted, no daily cap of its own. */
  | { allow: true; dailyCap: null; spendsSetupCode: true }
  /** Open sign-up: allowed, with the new-shop daily cap. */
  | { allow: true; dailyCap: number; spendsSetupCode: false }
  | { allow: false; status: 403; error: 'setup_code_required' | 'setup_code_invalid' | 'signup_closed' };

/**
 * The rule, without the database: `shopsExist` and whether the code given matches the stored,
 * unspent setup code.
 */
export function decideSignup(
  state: { shopsExist: boolean; codeGiven: boolean; codeMatches: boolean },
  policy: SignupPolicy,
): SignupDecision {
  if (!state.shopsExist) {
    if (!state.codeGiven) return { allow: false, status: 403, error: 'setup_code_required' };
    if (!state.codeMatches) return { allow: false, status: 403, error: 'setup_code_invalid' };
    return { allow: true, dailyCap: null, spendsSetupCode: true };
  }
  if (!policy.open) return { allow: false, status: 403, error: 'signup_closed' };
  return { allow: true, dailyCap: policy.newShopDailyCap, spendsSetupCode: false };
}

/** SETUP_CODE as configured, checked; undefined when unset. */
export function setupCodeFromEnv(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (normalizePairingCode(raw).length < MIN_SETUP_CODE_LENGTH) {
    throw new Error(
      `SETUP_CODE must have at least ${MIN_SETUP_CODE_LENGTH} letters or digits (case, dashes and spaces do not count)`,
    );
  }
  return raw;
}

/**
 * At start-up: when no shop exists yet, stores the setup code's hash and answers the code to
 * print (the configured one, else a new random one, which replaces any earlier unspent code:
 * the newest printed link is the one that works). Answers undefined once a shop exists.
 */
export async function prepareSetup(db: Database, configured?: string): Promise<string | undefined> {
  return db.transaction(async (tx) => {
    // Serialises processes starting together on one PostgreSQL (and is a no-op cost on PGlite).
    await tx.query('LOCK TABLE instance_setup IN EXCLUSIVE MODE');
    if (await shopsExist(tx)) return undefined;
    const code = configured ?? newLongCode();
    await tx.query(
      `INSERT INTO instance_setup (id, code_hash) VALUES (1, $1)
       ON CONFLICT (id) DO UPDATE SET code_hash = EXCLUDED.code_hash, issued_at = now(), used_at = NULL`,
      [longCodeHash(code)],
    );
    return code;
  });
}

export async function shopsExist(tx: Queryable): Promise<boolean> {
  const [row] = await tx.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM sellers) AS any');
  return row?.any === true;
}

/**
 * Marks the setup code spent, in the caller's transaction, when `code` is it and it is unspent;
 * false otherwise. The row lock makes a second creation with the same code wait and then fail.
 */
export async function spendSetupCode(tx: Queryable, code: string): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE instance_setup SET used_at = now() WHERE id = 1 AND used_at IS NULL AND code_hash = $1 RETURNING id`,
    [longCodeHash(code)],
  );
  return rows.length > 0;
}

/** Whether `code` is the stored, unspent setup code (read only). */
export async function setupCodeMatches(tx: Queryable, code: string): Promise<boolean> {
  const rows = await tx.query(
    'SELECT 1 FROM instance_setup WHERE id = 1 AND used_at IS NULL AND code_hash = $1',
    [longCodeHash(code)],
  );
  return rows.length > 0;
}
