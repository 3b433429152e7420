// @vitest-environment happy-dom
/**
 * The shell as it is first painted: before the language's catalog and the data half have arrived,
 * every word on screen (text and labels) is one of the first words, in the seller's language.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogFor, type Catalog } from '../core/i18n/index.ts';
import { firstWordsOf, type FirstWords } from '../core/i18n/first-words.ts';
import { LOCALES } from '../core/i18n/locales.ts';
import type { PrefsStorage } from '../platform/prefs-storage.ts';
import { ShellState } from '../state/shell.svelte.ts';
import { UiPrefsState } from '../state/ui-prefs.svelte.ts';
import App from './App.svelte';

afterEach(() => cleanup());

const FIRST_WORDS = Object.fromEntries(
  LOCALES.map((locale) => [locale, firstWordsOf(catalogFor(locale))]),
) as FirstWords;
const KEYS = Object.keys(catalogFor('en'));

function storage(values: Record<string, string>): PrefsStorage {
  return { read: (key) => values[key] ?? null, write: (key, value) => void (values[key] = value) };
}

/** The shell with a catalog that never arrives and no data half. */
function paintShell(stored: Record<string, string>) {
  const shell = new ShellState({
    preferredLanguages: ['de-DE'],
    catalogs: () => new Promise<Catalog>(() => undefined),
    firstWords: FIRST_WORDS,
    storage: storage(stored),
    installedBefore: true,
  });
  render(App, { props: { shell, prefs: new UiPrefsState(storage({})) } });
}

/** Everything the page says: its text and the values of its attributes. */
function everythingSaid(): string {
  const attributes = [...document.body.querySelectorAll('*')].flatMap((el) =>
    [...el.attributes].map((a) => a.value),
  );
  return [document.body.textContent ?? '', ...attributes].join('\n');
}

const de = catalogFor('de');
const cases: [string, Record<string, string>, string][] = [
  [
    'a device without orders',
    { 'trackpack.shell.ordersOnDevice': 'none' },
    de['orders.empty.title'] as string,
  ],
  ['a device with orders', { 'trackpack.shell.ordersOnDevice': 'some' }, de['orders.loading'] as string],
];

describe('App before the catalog and the data half', () => {
  it.each(cases)('%s: the first screen in German, and no message key anywhere', (_name, stored, shown) => {
    paintShell(stored);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(de['orders.title']);
    expect(screen.getByText(shown)).toBeTruthy();
    expect(screen.getByRole('navigation', { name: de['nav.main'] as string })).toBeTruthy();
    expect(screen.getByRole('main').getAttribute('aria-busy')).toBe('true');
    const said = everythingSaid();
    expect(KEYS.filter((key) => said.includes(key))).toEqual([]);
  });
});
