// @vitest-environment happy-dom
/**
 * LazyScreen: the component arrives by a dynamic import; until then nothing but a busy marker,
 * then the component with its props, or a message when its chunk cannot be had.
 */
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { translate, type MessageKey, type Params } from '../../core/i18n/index.ts';
import LazyScreen from './LazyScreen.svelte';

const t = (key: MessageKey, params?: Params) => translate('en', key, params);
const update = {
  ready: false,
  offlineReady: true,
  staleChunk: false,
  apply: () => undefined,
  dismiss: () => undefined,
};

afterEach(() => cleanup());

describe('LazyScreen', () => {
  it('shows the loaded component with its props', async () => {
    let loads = 0;
    const load = () => {
      loads++;
      return import('./UpdateBanner.svelte');
    };
    const { container } = render(LazyScreen, { props: { load, props: { update, t }, t } });
    expect(container.querySelector('[aria-busy="true"]')).not.toBeNull();
    // A dynamic import of a component compiles it first: on a busy machine that takes a while.
    const banner = await screen.findByRole('status', {}, { timeout: 20_000 });
    expect(banner.textContent).toContain('Trackpack is ready to work offline.');
    expect(container.querySelector('[aria-busy="true"]')).toBeNull();
    expect(loads).toBe(1);
  });

  it('says so when the chunk cannot be loaded', async () => {
    const load = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    render(LazyScreen, { props: { load, props: {}, t } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('This screen could not be loaded. Reload the page to try again.');
  });
});
