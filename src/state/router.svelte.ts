/**
 * Client-side routes in the URL path, so that the back button, a reload and a shared link keep
 * the seller where they were. The service worker answers every path with the app shell offline.
 */
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

  readonly route: Route = $derived(routeOf(this.#pathname));
  /** The query string of the current URL, without `?`. */
  readonly search: string = $derived(this.#search.replace(/^\?/, ''));

  constructor() {
    window.addEventListener('popstate', () => this.#sync());
  }

  href(route: Route): string {
    return PATHS[route];
  }

  navigate(route: Route, query?: Record<string, string>): void {
    const search = query ? `?${toQueryString(query)}` : '';
    window.history.pushState(null, '', PATHS[route] + search);
    this.#sync();
  }

  /** Updates the query of the current route without a new history entry (filters as you type). */
  replaceQuery(query: Record<string, string>): void {
    const search = toQueryString(query);
    window.history.replaceState(null, '', this.#pathname + (search ? `?${search}` : ''));
    this.#sync();
  }

  /**
   * Updates the query of the current route with a new history entry, so that Back returns to the
   * previous one (a status link clicked, an order opened). Nothing happens when it is unchanged.
   */
  pushQuery(query: Record<string, string>): void {
    const search = toQueryString(query);
    if (search === this.search) return;
    window.history.pushState(null, '', this.#pathname + (search ? `?${search}` : ''));
    this.#sync();
  }

  /** The link to the current route with another query (for links that also work opened in a new tab). */
  hrefWithQuery(query: Record<string, string>): string {
    const search = toQueryString(query);
    return this.#pathname + (search ? `?${search}` : '');
  }

  #sync(): void {
    this.#pathname = window.location.pathname;
    this.#search = window.location.search;
  }
}
