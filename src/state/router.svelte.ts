/**
 * Client-side routes in the URL path, so that the back button, a reload and a shared link keep
 * the seller where they were. The service worker answers every path with the app shell offline.
 */
import { whenIdleAfterPaint } from '../platform/scheduling.ts';

export const ROUTES = ['orders', 'import', 'settings', 'packing', 'tracking', 'notify'] as const;
export type Route = (typeof ROUTES)[number];

const PATHS: Record<Route, string> = {
  orders: '/',
  import: '/import',
  settings: '/settings',
  packing: '/packing',
  tracking: '/tracking',
  notify: '/notify',
};

/**
 * Typing writes the URL once it pauses this long, in milliseconds: a history write costs 10-40 ms
 * at 4x CPU throttling, and paying it after every keystroke delayed the next one.
 */
export const TYPING_URL_PAUSE_MS = 300;
/**
 * A click's new history entry is written when the main thread is next idle after the frame that
 * shows it, or this many milliseconds after that frame at the latest: well before anyone can
 * press Back.
 */
export const ENTRY_WRITE_LIMIT_MS = 100;

function routeOf(pathname: string): Route {
  const match = ROUTES.find(
    (r) => PATHS[r] === pathname.replace(/\/+$/, '') || (r === 'orders' && pathname === '/'),
  );
  return match ?? 'orders';
}

function toQueryString(query: Record<string, string>): string {
  return Object.entries(query)
    .filter(([, value]) => value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
}

export class Router {
  #pathname = $state(window.location.pathname);
  #search = $state(window.location.search);
  /** A URL shown but not yet written to the history: into the current entry, or a new one. */
  #pending: { url: string; push: boolean } | null = null;
  #cancelPending: (() => void) | undefined;

  readonly route: Route = $derived(routeOf(this.#pathname));
  /** The query string of the current URL, without `?`. */
  readonly search: string = $derived(this.#search.replace(/^\?/, ''));

  constructor() {
    // Leaving the page (a reload, a closed tab) writes what is pending first.
    window.addEventListener('pagehide', () => this.#flushPending());
    window.addEventListener('popstate', () => {
      // Back or Forward went to another entry: a write meant for the one left is dropped.
      this.#dropPending();
      this.#sync();
    });
  }

  href(route: Route): string {
    return PATHS[route];
  }

  navigate(route: Route, query?: Record<string, string>): void {
    const search = query ? `?${toQueryString(query)}` : '';
    this.#flushPending();
    window.history.pushState(null, '', PATHS[route] + search);
    this.#sync();
  }

  /**
   * Updates the query of the current route without a new history entry (filters as you type).
   * The screen follows at once; the history once typing pauses (`TYPING_URL_PAUSE_MS`), or before
   * the next navigation or new entry if that comes first.
   */
  replaceQuery(query: Record<string, string>): void {
    // Into the entry a pending push is about to make, if there is one.
    this.#show(toQueryString(query), this.#pending?.push === true);
  }

  /**
   * Updates the query of the current route with a new history entry, so that Back returns to the
   * previous one (a status link clicked, an order opened). Nothing happens when it is unchanged.
   * Written to the history once the main thread is idle after the next frame (`ENTRY_WRITE_LIMIT_MS`).
   */
  pushQuery(query: Record<string, string>): void {
    const search = toQueryString(query);
    if (search === this.search) return;
    this.#flushPending();
    this.#show(search, true);
  }

  /** The link to the current route with another query (for links that also work opened in a new tab). */
  hrefWithQuery(query: Record<string, string>): string {
    const search = toQueryString(query);
    return this.#pathname + (search ? `?${search}` : '');
  }

  #show(search: string, push: boolean): void {
    this.#search = search ? `?${search}` : '';
    this.#pending = { url: this.#pathname + this.#search, push };
    this.#cancelPending?.();
    // `history.replaceState` / `pushState` cost 10-40 ms per call at 4x CPU throttling: the list
    // follows a keystroke or click first. A new entry is made once the thread is idle after the
    // frame (Back must find it); typing is written once it pauses, so keystrokes in a row write once.
    if (push) {
      this.#cancelPending = whenIdleAfterPaint(() => this.#flushPending(), ENTRY_WRITE_LIMIT_MS);
    } else {
      const timer = setTimeout(() => this.#flushPending(), TYPING_URL_PAUSE_MS);
      this.#cancelPending = () => clearTimeout(timer);
    }
  }

  #flushPending(): void {
    const pending = this.#pending;
    this.#dropPending();
    if (pending === null) return;
    if (pending.push) window.history.pushState(null, '', pending.url);
    else window.history.replaceState(null, '', pending.url);
  }

  #dropPending(): void {
    this.#cancelPending?.();
    this.#cancelPending = undefined;
    this.#pending = null;
  }

  #sync(): void {
    this.#pathname = window.location.pathname;
    this.#search = window.location.search;
  }
}
