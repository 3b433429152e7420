/**
 * The operator's view of shops and their own daily message caps (a shop made by open sign-up
 * starts with NOTIFY_NEW_SHOP_MAX_PER_DAY). Used by `npm run shops`; the SQL is in README too.
 */
import type { Queryable } from '../db/database.ts';

export interface ShopRow {
  id: string;
  shopName: string;
  createdAt: string;
  /** null: no daily cap of its own. */
  dailyCap: number | null;
  /** Messages waiting in the queue. */
  waiting: number;
}

export async function listShops(db: Queryable): Promise<ShopRow[]> {
  const rows = await db.query<{
    id: string;
    shop_name: string;
    created_at: Date | string;
    daily_message_cap: number | null;
    waiting: number;
  }>(
    `SELECT s.id, s.shop_name, s.created_at, s.daily_message_cap,
            (SELECT count(*)::int FROM notifications n WHERE n.seller_id = s.id AND n.status = 'queued') AS waiting
       FROM sellers s ORDER BY s.created_at, s.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    shopName: r.shop_name,
    createdAt: new Date(r.created_at).toISOString(),
    dailyCap: r.daily_message_cap,
    waiting: r.waiting,
  }));
}

/**
 * Sets a shop's daily cap (null lifts it). Its messages that wait for a cap become due now: the
 * sender checks every cap again and sets aside what is still over one, with the reason.
 */
export async function setDailyCap(db: Queryable, shopId: string, cap: number | null): Promise<boolean> {
  const [row] = await db.query<{ id: string }>(
    'UPDATE sellers SET daily_message_cap = $2 WHERE id = $1 RETURNING id',
    [shopId, cap],
  );
  if (!row) return false;
  await db.query(
    `UPDATE notifications SET due_at = now(), updated_at = now()
      WHERE seller_id = $1 AND status = 'queued' AND wait_reason IS NOT NULL AND due_at > now()`,
    [shopId],
  );
  return true;
}
