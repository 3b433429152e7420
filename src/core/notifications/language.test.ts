import { describe, expect, it } from 'vitest';
import { makeOrder, makeParcel } from '../../../test/factories.ts';
import { buildNotificationContext, parcelLine } from './context.ts';
import { notificationLocale } from './language.ts';

describe('notificationLocale', () => {
  it.each([
    ['DE', undefined, 'de'],
    ['AT', undefined, 'de'],
    ['ch', undefined, 'de'],
    ['SE', undefined, 'sv'],
    ['RU', undefined, 'ru'],
    ['BY', undefined, 'ru'],
    ['KZ', undefined, 'ru'],
    ['GB', undefined, 'en'],
    ['FR', undefined, 'en'],
    ['Deutschland', undefined, 'en'],
    [undefined, undefined, 'en'],
    ['DE', 'sv', 'sv'],
    ['DE', 'fr', 'de'],
    ['DE', null, 'de'],
  ] as const)('%s with override %s writes in %s', (country, override, locale) => {
    expect(notificationLocale(country, override)).toBe(locale);
  });
});

describe('buildNotificationContext', () => {
  const order = makeOrder({
    externalId: '#7',
    address: { line1: 'x', zip: '111 22', city: 'S', country: 'SE' },
  });

  it('picks the language from the country and names carriers with links in it', () => {
    const context = buildNotificationContext(order, [
      makeParcel({ orderId: order.id, carrierId: 'ups', trackingNumber: '1Z999AA10123456784' }),
    ]);
    expect(context.locale).toBe('sv');
    expect(context.parcels).toEqual([
      {
        carrier: 'UPS',
        number: '1Z999AA10123456784',
        url: 'https://www.ups.com/track?loc=sv_SE&tracknum=1Z999AA10123456784',
      },
    ]);
    expect(context.order).toEqual({ id: '#7', date: '2026-11-20' });
  });

  it('prefers the link stored on the parcel, but only an http(s) one', () => {
    const stored = parcelLine(
      { trackingNumber: 'N1', carrierId: 'ups', trackingUrl: 'https://market.example/t/N1' },
      { locale: 'en' },
    );
    expect(stored.url).toBe('https://market.example/t/N1');
    const hostile = parcelLine(
      { trackingNumber: 'N1', carrierId: 'ups', trackingUrl: 'javascript:alert(1)' },
      { locale: 'en' },
    );
    expect(hostile.url).toBe('https://www.ups.com/track?loc=en_US&tracknum=N1');
  });

  it('uses the seller’s own carriers and shows an unknown carrier id without a link', () => {
    const custom = [
      { id: 'my-courier', name: 'City Courier', urlTemplate: 'https://courier.example/{number}' },
    ];
    expect(
      parcelLine({ trackingNumber: 'A1', carrierId: 'my-courier' }, { locale: 'en', customCarriers: custom }),
    ).toEqual({
      carrier: 'City Courier',
      number: 'A1',
      url: 'https://courier.example/A1',
    });
    expect(parcelLine({ trackingNumber: 'A1', carrierId: 'gone' }, { locale: 'en' })).toEqual({
      carrier: 'gone',
      number: 'A1',
    });
  });

  it('follows the seller’s language choice for the order', () => {
    expect(buildNotificationContext(order, [], { locale: 'ru' }).locale).toBe('ru');
  });
});
