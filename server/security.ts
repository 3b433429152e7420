/**
 * Security headers for every response. The CSP allows no inline script and no third-party
 * origin: the app is entirely our own files. `wasm-unsafe-eval` lets the barcode scanner's
 * WebAssembly compile (it is served from our origin too).
 */
import type { MiddlewareHandler } from 'hono';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    // The buyer's tracking page has its token in the URL: it must never leave in a Referer.
    c.header(
      'Referrer-Policy',
      c.req.path.startsWith('/t/') ? 'no-referrer' : 'strict-origin-when-cross-origin',
    );
    c.header('X-Frame-Options', 'DENY');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Permissions-Policy', 'camera=(self), microphone=(), geolocation=()');
  };
}

/**
 * Refuses a request whose `Host` is not one of `hosts` (421 Misdirected Request). Used when
 * PUBLIC_URL is unset: links in buyers' messages are then built from the request's own origin,
 * and an attacker's `Host` must not choose where they point.
 */
export function allowedHostsOnly(hosts: readonly string[]): MiddlewareHandler {
  const allowed = new Set(hosts.map((h) => h.toLowerCase()));
  return async (c, next) => {
    let hostname: string;
    try {
      hostname = new URL(c.req.url).hostname.toLowerCase();
    } catch {
      hostname = '';
    }
    if (!allowed.has(hostname)) {
      return c.text('This server does not answer to this host name (see ALLOWED_HOSTS).', 421);
    }
    await next();
  };
}
