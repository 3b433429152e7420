import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../i18n/locales.ts';
import { makeOrder, makeParcel } from '../../../test/factories.ts';
import { buildNotificationContext } from './context.ts';
import { DEFAULT_TEMPLATES, defaultTemplate } from './defaults.ts';
import { isGsm7 } from './sms-length.ts';
import { renderEmail, renderNotification, renderSms, validateTemplate } from './template.ts';
import { NOTIFICATION_KINDS, NOTIFICATION_MEDIA, type NotificationContext } from './types.ts';

const hostile = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/notifications/hostile-values.json', import.meta.url), 'utf8'),
) as { names: string[]; urls: string[] };

function fullContext(locale: (typeof LOCALES)[number]): NotificationContext {
  const order = makeOrder({ externalId: '#4711' });
  return buildNotificationContext(
    order,
    [
      makeParcel({ orderId: order.id, carrierId: 'dhl-paket', trackingNumber: '00340434161234567890' }),
      makeParcel({ orderId: order.id, carrierId: 'ups', trackingNumber: '1Z999AA10123456784' }),
    ],
    {
      locale,
      shop: { name: 'Kleiner Laden', replyTo: 'hallo@kleiner-laden.example' },
      trackingPage: 'https://trackpack.example/t/abc',
      confirmLink: 'https://trackpack.example/c/xyz',
      reviewLink: 'https://marketplace.example/review/4711',
    },
  );
}

const cases = LOCALES.flatMap((locale) => NOTIFICATION_KINDS.map((kind) => [kind, locale] as const));

describe('default templates', () => {
  it.each(cases)('%s in %s is valid and renders every medium completely', (kind, locale) => {
    const template = defaultTemplate(kind, locale);
    expect(validateTemplate(template)).toEqual([]);
    const context = fullContext(locale);
    for (const medium of NOTIFICATION_MEDIA) {
      const out = renderNotification(template, context, medium);
      expect(out, medium).not.toMatch(/\{\{|\}\}|undefined|null|NaN/);
      expect(out.trim(), medium).not.toBe('');
    }
    const email = renderEmail(template, context);
    expect(email.subject).toContain('#4711');
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.text).toContain('#4711');
    expect(email.text).toContain('Kleiner Laden');
    expect(email.html).toContain(`<html lang="${locale}">`);
  });

  it.each(cases)('%s in %s renders with an almost empty context', (kind, locale) => {
    const template = defaultTemplate(kind, locale);
    for (const medium of NOTIFICATION_MEDIA) {
      const out = renderNotification(template, { locale }, medium);
      expect(out, medium).not.toMatch(/\{\{|\}\}|undefined|null|NaN|: \.|\n\n\n/);
      // No dangling "Shop: " prefix or empty link line.
      expect(out, medium).not.toMatch(/^: |https?:\/\/$/m);
    }
  });

  it('the shipped message names every parcel with its carrier and link', () => {
    const { text, html } = renderEmail(defaultTemplate('shipped', 'en'), fullContext('en'));
    expect(text).toContain('DHL Paket / Deutsche Post: 00340434161234567890');
    expect(text).toContain(
      'https://www.dhl.de/en/privatkunden/pakete-empfangen/verfolgen.html?piececode=00340434161234567890',
    );
    expect(text).toContain('UPS: 1Z999AA10123456784');
    expect(text).toContain('https://www.ups.com/track?loc=en_US&tracknum=1Z999AA10123456784');
    expect(text).toContain('https://trackpack.example/t/abc');
    expect(text).toContain('https://trackpack.example/c/xyz');
    expect(html).toContain(
      '<a href="https://www.ups.com/track?loc=en_US&amp;tracknum=1Z999AA10123456784">1Z999AA10123456784</a>',
    );
    const sms = renderSms(defaultTemplate('shipped', 'en'), fullContext('en'));
    expect(sms.text).toContain('UPS: 1Z999AA10123456784 https://www.ups.com/track?');
  });

  it('the shipped message without parcels or links leaves those paragraphs out', () => {
    const text = renderNotification(defaultTemplate('shipped', 'de'), { locale: 'de' }, 'text');
    expect(text).toBe('Guten Tag,\n\ngute Nachrichten: Ihre Bestellung wurde verschickt.\n\nViele Grüße');
  });

  it.each(['en', 'de', 'sv'] as const)('%s text messages keep to the GSM-7 alphabet', (locale) => {
    for (const kind of NOTIFICATION_KINDS) {
      expect(isGsm7(renderSms(defaultTemplate(kind, locale), fullContext(locale)).text), kind).toBe(true);
    }
  });

  it('has all four languages for all kinds', () => {
    expect(Object.keys(DEFAULT_TEMPLATES).sort()).toEqual([...LOCALES].sort());
  });

  it('formats the order date in the buyer language', () => {
    const text = (locale: (typeof LOCALES)[number]) =>
      renderNotification(defaultTemplate('preparing', locale), fullContext(locale), 'text');
    expect(text('en')).toContain('placed on November 20, 2026.');
    expect(text('de')).toContain('vom 20. November 2026.');
    expect(text('sv')).toContain('från den 20 november 2026.');
    // The year abbreviation's full stop ends the sentence: no "г..".
    expect(text('ru')).toContain('от 20 ноября 2026 г. Мы');
  });
});

describe('renderNotification', () => {
  const template = {
    subject: 'Order {{order.id}} for {{buyer.name}}',
    body: 'Hi {{buyer.name}},\n\n{{#tracking.page}}Track: {{tracking.page}}{{/tracking.page}}{{^tracking.page}}No tracking yet.{{/tracking.page}}\n\n{{parcels}}',
    sms: '{{buyer.name}}: {{parcels}}',
  };

  it('renders a missing name as "there" in English and empty elsewhere, never "undefined"', () => {
    expect(renderNotification(template, { locale: 'en' }, 'subject')).toBe('Order for there');
    expect(renderNotification(template, { locale: 'de' }, 'subject')).toBe('Order for');
    expect(renderNotification(template, { locale: 'en', buyer: {} }, 'text')).toBe(
      'Hi there,\n\nNo tracking yet.',
    );
  });

  it('treats values of the wrong type (from JSON) as missing', () => {
    const context = {
      locale: 'en',
      buyer: { name: null },
      order: { id: 42 },
      parcels: [{ carrier: undefined, number: 'N1', url: 7 }],
    } as unknown as NotificationContext;
    expect(renderNotification(template, context, 'subject')).toBe('Order for there');
    expect(renderNotification(template, context, 'sms')).toBe('there: N1');
  });

  it('renders unknown placeholders as nothing and reports them', () => {
    const edited = { subject: 'Hi {{buyer.nmae}}!', body: '{{#oops}}x{{/oops}} {{order.id}}', sms: 'ok' };
    expect(renderNotification(edited, { locale: 'en' }, 'subject')).toBe('Hi !');
    expect(renderNotification(edited, { locale: 'en', order: { id: '#1' } }, 'text')).toBe('#1');
    expect(validateTemplate(edited)).toEqual([
      { field: 'subject', code: 'unknown-placeholder', name: 'buyer.nmae' },
      { field: 'body', code: 'unknown-placeholder', name: 'oops' },
    ]);
  });

  it.each([
    [{ subject: '', body: 'x', sms: 'x' }, [{ field: 'subject', code: 'empty' }]],
    [
      { subject: 's', body: '{{#parcels}}x', sms: 'x' },
      [{ field: 'body', code: 'unclosed-section', name: 'parcels' }],
    ],
    [
      { subject: 's', body: 'x{{/parcels}}', sms: 'x' },
      [{ field: 'body', code: 'unexpected-close', name: 'parcels' }],
    ],
    [{ subject: 's', body: 'x', sms: 'Hi {{buyer.name}' }, [{ field: 'sms', code: 'stray-braces' }]],
    [{ subject: 'Hi {{ buyer.name }}', body: '{{# parcels }}{{parcels}}{{/ parcels }}', sms: 'x' }, []],
  ])('validates %j', (template, issues) => {
    expect(validateTemplate(template)).toEqual(issues);
  });

  it.each(hostile.names)('keeps the name %j inert in every medium', (name) => {
    const context: NotificationContext = { locale: 'en', buyer: { name }, order: { id: name } };
    const subject = renderNotification(template, context, 'subject');
    // eslint-disable-next-line no-control-regex
    expect(subject).not.toMatch(/[\u0000-\u001f\u007f\u2028\u2029]/);
    const html = renderNotification(template, context, 'html');
    // Markup in a name arrives as text: no element, no attribute break-out.
    expect(html).not.toMatch(/<script|<img|"><|'>/i);
    if (name.includes('<')) expect(html).toContain('&lt;');
    const text = renderNotification(template, context, 'text');
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    // A name that looks like a placeholder is text, not a second round of substitution.
    if (name.includes('{{')) expect(text).toContain('{{shop.name}}');
    const sms = renderNotification(template, context, 'sms');
    // eslint-disable-next-line no-control-regex
    expect(sms).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  });

  it.each(hostile.urls)('never links %j', (url) => {
    const context: NotificationContext = {
      locale: 'en',
      trackingPage: url,
      parcels: [{ carrier: 'X', number: 'N1', url }],
    };
    const html = renderNotification(template, context, 'html');
    expect(html).not.toMatch(/javascript:|data:|vbscript:|<script|href="\/\//i);
    expect(html).not.toContain('href="https://ok.example/"');
    expect(html).toContain('No tracking yet.');
    expect(renderNotification(template, context, 'text')).not.toMatch(/javascript:|data:|vbscript:/i);
  });

  it('escapes the seller’s own template text in HTML', () => {
    const html = renderNotification(
      { subject: 'a < b', body: 'Tom & Jerry <b>bold</b>', sms: 'x' },
      { locale: 'en' },
      'html',
    );
    expect(html).toContain('<title>a &lt; b</title>');
    expect(html).toContain('<p>Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt;</p>');
  });

  it('puts http(s) links into escaped href attributes', () => {
    const url = 'https://ok.example/t?a=1&b=%22x%22';
    const html = renderNotification(template, { locale: 'en', trackingPage: url }, 'html');
    expect(html).toContain(
      '<a href="https://ok.example/t?a=1&amp;b=%22x%22">https://ok.example/t?a=1&amp;b=%22x%22</a>',
    );
  });

  it('strips header-breaking characters from the seller’s subject text too', () => {
    expect(
      renderNotification(
        { subject: 'Hello\r\nBcc: x@evil', body: 'x', sms: 'x' },
        { locale: 'en' },
        'subject',
      ),
    ).toBe('Hello Bcc: x@evil');
  });
});
