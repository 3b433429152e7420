import { describe, expect, test } from 'vitest';
import { formatDayRange, renderEmail, renderSms } from './index.ts';
import type { NotificationContext } from './types.ts';

describe('formatDayRange', () => {
  test.each([
    ['en', '2026-12-04', '2026-12-06', 'Dec 4 – 6'],
    ['de', '2026-12-04', '2026-12-06', '4.–6. Dez.'],
    ['sv', '2026-11-30', '2026-12-02', '30 nov.–2 dec.'],
    ['en', '2026-12-04', '2026-12-04', 'Dec 4'],
    ['en', 'soon', '2026-12-04', null],
  ] as const)('%s %s..%s', (locale, from, to, expected) => {
    const text = formatDayRange(locale, from, to);
    // ICU puts thin and narrow no-break spaces around the dash; compare with plain spaces.
    expect(text === null ? null : text.replace(/[\u2009\u202f\u00a0]/g, ' ')).toBe(expected);
  });
});

describe('the delivery.expected placeholder', () => {
  const template = {
    subject: 'Order {{order.id}}',
    body: 'Shipped.{{#delivery.expected}} It usually arrives {{delivery.expected}}.{{/delivery.expected}}',
    sms: '{{#delivery.expected}}Arrives {{delivery.expected}}{{/delivery.expected}}',
  };
  const base: NotificationContext = { locale: 'en', order: { id: 'A-1' } };

  test('renders the window in the buyer’s language', () => {
    const context = { ...base, expectedDelivery: { from: '2026-12-04', to: '2026-12-06' } };
    expect(renderEmail(template, context).text.replace(/[\u2009\u202f]/g, ' ')).toContain(
      'It usually arrives Dec 4 – 6.',
    );
    expect(renderSms(template, { ...context, locale: 'de' }).text.replace(/[\u2009\u202f]/g, ' ')).toBe(
      'Arrives 4.–6. Dez.',
    );
  });

  test('leaves its section out without a learned window', () => {
    expect(renderEmail(template, base).text).toBe('Shipped.');
    expect(renderEmail(template, { ...base, expectedDelivery: { from: 'x', to: 'y' } }).text).toBe(
      'Shipped.',
    );
  });
});
