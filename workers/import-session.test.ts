import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryRepository } from '../src/storage/memory-repository.ts';
import { ImportSession } from './import-session.ts';

/** The moment the import's clock says it is. */
const NOW = '2026-11-20T10:00:00.000Z';
const FIXTURES = path.resolve(import.meta.dirname, '..', 'test', 'fixtures');
const shopify = new Uint8Array(readFileSync(path.join(FIXTURES, 'import', 'shopify-orders.csv')));
const oneBadRow = new Uint8Array(readFileSync(path.join(FIXTURES, 'e2e', 'one-bad-row.csv')));

describe('ImportSession', () => {
  it('previews without writing, commits once, and a re-import writes nothing', async () => {
    const clock = () => new Date(NOW);
    const repo = new MemoryRepository({ clock });
    const session = new ImportSession(repo, { clock });
    const preview = await session.analyse(shopify, 'shopify-orders.csv');
    expect(preview.detected.preset).toBe('shopify');
    expect(preview.counts.new).toBe(preview.validOrders);
    expect(await repo.countOrders()).toBe(0);

    const progress: number[] = [];
    const result = await session.commit('all', (p) => progress.push(p.rowsDone));
    expect(result).toMatchObject({ new: preview.validOrders, updated: 0, unchanged: 0 });
    expect(progress.at(-1)).toBe(preview.detected.rowCount);
    expect(await repo.countOrders()).toBe(preview.validOrders);
    const batch = await repo.batchEvents(5);
    expect(batch).toHaveLength(1);
    expect(batch[0]).toMatchObject({ kind: 'imported', at: NOW, data: { fileName: 'shopify-orders.csv' } });
    expect((await repo.allOrders()).every((order) => order.createdAt === NOW)).toBe(true);
    const pending = await repo.countPending();
    expect(pending).toBeGreaterThan(0);

    const again = await session.analyse(shopify, 'shopify-orders.csv');
    expect(again.counts).toEqual({ new: 0, updated: 0, unchanged: preview.validOrders });
    await session.commit('all');
    expect(await repo.batchEvents(5)).toHaveLength(1);
    expect(await repo.countPending()).toBe(pending);
  });

  it.each([
    { locale: 'en', country: 'UNITED STATES' },
    { locale: 'de', country: 'VEREINIGTE STAATEN' },
  ])('writes the sample addresses for the seller’s language ($locale)', async ({ locale, country }) => {
    const session = new ImportSession(new MemoryRepository());
    const preview = await session.analyse(shopify, 'shopify-orders.csv', {}, locale);
    expect(preview.sampleAddresses).toHaveLength(preview.sample.length);
    const american = preview.sample.findIndex((order) => order.address.country === 'US');
    expect(american).toBeGreaterThanOrEqual(0);
    expect(preview.sampleAddresses[american]).toContain(preview.sample[american]?.address.city);
    expect(preview.sampleAddresses[american]?.endsWith(country)).toBe(true);
  });

  it('keeps what the seller did when the file is imported again with a changed address', async () => {
    const repo = new MemoryRepository();
    const session = new ImportSession(repo);
    await session.analyse(oneBadRow, 'list.csv');
    await session.commit('valid');
    const stored = (await repo.allOrders()).find((o) => o.externalId === 'M-2001')!;
    await repo.commit({
      orders: [{ ...stored, status: 'preparing', notes: 'gift wrap' }],
      events: [],
      mutations: [],
    });

    const changed = new TextDecoder().decode(oneBadRow).replace('Bergstraße 4', 'Bergstraße 40');
    const preview = await session.analyse(new TextEncoder().encode(changed), 'list.csv');
    expect(preview.counts).toMatchObject({ new: 0, updated: 1, unchanged: 3 });
    await session.commit('valid');
    const after = await repo.getOrder(stored.id);
    expect(after).toMatchObject({ status: 'preparing', notes: 'gift wrap' });
    expect(after?.address.line1).toBe('Bergstraße 40');
  });

  it('plans again at commit when something was written after the preview', async () => {
    const repo = new MemoryRepository();
    const session = new ImportSession(repo);
    await session.analyse(oneBadRow, 'list.csv');
    // Another tab (or the sync) stores one of the file's orders between preview and confirm.
    const other = new ImportSession(repo);
    await other.analyse(oneBadRow, 'list.csv');
    const first = await other.commit('valid');
    const result = await session.commit('valid');
    expect(result).toMatchObject({ new: 0, updated: 0, unchanged: first.new });
    expect(await repo.batchEvents(5)).toHaveLength(1);
  });

  it('asks for a "preparing" e-mail for each new order when the seller turned it on', async () => {
    const repo = new MemoryRepository();
    const settings = await repo.getSettings();
    await repo.saveSettings({
      ...settings,
      notifications: { ...settings.notifications, preparingOnImport: true, excludedSources: [] },
    });
    const session = new ImportSession(repo);
    await session.analyse(shopify, 'shopify-orders.csv');
    await session.commit('all');
    const orders = await repo.allOrders();
    const withEmail = orders.filter((o) => o.buyer.email);
    expect(withEmail.length).toBeGreaterThan(0);
    const pending = await repo.pendingMutations(1_000);
    const requests = pending.filter((m) => m.name === 'notify.request');
    expect(requests).toHaveLength(withEmail.length);
    // After the import's own mutations, so the server knows the orders first.
    const lastImport = pending.findLastIndex((m) => m.name === 'orders.import');
    expect(pending.findIndex((m) => m.name === 'notify.request')).toBeGreaterThan(lastImport);
    const history = await repo.historyOf(withEmail[0]!.id);
    expect(history.map((e) => e.kind)).toContain('notification_requested');

    // A re-import of the same file announces nothing again.
    await session.analyse(shopify, 'shopify-orders.csv');
    await session.commit('all');
    expect((await repo.pendingMutations(1_000)).filter((m) => m.name === 'notify.request')).toHaveLength(
      withEmail.length,
    );
  });

  it('refuses an all-or-nothing import with errors and writes nothing', async () => {
    const repo = new MemoryRepository();
    const session = new ImportSession(repo);
    const preview = await session.analyse(oneBadRow, 'list.csv');
    expect(preview.errorRows).toBe(1);
    expect(preview.errors[0]).toMatchObject({
      row: 4,
      column: 'Order Date',
      value: '2026-11-31',
      code: 'invalid_date',
    });
    await expect(session.commit('all')).rejects.toThrow(/errors/);
    expect(await repo.countOrders()).toBe(0);
    expect(await repo.countPending()).toBe(0);
  });

  it('writes the error rows as a CSV that is safe to open', async () => {
    const session = new ImportSession(new MemoryRepository());
    const evil =
      'Order Number,Order Date,Name,Street,Zip,City,Country,SKU,Quantity\n=1+1,2026-13-45,=HYPERLINK("x"),a,1,b,DE,s,1\n';
    await session.analyse(new TextEncoder().encode(evil), 'evil.csv');
    const csv = session.errorRowsCsv();
    expect(csv.startsWith('\uFEFF"Row","Order Number"')).toBe(true);
    expect(csv).toContain(`'=1+1`);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).not.toMatch(/(^|,)=/m);
  });

  it('remembers a changed mapping for files with the same columns', async () => {
    const repo = new MemoryRepository();
    const session = new ImportSession(repo);
    const first = await session.analyse(oneBadRow, 'list.csv', { mapping: { title: 'SKU' } });
    expect(first.detected.mapping['title']).toBe('SKU');
    await session.commit('valid');
    const next = await session.analyse(oneBadRow, 'list.csv');
    expect(next.mappingRemembered).toBe(true);
    expect(next.detected.mapping['title']).toBe('SKU');
  });

  it('asks about a guessed column once: the answer is remembered for files with the same columns', async () => {
    const file = new TextEncoder().encode(
      [
        'Order ID;Date;Name;Billing Email;Shipping Email;Street;Zip;City;Country',
        'E-1;2026-03-07;Ann Lee;ann@billing.example;ann@home.example;1 A St;11111;Town;US',
      ].join('\r\n'),
    );
    const repo = new MemoryRepository();
    const session = new ImportSession(repo);
    const first = await session.analyse(file, 'emails.csv');
    expect(first.detected.unsure).toEqual(['email']);
    expect(first.detected.missing).toEqual(['phone', 'sku']);
    const { email: _guess, ...others } = first.detected.mapping;
    await session.analyse(file, 'emails.csv', { mapping: { ...others, email: 'Shipping Email' } });
    await session.commit('valid');

    const next = await session.analyse(file, 'emails.csv');
    expect(next.mappingRemembered).toBe(true);
    expect(next.detected.mapping['email']).toBe('Shipping Email');
    expect(next.detected.unsure).toEqual([]);
    // What the file lacks is still said.
    expect(next.detected.missing).toEqual(['phone', 'sku']);
    expect(next.sample[0]?.buyer.email).toBe('ann@home.example');
  });
});
