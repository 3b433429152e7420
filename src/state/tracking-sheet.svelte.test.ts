/**
 * TrackingSheetState on the in-memory repository: the sheet goes out, comes back filled in, and the
 * parcels, status changes, events and outbox entries are written in one commit; the same sheet
 * again writes nothing.
 */
import { describe, expect, it } from 'vitest';
import { makeOrder, makeParcel } from '../../test/factories.ts';
import { toCsv } from '../core/csv/write.ts';
import type { Locale } from '../core/i18n/index.ts';
import { tokenize } from '../core/import/tokenize.ts';
import type { Order } from '../core/model/order.ts';
import { parseMutation } from '../core/protocol/mutations.ts';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings.ts';
import { MemoryRepository } from '../storage/memory-repository.ts';
import { OrdersState } from './orders.svelte.ts';
import { TrackingSheetState } from './tracking-sheet.svelte.ts';

interface Setup {
  repo: MemoryRepository;
  orders: OrdersState;
  tracking: TrackingSheetState;
  files: { bytes: Uint8Array; name: string; type: string }[];
  commits: () => number;
}

async function setup(
  seed: Order[],
  locale: Locale = 'de',
  settings: Settings = DEFAULT_SETTINGS,
): Promise<Setup> {
  const repo = new MemoryRepository();
  await repo.commit({ orders: seed, events: [], mutations: [] });
  let commits = 0;
  const commit = repo.commit.bind(repo);
  repo.commit = async (change, options) => {
    commits++;
    await commit(change, options);
  };
  const orders = new OrdersState(repo);
  await orders.load();
  await orders.settled();
  const files: Setup['files'] = [];
  const tracking = new TrackingSheetState({
    repo,
    orders,
    settings: () => settings,
    locale: () => locale,
    download: (bytes, name, type) => files.push({ bytes, name, type }),
  });
  return { repo, orders, tracking, files, commits: () => commits };
}

const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** The sheet with `fill(orderId)` put into the tracking number and shipping date columns. */
function filledIn(
  text: string,
  delimiter: ',' | ';',
  fill: (orderId: string) => [string, string] | undefined,
): string {
  const [header, ...rows] = tokenize(text.replace(/^\uFEFF/, ''), delimiter).filter(
    (r) => r.cells.join('') !== '',
  );
  const cells = rows.map((r) => {
    const row = [...r.cells];
    const values = fill(row[0] ?? '');
    if (values) {
      row[3] = values[0];
      row[6] = values[1];
    }
    return row;
  });
  return toCsv(
    header!.cells.map((h) => ({ header: h })),
    cells,
    { delimiter, bom: true },
  );
}

describe('TrackingSheetState', () => {
  it('exports the sheet, imports it filled in, and writes everything in one commit', async () => {
    const ready = makeOrder({ externalId: '#501', status: 'ready' });
    const fresh = makeOrder({ externalId: '#502', status: 'new' });
    const shipped = makeOrder({ externalId: '#503', status: 'shipped' });
    const { repo, orders, tracking, files, commits } = await setup([ready, fresh, shipped]);
    await repo.commit({
      parcels: [makeParcel({ orderId: shipped.id, trackingNumber: '340434161056' })],
      events: [],
      mutations: [],
    });
    const before = commits();

    // German Excel: BOM, semicolons, translated headers, only the orders not shipped yet.
    expect(await tracking.exportSheet('unshipped')).toBe(2);
    const sheet = decode(files[0]!.bytes);
    expect(files[0]!.bytes.slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(sheet.split('\r\n')[0]).toContain('"Bestellnummer";"Käufer";"Ort";"Sendungsnummer"');
    expect(sheet).toContain('#501');
    expect(sheet).not.toContain('#503');

    const numbers: Record<string, [string, string]> = {
      '#501': ['340434161012', '19.03.2026'],
      '#502': ['340434161034', '03.04.2026'],
    };
    const filled = filledIn(sheet, ';', (id) => numbers[id]);
    await tracking.pasteText(filled, 'sheet.csv');
    expect(tracking.phase).toBe('preview');
    expect(tracking.errors).toEqual([]);
    expect(tracking.preview?.detected.preset).toBe('trackpack');
    expect(tracking.plan?.counts).toMatchObject({ added: 2, shipped: 2, skipped: 0 });
    expect(tracking.rows.map((r) => [r.sheetOrderId, r.effect, r.to])).toEqual([
      ['#501', 'added', 'shipped'],
      ['#502', 'added', 'shipped'],
    ]);

    await tracking.commit();
    expect(tracking.phase).toBe('done');
    expect(tracking.result).toMatchObject({ added: 2, shipped: 2 });
    expect(commits() - before).toBe(1);
    const [parcel] = await repo.parcelsOf(ready.id);
    expect(parcel).toMatchObject({
      trackingNumber: '340434161012',
      carrierId: 'dhl-paket',
      shippedAt: '2026-03-19',
    });
    expect(parcel?.trackingUrl).toContain('340434161012');
    expect((await repo.parcelsOf(fresh.id))[0]?.shippedAt).toBe('2026-04-03');
    expect((await repo.getOrder(ready.id))?.status).toBe('shipped');
    expect(orders.order(fresh.id)?.status).toBe('shipped');
    expect((await repo.historyOf(ready.id)).map((e) => e.kind)).toEqual(['parcel_added', 'status_changed']);
    const pending = await repo.pendingMutations(100);
    expect(pending.map((m) => m.name).sort()).toEqual([
      'order.transition',
      'order.transition',
      'parcel.upsert',
      'parcel.upsert',
    ]);
    for (const m of pending) expect(parseMutation(m.name, m.args)).toMatchObject({ ok: true });

    // The same sheet again: nothing new, nothing written.
    tracking.reset();
    await tracking.pasteText(filled, 'sheet.csv');
    expect(tracking.plan?.counts).toMatchObject({ added: 0, unchanged: 2, shipped: 0 });
    await tracking.commit();
    expect(tracking.result).toMatchObject({ added: 0, unchanged: 2 });
    expect(commits() - before).toBe(1);
    expect(await repo.pendingMutations(100)).toHaveLength(4);

    // The marketplace files see the new parcels; no cell can run as a formula.
    const shipments = await tracking.loadShipments('2026-03-01', '2026-04-30');
    expect(shipments.counts.generic).toBe(2);
    await tracking.downloadMarketplace('generic', '2026-03-01', '2026-04-30');
    const generic = decode(files.at(-1)!.bytes).replace(/^\uFEFF/, '');
    expect(generic).toContain('340434161012');
    for (const record of tokenize(generic, ';')) {
      for (const cell of record.cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it('lists Excel-damaged numbers and unknown orders as row errors and adds nothing for them', async () => {
    const order = makeOrder({ externalId: 'A-1', status: 'ready' });
    const { tracking } = await setup([order], 'en');
    const sheet = [
      'Order number,Buyer,City,Tracking number,Carrier,Tracking link,Shipped on,Expected delivery,Remarks',
      'A-1,X,Y,3.40434E+11,,,,,',
      'A-404,X,Y,340434161012,,,,,',
    ].join('\r\n');
    await tracking.pasteText(sheet, 'sheet.csv');
    expect(tracking.errors.map((e) => [e.row, e.code, e.column])).toEqual([
      [2, 'excel_scientific', 'Tracking number'],
      [3, 'unknown_order', 'Order number'],
    ]);
    expect(tracking.plan?.counts.added).toBe(0);
  });
  it('reads a sheet with the seller’s own carriers and universal link, and names them in the files', async () => {
    const order = makeOrder({ externalId: 'A-1', source: 'ebay', status: 'ready' });
    const other = makeOrder({ externalId: 'A-2', status: 'ready' });
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      carriers: {
        custom: [
          { id: 'custom-meier', name: 'Kurier Meier', urlTemplate: 'https://meier.example/t/{number}' },
        ],
        universalTemplate: 'https://track.example/?n={number}',
        preferred: {},
      },
    };
    const { tracking, files } = await setup([order, other], 'en', settings);
    const sheet = [
      'Order number,Buyer,City,Tracking number,Carrier,Tracking link,Shipped on,Expected delivery,Remarks',
      'A-1,X,Y,MEI-2026-0001,Kurier Meier,,2026-03-10,,',
      'A-2,X,Y,99887766,,,2026-03-10,,',
    ].join('\r\n');
    await tracking.pasteText(sheet, 'sheet.csv');
    expect(tracking.errors).toEqual([]);
    expect(tracking.rows.map((r) => [r.sheetOrderId, r.carrierName, r.trackingUrl])).toEqual([
      ['A-1', 'Kurier Meier', 'https://meier.example/t/MEI20260001'],
      ['A-2', undefined, 'https://track.example/?n=99887766'],
    ]);
    await tracking.commit();
    expect(tracking.result).toMatchObject({ added: 2 });

    await tracking.downloadMarketplace('ebay', '2026-03-01', '2026-03-31');
    const ebay = decode(files.at(-1)!.bytes);
    expect(ebay).toContain('"Kurier Meier","MEI20260001"');
    expect(ebay).not.toContain('custom-meier');
  });
});
