import { describe, expect, it } from 'vitest';
import { CARRIERS } from './registry.ts';
import {
  DEFAULT_UNIVERSAL_TEMPLATE,
  resolveLanguage,
  trackingUrl,
  validateUrlTemplate,
} from './tracking-url.ts';
import type { CustomCarrier } from './types.ts';

describe('validateUrlTemplate', () => {
  it.each([
    ['https://example.com/track/{number}', null],
    ['https://example.com/t?n={number}&zip={zip}&hl={lang}', null],
    ['HTTPS://Example.COM:8443/{number}', null],
    [DEFAULT_UNIVERSAL_TEMPLATE, null],
    ['', 'empty'],
    ['   ', 'empty'],
    ['https://example.com/{number} ', 'invalid-characters'],
    ['https://example.com/\n{number}', 'invalid-characters'],
    ['http://example.com/{number}', 'not-https'],
    ['javascript:alert(1)//{number}', 'not-https'],
    ['data:text/html,{number}', 'not-https'],
    ['//example.com/{number}', 'not-https'],
    ['https://{number}.example.com/', 'invalid-host'],
    ['https://user@example.com/{number}', 'invalid-host'],
    ['https:///{number}', 'invalid-host'],
    ['https://example.com/{tracking}', 'unknown-placeholder'],
    ['https://example.com/{number', 'unknown-placeholder'],
    ['https://example.com/track', 'missing-number'],
  ])('%j -> %s', (template, expected) => {
    expect(validateUrlTemplate(template)).toBe(expected);
  });

  it.each(CARRIERS.map((c) => [c.id, c.urlTemplate]))('%s has a valid template', (_id, template) => {
    expect(validateUrlTemplate(template)).toBeNull();
  });
});

describe('trackingUrl', () => {
  const custom: CustomCarrier = {
    id: 'custom-1',
    name: 'Local courier',
    urlTemplate: 'https://courier.example/track/{number}?plz={zip}&lang={lang}',
  };

  it('fills a registry carrier template', () => {
    const ups = CARRIERS.find((c) => c.id === 'ups');
    expect(ups && trackingUrl(ups, '1Z5R89390357567127', { lang: 'sv' })).toBe(
      'https://www.ups.com/track?loc=sv_SE&tracknum=1Z5R89390357567127',
    );
    expect(ups && trackingUrl(ups, '1Z5R89390357567127', { lang: 'fi' })).toBe(
      'https://www.ups.com/track?loc=en_US&tracknum=1Z5R89390357567127',
    );
  });

  it('fills a seller-defined carrier template', () => {
    expect(trackingUrl(custom, 'AB 12/3', { zip: '10115', lang: 'de-DE' })).toBe(
      'https://courier.example/track/AB%2012%2F3?plz=10115&lang=de',
    );
    expect(trackingUrl(custom, 'X1')).toBe('https://courier.example/track/X1?plz=&lang=en');
  });

  it('URL-encodes every value', () => {
    expect(trackingUrl('https://x.example/{number}', '#?&=<script>')).toBe(
      'https://x.example/%23%3F%26%3D%3Cscript%3E',
    );
  });

  it('uses the universal template as a bare string', () => {
    expect(trackingUrl(DEFAULT_UNIVERSAL_TEMPLATE, 'LX123456789CN')).toBe(
      'https://t.17track.net/en#nums=LX123456789CN',
    );
  });

  it('never produces a link from an unusable template or an empty number', () => {
    expect(trackingUrl('javascript:alert({number})', '1')).toBeNull();
    expect(trackingUrl({ ...custom, urlTemplate: 'http://a.example/{number}' }, '1')).toBeNull();
    expect(trackingUrl(custom, '')).toBeNull();
  });
});

describe('resolveLanguage', () => {
  const languages = { map: { de: 'de_DE' }, fallback: 'en_US' };
  it.each([
    ['de', 'de_DE'],
    ['DE-ch', 'de_DE'],
    ['sv', 'en_US'],
    [undefined, 'en_US'],
  ])('%s -> %s with a carrier map', (lang, expected) => {
    expect(resolveLanguage(lang, languages)).toBe(expected);
  });
  it('uses the primary subtag without a map', () => {
    expect(resolveLanguage('ru-RU')).toBe('ru');
    expect(resolveLanguage(undefined)).toBe('en');
  });
});

describe('registry links compared with public sources (see registry.ts)', () => {
  const byId = (id: string) => CARRIERS.find((c) => c.id === id)!;
  it.each([
    ['australia-post', 'en', 'https://auspost.com.au/mypost/track/#/details/AB123'],
    ['evri', 'en', 'https://www.evri.com/track/parcel/AB123'],
    [
      'dhl-express',
      'de',
      'https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=AB123',
    ],
    ['packeta', 'de', 'https://tracking.packeta.com/en/?id=AB123'],
    ['dpd', 'de', 'https://tracking.dpd.de/status/de_DE/parcel/AB123'],
    ['postnord', 'sv', 'https://tracking.postnord.com/se/?id=AB123'],
    ['ups', 'de', 'https://www.ups.com/track?loc=de_DE&tracknum=AB123'],
  ])('%s (%s)', (id, lang, expected) => {
    expect(trackingUrl(byId(id), 'AB123', { lang })).toBe(expected);
  });
});
