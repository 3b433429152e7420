import { describe, expect, it } from 'vitest';
import { countryKey, isKnownCountry, normalizeCountry } from './country.ts';

describe('normalizeCountry', () => {
  it.each([
    // What sellers write, in the app's four languages.
    ['USA', 'US'],
    ['U.S.A.', 'US'],
    ['United States of America', 'US'],
    ['Vereinigte Staaten', 'US'],
    ['США', 'US'],
    ['UK', 'GB'],
    ['Great Britain', 'GB'],
    ['Großbritannien', 'GB'],
    ['Grossbritannien', 'GB'],
    ['England', 'GB'],
    ['Storbritannien', 'GB'],
    ['Великобритания', 'GB'],
    ['Deutschland', 'DE'],
    ['Germany', 'DE'],
    ['Tyskland', 'DE'],
    ['Германия', 'DE'],
    ['BRD', 'DE'],
    ['Россия', 'RU'],
    ['Российская Федерация', 'RU'],
    ['РФ', 'RU'],
    ['Sverige', 'SE'],
    ['Schweden', 'SE'],
    ['Швеция', 'SE'],
    ['Österreich', 'AT'],
    ['Osterreich', 'AT'],
    ['Oesterreich', 'AT'],
    ['Schweiz', 'CH'],
    ['Suisse', 'CH'],
    ['Holland', 'NL'],
    ['Niederlande', 'NL'],
    ['España', 'ES'],
    ['Espana', 'ES'],
    ['Türkei', 'TR'],
    ['Turkiye', 'TR'],
    ['Белоруссия', 'BY'],
    ['Беларусь', 'BY'],
    ['Kasachstan', 'KZ'],
    // Countries beyond the ones sellers ship to most are known too.
    ['Chile', 'CL'],
    ['Marokko', 'MA'],
    ['Новая Зеландия', 'NZ'],
    ['Sydkorea', 'KR'],
    // Codes, any case, alpha-2 and alpha-3.
    ['de', 'DE'],
    ['  fr ', 'FR'],
    ['DEU', 'DE'],
    ['swe', 'SE'],
    ['CHL', 'CL'],
    // Spacing and the two spellings of ё.
    ['  united   kingdom ', 'GB'],
    ['Соединённые Штаты Америки', 'US'],
    ['Соединенные Штаты Америки', 'US'],
    // Unknown: two letters are taken as a code, other text stays as written.
    ['XX', 'XX'],
    ['Atlantis', 'Atlantis'],
    ['', ''],
  ])('%j -> %j', (text, code) => {
    expect(normalizeCountry(text)).toBe(code);
  });
});

describe('isKnownCountry', () => {
  it.each([
    ['Deutschland', true],
    ['SE', true],
    ['usa', true],
    ['Chile', true],
    ['XX', false],
    ['Atlantis', false],
    ['Berlin', false],
    ['12345', false],
    ['', false],
  ])('%j: %s', (text, known) => {
    expect(isKnownCountry(text)).toBe(known);
  });
});

describe('countryKey', () => {
  it.each([
    ['  Österreich ', 'osterreich'],
    ['U.S.A.', 'usa'],
    ['Großbritannien', 'grossbritannien'],
    ['Соединённые  Штаты', 'соединенные штаты'],
  ])('%j -> %j', (text, key) => {
    expect(countryKey(text)).toBe(key);
  });
});
