/**
 * The shop's security log: shop created, device paired, device revoked, recovery used, recovery
 * code renewed. Written in the transaction of the change it records, so the log and the devices
 * never disagree; read by the seller's devices (`GET /api/security-events`). It holds names and
 * times only, never a token or a code.
 */
import type { Queryable } from '../db/database.ts';
import type { SecurityEvent, SecurityEventKind } from '../../src/core/protocol/index.ts';

export interface SecurityEventInput {
  kind: SecurityEventKind;
  actor?: { id: string; name: string } | undefined;
  subject?: { id: string; name: string; lastSeenAt?: Date | string | null } | undefined;
}

export async function logSecurityEvent(
  tx: Queryable,
  sellerId: string,
  event: SecurityEventInput,
): Promise<void> {
  await tx.query(
    `INSERT INTO security_events (seller_id, kind, actor_device_id, actor_name, subject_device_id, subject_name,
                                  subject_last_seen_at, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, clock_timestamp())`,
    [
      sellerId,
      event.kind,
      event.actor?.id ?? null,
      event.actor?.name ?? null,
      event.subject?.id ?? null,
      event.subject?.name ?? null,
      event.subject?.lastSeenAt ?? null,
    ],
  );
}

/** Entries shown at most; older ones stay in the table. */
export const SECURITY_LOG_LIMIT = 200;

export async function readSecurityLog(db: Queryable, sellerId: string): Promise<SecurityEvent[]> {
  const rows = await db.query<{
    id: string | number;
    kind: SecurityEventKind;
    at: Date | string;
    actor_name: string | null;
    subject_name: string | null;
    subject_last_seen_at: Date | string | null;
  }>(
    `SELECT id, kind, at, actor_name, subject_name, subject_last_seen_at FROM security_events
      WHERE seller_id = $1 ORDER BY id DESC LIMIT $2`,
    [sellerId, SECURITY_LOG_LIMIT],
  );
  const iso = (d: Date | string) => new Date(d).toISOString();
  return rows.map((r) => ({
    id: String(r.id),
    kind: r.kind,
    at: iso(r.at),
    actorName: r.actor_name,
    subjectName: r.subject_name,
    subjectLastSeenAt: r.subject_last_seen_at === null ? null : iso(r.subject_last_seen_at),
  }));
}
