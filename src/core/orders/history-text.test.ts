import { describe, expect, it } from 'vitest';
import { makeEvent } from '../../../test/factories.ts';
import type { OrderEvent } from '../model/events.ts';
import { translate, type Translate } from '../i18n/index.ts';
import { historyText, reasonText } from './history-text.ts';

const en: Translate = (key, params) => translate('en', key, params);
const de: Translate = (key, params) => translate('de', key, params);
const day = (d: string) => `<${d}>`;

describe('historyText', () => {
  it.each<[string, Partial<OrderEvent>, string]>([
    [
      'a status change',
      { kind: 'status_changed', from: 'new', to: 'shipped' },
      'Status changed from “New” to “Shipped”',
    ],
    [
      'with a ship day',
      { kind: 'status_changed', from: 'ready', to: 'shipped', data: { shippedOn: '2026-11-20' } },
      'Status changed from “Ready to ship” to “Shipped” · shipped on <2026-11-20>',
    ],
    [
      'an undo',
      { kind: 'status_changed', from: 'shipped', to: 'new', data: { undoes: 'e1' } },
      'Undone: status back from “Shipped” to “New”',
    ],
    [
      'on hold, a known reason is named',
      { kind: 'status_changed', from: 'new', to: 'on_hold', reason: 'out_of_stock' },
      'Status changed from “New” to “On hold” (Out of stock)',
    ],
    [
      'won’t ship, the seller’s own words',
      { kind: 'status_changed', from: 'new', to: 'wont_ship', reason: 'Buyer cancelled' },
      'Status changed from “New” to “Won’t ship” (Buyer cancelled)',
    ],
    [
      'a message requested',
      { kind: 'notification_requested', data: { kind: 'shipped', channel: 'email' } },
      'Message to the buyer requested · Order shipped, with tracking (E-mail)',
    ],
    [
      'a message sent',
      { kind: 'notification_sent', data: { kind: 'preparing', channel: 'sms' } },
      'Message sent to the buyer · Order is being prepared (Text message)',
    ],
    [
      'a message that failed, with the reason',
      {
        kind: 'notification_failed',
        data: { kind: 'shipped', channel: 'email', status: 'failed', reason: '550 mailbox unavailable' },
      },
      'The message to the buyer could not be sent · Order shipped, with tracking (E-mail) · Reason: 550 mailbox unavailable',
    ],
    [
      'a message taken back by an undo',
      {
        kind: 'notification_failed',
        data: { kind: 'shipped', channel: 'email', status: 'cancelled', reason: 'undone' },
      },
      'Message to the buyer taken back before it went out: the change was undone · Order shipped, with tracking (E-mail)',
    ],
    [
      'an unknown message kind is left out, not shown raw',
      { kind: 'notification_sent', data: { kind: '<script>', channel: 'pigeon' } },
      'Message sent to the buyer',
    ],
  ])('%s', (_name, event, expected) => {
    expect(historyText(makeEvent(event), en, day)).toBe(expected);
  });

  it('speaks the seller’s language', () => {
    const event = makeEvent({ kind: 'notification_requested', data: { kind: 'shipped', channel: 'email' } });
    expect(historyText(event, de, day)).toMatch(/^Nachricht an den Käufer angefordert · /);
  });
});

describe('reasonText', () => {
  it('names hold reasons only for holds', () => {
    expect(reasonText('on_hold', 'address_problem', en)).not.toBe('address_problem');
    expect(reasonText('wont_ship', 'address_problem', en)).toBe('address_problem');
    expect(reasonText('on_hold', undefined, en)).toBe('');
  });
});
