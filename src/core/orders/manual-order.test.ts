import { describe, expect, it } from 'vitest';
import { makeOrder } from '../../../test/factories.ts';
import {
  changedFields,
  draftOf,
  emptyDraft,
  nextManualId,
  orderFromDraft,
  validateDraft,
  type DraftProblem,
  type OrderDraft,
} from './manual-order.ts';

const AT = '2026-03-08T10:00:00.000Z';
const VALID: OrderDraft = {
  ...emptyDraft('M-1001', '2026-03-08'),
  buyerName: ' Jürgen Groß ',
  email: 'j@example.de',
  line1: 'Hauptstraße 5',
  zip: '01067',
  city: 'Dresden',
  country: 'de',
  lines: [
    { sku: 'MUG-1', title: 'Mug', quantity: '2' },
    { sku: '', title: '', quantity: '1' },
  ],
};

describe('validateDraft', () => {
  it.each<[string, Partial<OrderDraft>, DraftProblem[]]>([
    ['a valid draft', {}, []],
    ['no order number', { externalId: '  ' }, ['externalId']],
    ['a taken order number', { externalId: 'M-7' }, ['externalIdTaken']],
    ['no date', { orderedAt: '' }, ['orderedAt']],
    ['an impossible date', { orderedAt: '2026-02-30' }, ['orderedAt']],
    ['no buyer', { buyerName: ' ' }, ['buyerName']],
    ['a bad e-mail', { email: 'j at example' }, ['email']],
    ['no e-mail is fine', { email: '' }, []],
    ['no lines', { lines: [{ sku: '', title: '', quantity: '3' }] }, ['lines']],
    ['a zero quantity', { lines: [{ sku: 'A', title: '', quantity: '0' }] }, ['quantity']],
    ['a fractional quantity', { lines: [{ sku: 'A', title: '', quantity: '1.5' }] }, ['quantity']],
    // The address is not a reason to refuse: such orders are saved and put on hold.
    ['no street', { line1: '' }, []],
  ])('%s', (_name, partial, problems) => {
    expect(validateDraft({ ...VALID, ...partial }, (id) => id === 'M-7')).toEqual(problems);
  });
});

describe('orderFromDraft', () => {
  it('makes a new manual order, trimmed, without empty optional fields', () => {
    const order = orderFromDraft(VALID, AT);
    expect(order).toEqual({
      id: 'manual:M-1001',
      source: 'manual',
      externalId: 'M-1001',
      orderedAt: '2026-03-08',
      buyer: { name: 'Jürgen Groß', email: 'j@example.de' },
      address: { line1: 'Hauptstraße 5', zip: '01067', city: 'Dresden', country: 'DE' },
      lines: [{ sku: 'MUG-1', title: 'Mug', quantity: 2 }],
      status: 'new',
      notes: '',
      createdAt: AT,
      updatedAt: AT,
    });
  });

  it('edits an existing order and keeps its identity and status', () => {
    const existing = makeOrder({ status: 'on_hold', statusReason: 'address_problem', heldFrom: 'ready' });
    const edited = orderFromDraft(
      { ...draftOf(existing), city: 'Leipzig', externalId: 'ignored' },
      AT,
      existing,
    );
    expect(edited).toMatchObject({
      id: existing.id,
      source: existing.source,
      externalId: existing.externalId,
      status: 'on_hold',
      statusReason: 'address_problem',
      heldFrom: 'ready',
      updatedAt: AT,
    });
    expect(edited.address.city).toBe('Leipzig');
    expect(changedFields(existing, edited)).toEqual(['address']);
  });

  it('round-trips through the draft', () => {
    const order = makeOrder();
    expect(orderFromDraft(draftOf(order), order.updatedAt, order)).toEqual(order);
  });
});

describe('nextManualId', () => {
  it.each<[string[], number, string]>([
    [[], 0, 'M-1001'],
    [[], 4, 'M-1005'],
    [['M-1001', 'M-1002'], 0, 'M-1003'],
  ])('taken %j, %i orders -> %s', (taken, count, expected) => {
    expect(nextManualId((id) => taken.includes(id), count)).toBe(expected);
  });
});
