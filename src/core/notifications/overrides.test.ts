import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { settingsSchema, templateOverridesSchema } from '../protocol/schemas.ts';
import { DEFAULT_SETTINGS } from '../settings.ts';
import { defaultTemplate } from './defaults.ts';
import { TEMPLATE_MAX_CHARS, isCustomized, templateFor, withOverride } from './overrides.ts';
import { renderEmail, renderSms, validateTemplate } from './template.ts';
import type { NotificationContext, TemplateOverrides } from './types.ts';

const CONTEXT: NotificationContext = {
  locale: 'de',
  buyer: { name: 'Jana <b>' },
  order: { id: '5001' },
  parcels: [{ carrier: 'DHL', number: '00340434161234567890', url: 'https://dhl.example/t?n=1' }],
  shop: { name: 'Laden' },
};

describe('templateFor', () => {
  const overrides: TemplateOverrides = { shipped: { de: { subject: 'Paket {{order.id}} ist raus' } } };
  it.each([
    { name: 'no overrides: the default', overrides: undefined, kind: 'shipped', locale: 'de', own: {} },
    {
      name: 'the overridden part only',
      overrides,
      kind: 'shipped',
      locale: 'de',
      own: { subject: 'Paket {{order.id}} ist raus' },
    },
    { name: 'another language keeps its default', overrides, kind: 'shipped', locale: 'en', own: {} },
    { name: 'another kind keeps its default', overrides, kind: 'delivered', locale: 'de', own: {} },
  ] as const)('$name', ({ overrides: given, kind, locale, own }) => {
    expect(templateFor(kind, locale, given)).toEqual({ ...defaultTemplate(kind, locale), ...own });
  });

  it('renders the seller text with values escaped per medium', () => {
    const template = templateFor('shipped', 'de', {
      shipped: {
        de: {
          subject: 'Für {{buyer.name}}\r\nBcc: x@y',
          body: '<i>{{buyer.name}}</i> {{parcels}}',
          sms: 'SMS {{order.id}}',
        },
      },
    });
    const email = renderEmail(template, CONTEXT);
    expect(email.subject).toBe('Für Jana <b> Bcc: x@y');
    expect(email.html).toContain('&lt;i&gt;Jana &lt;b&gt;&lt;/i&gt;');
    expect(email.html).not.toContain('<i>');
    expect(renderSms(template, CONTEXT).text).toBe('SMS 5001');
  });

  it('an unknown placeholder in a seller text is reported and renders empty', () => {
    const template = templateFor('shipped', 'de', { shipped: { de: { subject: 'Hallo {{buyer.nam}}' } } });
    expect(validateTemplate(template)).toEqual([
      { field: 'subject', code: 'unknown-placeholder', name: 'buyer.nam' },
    ]);
    expect(renderEmail(template, CONTEXT).subject).toBe('Hallo');
  });
});

describe('withOverride', () => {
  const standard = defaultTemplate('shipped', 'sv');
  it.each([
    {
      name: 'stores only the parts that differ',
      before: undefined,
      template: { ...standard, sms: 'Kort' },
      after: { shipped: { sv: { sms: 'Kort' } } },
    },
    {
      name: 'an edit undone by hand stores nothing',
      before: { shipped: { sv: { sms: 'Kort' } } },
      template: standard,
      after: {},
    },
    {
      name: 'reset removes this message, keeps the others',
      before: { shipped: { sv: { sms: 'Kort' }, de: { subject: 'X' } } },
      template: null,
      after: { shipped: { de: { subject: 'X' } } },
    },
  ] as const)('$name', ({ before, template, after }) => {
    const next = withOverride(before, 'shipped', 'sv', template);
    expect(next).toEqual(after);
    expect(isCustomized(next, 'shipped', 'sv')).toBe(template !== null && template !== standard);
  });
});

describe('templateOverridesSchema', () => {
  const long = (n: number) => 'x'.repeat(n);
  it.each([
    { name: 'a partial override', input: { shipped: { de: { subject: 'Hi' } } }, ok: true },
    {
      name: 'at the caps',
      input: {
        shipped: {
          en: {
            subject: long(TEMPLATE_MAX_CHARS.subject),
            body: long(TEMPLATE_MAX_CHARS.body),
            sms: long(TEMPLATE_MAX_CHARS.sms),
          },
        },
      },
      ok: true,
    },
    {
      name: 'a subject over the cap',
      input: { shipped: { en: { subject: long(TEMPLATE_MAX_CHARS.subject + 1) } } },
      ok: false,
    },
    {
      name: 'an SMS over the cap',
      input: { reminder: { ru: { sms: long(TEMPLATE_MAX_CHARS.sms + 1) } } },
      ok: false,
    },
    { name: 'a NUL character', input: { shipped: { en: { body: 'a\u0000b' } } }, ok: false },
    { name: 'a number instead of text', input: { shipped: { en: { body: 5 } } }, ok: false },
  ])('$name', ({ input, ok }) => {
    expect(v.safeParse(templateOverridesSchema, input).success).toBe(ok);
  });

  it('drops unknown kinds and languages', () => {
    expect(
      v.parse(templateOverridesSchema, { spam: { en: { subject: 'x' } }, shipped: { fr: { subject: 'x' } } }),
    ).toEqual({
      shipped: {},
    });
  });

  it('settings with and without templates both parse', () => {
    expect(v.safeParse(settingsSchema, DEFAULT_SETTINGS).success).toBe(true);
    const withTemplates = {
      ...DEFAULT_SETTINGS,
      notifications: { ...DEFAULT_SETTINGS.notifications, templates: { shipped: { de: { subject: 'Hi' } } } },
    };
    expect(v.parse(settingsSchema, withTemplates).notifications.templates).toEqual({
      shipped: { de: { subject: 'Hi' } },
    });
  });
});
