/**
 * The one platform facility the core relies on: Web Crypto's random source, which browsers,
 * workers and Node (>= 19, `globalThis.crypto`) all provide. Declared narrowly so that the rest
 * of the DOM stays out of reach of `src/core`.
 */
declare const crypto: {
  getRandomValues<T extends Uint8Array>(array: T): T;
};
