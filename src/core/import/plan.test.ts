import { describe, expect, it } from 'vitest';
import type { EventId } from '../ids.ts';
import {
  IMPORT_MUTATION_BATCH,
  expandImportMutation,
  isStoredImportMutation,
  mergeImported,
  planImport,
  sameData,
  type StoredImportMutationArgs,
} from './plan.ts';
import type { ImportedOrder } from './orders.ts';

const NOW = '2026-11-21T12:00:00.000Z';
const opts = { fileName: 'orders.csv', now: NOW, eventId: 'e1' as EventId };

function imported(id: string, overrides: Partial<ImportedOrder> = {}): ImportedOrder {
  return {
    orderId: id,
    source: 'shopify',
    orderedAt: '2026-11-20',
    buyer: { name: 'Jürgen Groß', email: 'j@example.de' },
    address: { line1: 'Hauptstraße 5', zip: '01067', city: 'Dresden', country: 'DE' },
    lines: [{ sku: 'MUG', title: 'Mug', quantity: 2 }],
    rows: [2],
    ...overrides,
  };
}

describe('planImport', () => {
  it('counts new, updated and unchanged orders and writes only what changed', () => {
    const a = mergeImported(undefined, imported('#1'), '2026-11-01T00:00:00.000Z');
    const b = {
      ...mergeImported(undefined, imported('#2'), '2026-11-01T00:00:00.000Z'),
      status: 'shipped' as const,
      notes: 'fragile',
    };
    const plan = planImport(
      [
        imported('#1'),
        imported('#2', { address: { line1: 'Neue Straße 1', zip: '01067', city: 'Dresden', country: 'DE' } }),
        imported('#3'),
      ],
      [a, b, undefined],
      opts,
    );
    expect(plan.counts).toEqual({ new: 1, updated: 1, unchanged: 1 });
    expect(plan.orders.map((o) => o.externalId)).toEqual(['#2', '#3']);
    const updated = plan.orders[0]!;
    // The seller's work survives the re-import; the file's fields are updated.
    expect(updated).toMatchObject({
      status: 'shipped',
      notes: 'fragile',
      createdAt: '2026-11-01T00:00:00.000Z',
    });
    expect(updated.address.line1).toBe('Neue Straße 1');
    expect(plan.event).toMatchObject({
      kind: 'imported',
      orderId: null,
      data: { fileName: 'orders.csv', new: 1, updated: 1 },
    });
    expect(plan.mutations).toHaveLength(1);
  });

  it('plans nothing for a re-import of the same file', () => {
    const first = planImport([imported('#1'), imported('#2')], [undefined, undefined], opts);
    const again = planImport([imported('#1'), imported('#2')], first.orders, opts);
    expect(again.counts).toEqual({ new: 0, updated: 0, unchanged: 2 });
    expect(again.orders).toEqual([]);
    expect(again.event).toBeUndefined();
    expect(again.mutations).toEqual([]);
  });

  it('sends the orders to the backend in batches', () => {
    const many = Array.from({ length: IMPORT_MUTATION_BATCH * 2 + 1 }, (_, i) => imported(`#${i}`));
    const plan = planImport(many, [], opts);
    expect(plan.mutations.map((m) => (m.args as { orderIds: unknown[] }).orderIds.length)).toEqual([
      IMPORT_MUTATION_BATCH,
      IMPORT_MUTATION_BATCH,
      1,
    ]);
  });
});

describe('import mutations', () => {
  it('are stored by reference and expanded to the wire form from the stored orders', () => {
    const plan = planImport([imported('#1'), imported('#2')], [], opts);
    const [mutation] = plan.mutations;
    expect(mutation?.name).toBe('orders.import');
    expect(isStoredImportMutation(mutation!.name, mutation!.args)).toBe(true);
    const args = mutation!.args as StoredImportMutationArgs;
    expect(args).toEqual({
      eventId: 'e1',
      fileName: 'orders.csv',
      part: 1,
      orderIds: ['shopify:#1', 'shopify:#2'],
    });
    const wire = expandImportMutation(args, [plan.orders[0], undefined]);
    expect(wire.orders).toEqual([
      {
        id: 'shopify:#1',
        source: 'shopify',
        externalId: '#1',
        orderedAt: '2026-11-20',
        buyer: { name: 'Jürgen Groß', email: 'j@example.de' },
        address: { line1: 'Hauptstraße 5', zip: '01067', city: 'Dresden', country: 'DE' },
        lines: [{ sku: 'MUG', title: 'Mug', quantity: 2 }],
      },
    ]);
  });
});

describe('sameData', () => {
  it.each([
    [{ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: undefined }, true],
    [{ a: 1 }, { a: 2 }, false],
    [[1, 2], [2, 1], false],
    [{ a: [] }, { a: {} }, false],
  ])('%j vs %j -> %s', (a, b, expected) => {
    expect(sameData(a, b)).toBe(expected);
  });
});
