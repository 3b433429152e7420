import { describe, expect, it } from 'vitest';
import { compactForSearch, normalizeForSearch, searchVariants } from './normalize.ts';

describe('normalizeForSearch', () => {
  it.each([
    ['Jürgen Groß', 'jurgen gross'],
    ['  JÜRGEN   GROSS-Groß ', 'jurgen gross gross'],
    ['Åsa Ängström Öberg', 'asa angstrom oberg'],
    ['Łukasz Wałęsa, Kraków', 'lukasz walesa krakow'],
    ['Søren Kærgård', 'soren kaergard'],
    ['Işıl Çelik, İzmir', 'isil celik izmir'],
    ['François Lefèvre', 'francois lefevre'],
    ['Œuvre', 'oeuvre'],
    ['Фёдор Пётр', 'федор петр'],
    ['Андрей Йошкар-Ола', 'андрей йошкар ола'],
    ['ＡＢＣ１２３', 'abc123'],
    ['Ju\u0308rgen', 'jurgen'],
    ['#1042', '1042'],
    ['', ''],
  ])('%s -> %s', (text, normal) => {
    expect(normalizeForSearch(text)).toBe(normal);
  });

  it('keeps й distinct from и', () => {
    expect(normalizeForSearch('Мой')).not.toBe(normalizeForSearch('Мои'));
  });
});

describe('searchVariants', () => {
  it.each([
    ['Jürgen Groß', ['jurgen gross', 'juergen gross']],
    ['Müller', ['muller', 'mueller']],
    ['Søren', ['soren', 'soeren']],
    ['Åsa', ['asa', 'aasa']],
    ['Juergen', ['juergen']],
    ['Groß', ['gross']],
    ['Фёдор', ['федор']],
  ])('%s -> %j', (text, variants) => {
    expect(searchVariants(text)).toEqual(variants);
  });
});

describe('compactForSearch', () => {
  it.each([
    ['114-3941689-8772232', '11439416898772232'],
    ['JJD 0001 2345', 'jjd00012345'],
    ['00340434 1612 3456 7890', '00340434161234567890'],
    ['#1042', '1042'],
  ])('%s -> %s', (text, compact) => {
    expect(compactForSearch(text)).toBe(compact);
  });
});
