/**
 * The network, as the sync code sees it: a function type, injected. The browser passes
 * `globalThis.fetch` (it fits), tests pass the server app's `fetch` or a fake that drops,
 * duplicates or delays. Nothing in `src/sync` calls the global `fetch` itself.
 */
export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface FetchResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  json(): Promise<unknown>;
}

export type Fetcher = (url: string, init: FetchInit) => Promise<FetchResponse>;
