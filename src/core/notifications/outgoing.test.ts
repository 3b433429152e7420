import { describe, expect, it } from 'vitest';
import { makeOrder, makeParcel } from '../../../test/factories.ts';
import { defaultTemplate } from './defaults.ts';
import {
  notificationTemplateOf,
  renderNotificationMessage,
  type NotificationMessageFacts,
  type NotificationMessageRequest,
} from './outgoing.ts';

function request(overrides: Partial<NotificationMessageRequest> = {}): NotificationMessageRequest {
  const order = makeOrder({
    externalId: '#4711',
    buyer: { name: 'Jürgen Groß', email: ' Juergen@Example.DE ', phone: '0151 23456789' },
  });
  return {
    order,
    parcels: [
      makeParcel({ orderId: order.id, carrierId: 'dhl-paket', trackingNumber: '00340434161234567890' }),
    ],
    kind: 'shipped',
    channel: 'email',
    shop: { name: 'Kleiner Laden', replyTo: 'hallo@kleiner-laden.example', country: 'DE' },
    ...overrides,
  };
}

describe('renderNotificationMessage', () => {
  it('renders an e-mail in the delivery country language, to the lower-cased address', () => {
    const result = renderNotificationMessage(request());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { message } = result;
    expect(message).toMatchObject({
      locale: 'de',
      channel: 'email',
      recipient: 'juergen@example.de',
      recipientName: 'Jürgen Groß',
      senderName: 'Kleiner Laden',
      replyTo: 'hallo@kleiner-laden.example',
    });
    expect(message.subject).toContain('#4711');
    expect(message.text).toContain('00340434161234567890');
    expect(message.html).toContain('<html lang="de">');
  });

  it('renders a text message to the E.164 number, without subject or HTML', () => {
    const result = renderNotificationMessage(request({ channel: 'sms' }));
    expect(result).toMatchObject({
      ok: true,
      message: { recipient: '+4915123456789', subject: '', html: null },
    });
  });

  it('writes in the language the seller chose over the delivery country', () => {
    const result = renderNotificationMessage(request({ locale: 'sv' }));
    expect(result.ok && result.message.locale).toBe('sv');
    expect(notificationTemplateOf(request({ locale: 'sv' }))).toEqual({
      locale: 'sv',
      template: defaultTemplate('shipped', 'sv'),
    });
  });

  it('sends under the sender name before the shop name', () => {
    const result = renderNotificationMessage(
      request({ shop: { name: 'Laden', senderName: 'Anna vom Laden' } }),
    );
    expect(result.ok && result.message.senderName).toBe('Anna vom Laden');
  });

  it('tells the expected delivery only when the caller found one', () => {
    const template = { subject: 'S', body: 'Arrives {{delivery.expected}}.', sms: 'x' };
    const window = { from: '2026-11-23', to: '2026-11-24' };
    const known = renderNotificationMessage(request({ template, locale: 'en' }), {
      expectedDelivery: window,
    });
    const unknown = renderNotificationMessage(request({ template, locale: 'en' }), {
      expectedDelivery: null,
    });
    expect(known.ok && known.message.text).toMatch(/Arrives .*23.*24/);
    expect(unknown.ok && unknown.message.text).toBe('Arrives .');
  });

  const refusals: [string, Partial<NotificationMessageRequest>, NotificationMessageFacts, string][] = [
    ['an e-mail without an address', { order: makeOrder({ buyer: { name: 'B' } }) }, {}, 'no_recipient'],
    [
      'an e-mail to an address with a line break',
      { order: makeOrder({ buyer: { name: 'B', email: 'a@b.de\r\nBcc: x@y.de' } }) },
      {},
      'no_recipient',
    ],
    [
      'a text without a number',
      { channel: 'sms', order: makeOrder({ buyer: { name: 'B', email: 'b@example.de' } }) },
      {},
      'no_recipient',
    ],
    [
      'a text to a country outside the allow-list',
      { channel: 'sms' },
      { smsCountries: ['AT'] },
      'sms_country_not_allowed',
    ],
    [
      'a text when the shop has no country and no list is set',
      { channel: 'sms', shop: {} },
      {},
      'sms_country_not_allowed',
    ],
    [
      'a text that renders empty',
      { channel: 'sms', template: { subject: 's', body: 'b', sms: '  ' } },
      {},
      'empty_message',
    ],
    [
      'an e-mail that renders empty',
      { template: { subject: 's', body: '\n', sms: 'x' } },
      {},
      'empty_message',
    ],
  ];
  it.each(refusals)('refuses %s', (_name, overrides, facts, reason) => {
    expect(renderNotificationMessage(request(overrides), facts)).toEqual({ ok: false, reason });
  });

  it('allows a text to a country the server lists', () => {
    const result = renderNotificationMessage(request({ channel: 'sms', shop: {} }), { smsCountries: ['DE'] });
    expect(result.ok).toBe(true);
  });
});
