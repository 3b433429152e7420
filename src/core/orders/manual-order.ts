/**
 * Orders the seller types in (source `manual`) and hand edits of any order: the form's draft,
 * what must be filled in, and the `Order` a draft becomes. Address plausibility is
 * `checkAddress`'s job; the state layer puts an order with address problems on hold.
 */
import { looksLikeEmail } from '../settings.ts';
import { orderIdOf } from '../ids.ts';
import type { Order, OrderLine } from '../model/order.ts';
import { isDay } from './date-range.ts';

export interface OrderDraft {
  externalId: string;
  orderedAt: string;
  buyerName: string;
  email: string;
  phone: string;
  /** Recipient, when not the buyer. */
  recipient: string;
  line1: string;
  line2: string;
  zip: string;
  city: string;
  country: string;
  lines: { sku: string; title: string; quantity: string }[];
  notes: string;
}

export const DRAFT_PROBLEMS = [
  'externalId',
  'externalIdTaken',
  'orderedAt',
  'buyerName',
  'email',
  'lines',
  'quantity',
] as const;
export type DraftProblem = (typeof DRAFT_PROBLEMS)[number];

export function emptyDraft(externalId: string, today: string): OrderDraft {
  return {
    externalId,
    orderedAt: today,
    buyerName: '',
    email: '',
    phone: '',
    recipient: '',
    line1: '',
    line2: '',
    zip: '',
    city: '',
    country: '',
    lines: [{ sku: '', title: '', quantity: '1' }],
    notes: '',
  };
}

export function draftOf(order: Order): OrderDraft {
  return {
    externalId: order.externalId,
    orderedAt: order.orderedAt,
    buyerName: order.buyer.name,
    email: order.buyer.email ?? '',
    phone: order.buyer.phone ?? '',
    recipient: order.address.name ?? '',
    line1: order.address.line1,
    line2: order.address.line2 ?? '',
    zip: order.address.zip,
    city: order.address.city,
    country: order.address.country,
    lines: order.lines.map((line) => ({
      sku: line.sku ?? '',
      title: line.title ?? '',
      quantity: String(line.quantity),
    })),
    notes: order.notes,
  };
}

const QUANTITY_RE = /^[1-9]\d{0,4}$/;

/** Lines with anything typed in them; a line with only a quantity counts as empty. */
function filledLines(draft: OrderDraft): OrderDraft['lines'] {
  return draft.lines.filter((line) => line.sku.trim() !== '' || line.title.trim() !== '');
}

/**
 * What stops the draft from being saved. The address is not checked here: an order with a
 * doubtful address is saved and put on hold, because the seller may need to ask the buyer.
 */
export function validateDraft(draft: OrderDraft, isTaken: (externalId: string) => boolean): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const externalId = draft.externalId.trim();
  if (externalId === '') problems.push('externalId');
  else if (isTaken(externalId)) problems.push('externalIdTaken');
  if (!isDay(draft.orderedAt)) problems.push('orderedAt');
  if (draft.buyerName.trim() === '') problems.push('buyerName');
  if (draft.email.trim() !== '' && !looksLikeEmail(draft.email.trim())) problems.push('email');
  const lines = filledLines(draft);
  if (lines.length === 0) problems.push('lines');
  if (lines.some((line) => !QUANTITY_RE.test(line.quantity.trim()))) problems.push('quantity');
  return problems;
}

const optional = <K extends string>(key: K, value: string): Partial<Record<K, string>> => {
  const trimmed = value.trim();
  return trimmed === '' ? {} : ({ [key]: trimmed } as Record<K, string>);
};

/**
 * The order a valid draft describes. With `existing`, the order keeps its id, source, status,
 * parcels and history fields and takes the typed ones; without, it is a new `manual` order.
 */
export function orderFromDraft(draft: OrderDraft, at: string, existing?: Order): Order {
  const lines: OrderLine[] = filledLines(draft).map((line) => ({
    ...optional('sku', line.sku),
    ...optional('title', line.title),
    quantity: Number(line.quantity.trim()),
  }));
  const externalId = existing?.externalId ?? draft.externalId.trim();
  const base: Order = existing ?? {
    id: orderIdOf('manual', externalId),
    source: 'manual',
    externalId,
    orderedAt: draft.orderedAt,
    buyer: { name: '' },
    address: { line1: '', zip: '', city: '', country: '' },
    lines: [],
    status: 'new',
    notes: '',
    createdAt: at,
    updatedAt: at,
  };
  return {
    ...base,
    orderedAt: draft.orderedAt,
    buyer: {
      name: draft.buyerName.trim(),
      ...optional('email', draft.email),
      ...optional('phone', draft.phone),
    },
    address: {
      ...optional('name', draft.recipient),
      line1: draft.line1.trim(),
      ...optional('line2', draft.line2),
      zip: draft.zip.trim(),
      city: draft.city.trim(),
      country: draft.country.trim().length === 2 ? draft.country.trim().toUpperCase() : draft.country.trim(),
    },
    lines,
    notes: draft.notes,
    updatedAt: at,
  };
}

/** Names of the fields that differ, for the `edited` event ("buyer,address"). */
export function changedFields(before: Order, after: Order): string[] {
  const fields = ['orderedAt', 'buyer', 'address', 'lines', 'notes'] as const;
  return fields.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

/** The next free number for a hand-typed order: M-1001, M-1002, ... */
export function nextManualId(taken: (externalId: string) => boolean, count: number): string {
  let n = 1001 + count;
  while (taken(`M-${n}`)) n++;
  return `M-${n}`;
}
