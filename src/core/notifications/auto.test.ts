/** The rules that send a message by themselves, as a table. */
import { describe, expect, it } from 'vitest';
import { makeOrder } from '../../../test/factories.ts';
import type { EventId } from '../ids.ts';
import { parseMutation } from '../protocol/mutations.ts';
import { DEFAULT_SETTINGS, type NotificationSettings } from '../settings.ts';
import {
  autoNotifications,
  notificationLog,
  notificationRequest,
  refusalFor,
  requestedKeys,
  reviewReminderDueAt,
  type OrderChange,
  type RequestedKey,
} from './auto.ts';

/** The seller turned the automatic "shipped" e-mail on (it is off by default). */
const RULES = { ...DEFAULT_SETTINGS.notifications, shippedEmail: true };
const withEmail = makeOrder({ source: 'shopify' });
const withPhone = makeOrder({
  source: 'ebay',
  buyer: { name: 'Lena', email: 'lena@example.de', phone: '0171 2345678' },
});
const noEmail = makeOrder({ source: 'etsy', buyer: { name: 'Olof' } });
const amazon = makeOrder({ source: 'amazon' });

const SHIP: OrderChange = { from: 'ready', to: 'shipped' };

describe('autoNotifications', () => {
  const cases: {
    name: string;
    order: typeof withEmail;
    rules?: Partial<NotificationSettings>;
    change?: OrderChange;
    requested?: RequestedKey[];
    expected: string[];
  }[] = [
    { name: 'shipped, e-mail rule on: e-mail', order: withEmail, expected: ['shipped:email'] },
    { name: 'rule off: nothing', order: withEmail, rules: { shippedEmail: false }, expected: [] },
    {
      name: 'SMS on, no phone: e-mail only',
      order: withEmail,
      rules: { shippedSms: true },
      expected: ['shipped:email'],
    },
    {
      name: 'SMS on with a phone: both',
      order: withPhone,
      rules: { shippedSms: true },
      expected: ['shipped:email', 'shipped:sms'],
    },
    { name: 'no e-mail address: nothing', order: noEmail, expected: [] },
    { name: 'Amazon: never', order: amazon, rules: { excludedSources: [] }, expected: [] },
    {
      name: 'excluded by the seller',
      order: withEmail,
      rules: { excludedSources: ['shopify'] },
      expected: [],
    },
    { name: 'to another status', order: withEmail, change: { from: 'new', to: 'ready' }, expected: [] },
    {
      name: 'partially shipped is not shipped',
      order: withEmail,
      change: { from: 'ready', to: 'partially_shipped' },
      expected: [],
    },
    {
      name: 'from partially shipped to shipped',
      order: withEmail,
      change: { from: 'partially_shipped', to: 'shipped' },
      expected: ['shipped:email'],
    },
    { name: 'an undo', order: withEmail, change: { ...SHIP, undo: true }, expected: [] },
    { name: 'already asked', order: withEmail, requested: ['shipped:email'], expected: [] },
    {
      name: 'asked another kind before',
      order: withEmail,
      requested: ['preparing:email', 'shipped:sms'],
      expected: ['shipped:email'],
    },
  ];
  it.each(cases)('$name', ({ order, rules, change, requested, expected }) => {
    const got = autoNotifications(order, { ...RULES, ...rules }, change ?? SHIP, new Set(requested ?? []));
    expect(got.map((m) => `${m.kind}:${m.channel}`)).toEqual(expected);
  });
});

describe('refusalFor', () => {
  it.each([
    { order: withEmail, excluded: [], channel: 'email', expected: null },
    { order: withEmail, excluded: ['shopify'], channel: 'email', expected: 'source_excluded' },
    { order: amazon, excluded: [], channel: 'email', expected: 'source_excluded' },
    { order: noEmail, excluded: [], channel: 'email', expected: 'no_recipient' },
    { order: withEmail, excluded: [], channel: 'sms', expected: 'no_recipient' },
  ] as const)(
    '$order.source $channel excluded=$excluded -> $expected',
    ({ order, excluded, channel, expected }) => {
      expect(refusalFor(order, channel, { excludedSources: [...excluded] })).toBe(expected);
    },
  );
});

describe('notificationRequest', () => {
  it('makes an event and a mutation the protocol accepts, with one event id', () => {
    const ids = { notificationId: '2b0f6c1e-6f1a-4c1e-9d7a-1b2c3d4e5f60', eventId: 'e-1' as EventId };
    const { event, mutation } = notificationRequest(
      withEmail.id,
      { kind: 'shipped', channel: 'email' },
      ids,
      '2026-11-22T10:00:00.000Z',
      { locale: 'de' },
    );
    expect(parseMutation(mutation.name, mutation.args)).toMatchObject({ ok: true });
    expect(event).toMatchObject({
      id: 'e-1',
      kind: 'notification_requested',
      data: { notificationId: ids.notificationId, kind: 'shipped', channel: 'email' },
    });
    expect(mutation.args).toMatchObject({ eventId: 'e-1', locale: 'de' });
    expect(requestedKeys([event])).toEqual(new Set(['shipped:email']));
  });
});

describe('notificationLog', () => {
  it('follows each request to its latest outcome', () => {
    const ev = (
      kind: 'notification_requested' | 'notification_sent' | 'notification_failed',
      id: string,
      at: string,
      data = {},
    ) => ({
      id: `${id}:${kind}:${at}` as EventId,
      orderId: withEmail.id,
      kind,
      at,
      data: { notificationId: id, kind: 'shipped', channel: 'email', ...data },
    });
    const log = notificationLog([
      ev('notification_requested', 'a', '2026-11-22T10:00:00Z'),
      ev('notification_sent', 'a', '2026-11-22T10:01:00Z', { sentAt: '2026-11-22T10:01:00Z' }),
      ev('notification_requested', 'b', '2026-11-22T11:00:00Z'),
      ev('notification_failed', 'b', '2026-11-22T11:01:00Z', { status: 'needs_review', reason: 'timeout' }),
      ev('notification_failed', 'x', '2026-11-22T11:01:00Z'),
    ]);
    expect(log.map((e) => [e.notificationId, e.status, e.reason])).toEqual([
      ['a', 'sent', undefined],
      ['b', 'needs_review', 'timeout'],
    ]);
  });
});

describe('reviewReminderDueAt', () => {
  const NOW = Date.parse('2031-05-10T12:00:00.000Z');
  const DAY = 24 * 60 * 60 * 1000;
  const cases: { name: string; deliveredAt: string; days: number; due: number }[] = [
    {
      name: 'N days after a delivery an hour ago',
      deliveredAt: '2031-05-10T11:00:00.000Z',
      days: 7,
      due: NOW - 3_600_000 + 7 * DAY,
    },
    {
      name: 'N days after a delivery yesterday',
      deliveredAt: '2031-05-09T12:00:00.000Z',
      days: 3,
      due: NOW + 2 * DAY,
    },
    {
      name: 'now when N days after the delivery are past',
      deliveredAt: '2031-04-01T12:00:00.000Z',
      days: 7,
      due: NOW,
    },
    {
      name: 'now when the due moment is exactly now',
      deliveredAt: '2031-05-03T12:00:00.000Z',
      days: 7,
      due: NOW,
    },
    {
      name: 'from now for a delivery stamped in the future',
      deliveredAt: '2031-06-01T00:00:00.000Z',
      days: 7,
      due: NOW + 7 * DAY,
    },
    {
      name: 'from now for an unreadable delivery time',
      deliveredAt: 'yesterday',
      days: 2,
      due: NOW + 2 * DAY,
    },
  ];
  it.each(cases)('$name', ({ deliveredAt, days, due }) => {
    expect(reviewReminderDueAt(deliveredAt, days, NOW)).toBe(due);
  });
});
