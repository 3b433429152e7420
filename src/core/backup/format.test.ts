import { describe, expect, it } from 'vitest';
import type { EventId } from '../ids.ts';
import { DEFAULT_SETTINGS } from '../settings.ts';
import { makeEvent, makeOrder, makeParcel } from '../../../test/factories.ts';
import {
  backupFileName,
  encodeBackup,
  isOtherShop,
  newBackup,
  parseBackup,
  summaryOf,
  type Backup,
} from './format.ts';

const AT = '2026-12-03T08:00:00.000Z';

function sample(orders = 3): Backup {
  const list = Array.from({ length: orders }, () => makeOrder());
  const first = list[0];
  return newBackup(
    {
      shop: { name: 'Kaffeeladen', accountId: null },
      settings: DEFAULT_SETTINGS,
      orders: list,
      parcels: first ? [makeParcel({ orderId: first.id, updatedAt: AT })] : [],
      events: first ? [makeEvent({ orderId: first.id, at: AT })] : [],
      outbox: [
        { mutationId: 4, name: 'order.note', args: { x: 1 }, createdAt: AT },
        { mutationId: 5, name: 'order.note', args: { x: 2 }, createdAt: AT },
      ],
    },
    AT,
  );
}

const text = (backup: Backup) => [...encodeBackup(backup)].join('');

/** The sample with some lists replaced, its counts matching. */
const withLists = (lists: Partial<Pick<Backup, 'orders' | 'parcels' | 'events'>>): Backup =>
  newBackup({ ...sample(), ...lists }, AT);

describe('backup format', () => {
  it.each([0, 1, 4_500])('encodes %i orders as the JSON of the backup and parses it back', (n) => {
    const backup = sample(n);
    const encoded = text(backup);
    expect(encoded).toBe(JSON.stringify(backup));
    const parsed = parseBackup(encoded);
    expect(parsed).toEqual({ ok: true, backup });
    if (parsed.ok)
      expect(summaryOf(parsed.backup).counts).toEqual({
        orders: n,
        parcels: n ? 1 : 0,
        events: n ? 1 : 0,
        outbox: 2,
      });
  });

  it.each([
    { name: 'not JSON', input: '{"format":', code: 'not_json' },
    { name: 'another JSON file', input: '{"orders":[]}', code: 'not_backup' },
    {
      name: 'a newer version',
      input: text({ ...sample(), version: 2 } as unknown as Backup),
      code: 'newer_version',
    },
    {
      name: 'wrong counts',
      input: text({ ...sample(), counts: { orders: 9, parcels: 1, events: 1, outbox: 2 } }),
      code: 'invalid',
    },
    {
      name: 'an invalid order',
      input: text({ ...sample(), orders: [{ ...makeOrder(), status: 'lost' }] } as unknown as Backup),
      code: 'invalid',
    },
    {
      name: 'two orders with one id',
      input: text(withLists({ orders: [makeOrder({ externalId: 'A' }), makeOrder({ externalId: 'A' })] })),
      code: 'invalid',
      detail: 'orders.1.id: the same id as an earlier one',
    },
    {
      name: 'two events with one id',
      input: text(
        withLists({
          events: [makeEvent({ at: AT }), makeEvent({ at: AT }), makeEvent({ at: AT })].map((e, i) =>
            i > 0 ? { ...e, id: 'ev-twice' as EventId } : e,
          ),
        }),
      ),
      code: 'invalid',
      detail: 'events.2.id: the same id as an earlier one',
    },
    {
      name: 'outbox ids with a gap',
      input: text({
        ...sample(),
        outbox: [
          { mutationId: 1, name: 'a', args: null, createdAt: AT },
          { mutationId: 3, name: 'a', args: null, createdAt: AT },
        ],
      }),
      code: 'invalid',
    },
  ])('refuses $name', ({ input, code, detail }: { input: string; code: string; detail?: string }) => {
    const parsed = parseBackup(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem.code).toBe(code);
    if (!parsed.ok && detail !== undefined) expect(parsed.problem).toEqual({ code, detail });
  });

  it.each([
    { shop: 'Kaffeeladen', file: 'trackpack-backup-Kaffeeladen-2026-12-03.json.gz' },
    { shop: 'Jürgen’s Tee & Co.', file: 'trackpack-backup-Jurgen-s-Tee-Co-2026-12-03.json.gz' },
    { shop: '', file: 'trackpack-backup-2026-12-03.json.gz' },
  ])('names the file for "$shop"', ({ shop, file }) => {
    expect(backupFileName(shop, AT)).toBe(file);
  });

  it.each([
    { backup: { name: 'A', accountId: 'x' }, device: { name: 'B', accountId: 'x' }, other: false },
    { backup: { name: 'A', accountId: 'x' }, device: { name: 'A', accountId: 'y' }, other: true },
    { backup: { name: 'Shop ', accountId: null }, device: { name: 'shop', accountId: null }, other: false },
    { backup: { name: 'Shop', accountId: null }, device: { name: 'Other', accountId: 'y' }, other: true },
  ])(
    'tells another shop: $backup.name/$backup.accountId over $device.name/$device.accountId',
    ({ backup, device, other }) => {
      expect(isOtherShop(backup, device)).toBe(other);
    },
  );
});
