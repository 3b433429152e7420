/**
 * Tracking links from URL templates, for registry carriers, seller-defined carriers and the
 * universal fallback. The only placeholders are `{number}`, `{zip}` and `{lang}`; every value is
 * URL-encoded; a template that is not `https://` with a literal host never produces a link, so no
 * `javascript:` or `data:` URL can come out of seller data.
 */
import type { Carrier, CustomCarrier, LanguageParam } from './types.ts';

/** Used when no carrier fits; the seller may replace it in settings. */
export const DEFAULT_UNIVERSAL_TEMPLATE = 'https://t.17track.net/en#nums={number}';

export const URL_TEMPLATE_ERRORS = [
  'empty',
  'invalid-characters',
  'not-https',
  'invalid-host',
  'unknown-placeholder',
  'missing-number',
] as const;
export type UrlTemplateError = (typeof URL_TEMPLATE_ERRORS)[number];

const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN_PLACEHOLDERS: ReadonlySet<string> = new Set(['number', 'zip', 'lang']);
/** A literal host name (no user info, no placeholder), optional port. */
const HOST =
  /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::\d{1,5})?$/;

/** Why a template can't be used, or null when it can. */
export function validateUrlTemplate(template: string): UrlTemplateError | null {
  if (template.trim() === '') return 'empty';
  // Whitespace and control characters: a pasted template with a line break is a mistake, and
  // some browsers strip them in ways that change the scheme.
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(template)) return 'invalid-characters';
  if (!/^https:\/\//i.test(template)) return 'not-https';
  const rest = template.slice('https://'.length);
  const hostEnd = rest.search(/[/?#]/);
  const host = hostEnd === -1 ? rest : rest.slice(0, hostEnd);
  if (!HOST.test(host)) return 'invalid-host';
  const names = Array.from(template.matchAll(PLACEHOLDER), (m) => m[1] ?? '');
  if (names.some((name) => !KNOWN_PLACEHOLDERS.has(name))) return 'unknown-placeholder';
  // A lone brace is a half-typed placeholder.
  if (template.replace(PLACEHOLDER, '').search(/[{}]/) !== -1) return 'unknown-placeholder';
  if (!names.includes('number')) return 'missing-number';
  return null;
}

/** The value for `{lang}`: the carrier's own code for the app language, or its fallback. */
export function resolveLanguage(lang: string | undefined, languages?: LanguageParam): string {
  const primary = (lang ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  if (languages) return languages.map[primary] ?? languages.fallback;
  return primary === '' ? 'en' : primary;
}

export interface TrackingUrlOptions {
  /** Recipient postcode, for carriers whose page wants it. */
  zip?: string;
  /** App language (`de`, `sv-SE`). */
  lang?: string;
}

/**
 * The tracking link for a number, or null when the template is unusable (see
 * `validateUrlTemplate`) or the number is empty. Accepts a registry carrier, a seller-defined
 * carrier or a bare template (the universal fallback). A missing `{zip}` becomes empty.
 */
export function trackingUrl(
  carrierOrTemplate: Carrier | CustomCarrier | string,
  number: string,
  options: TrackingUrlOptions = {},
): string | null {
  const template = typeof carrierOrTemplate === 'string' ? carrierOrTemplate : carrierOrTemplate.urlTemplate;
  const languages =
    typeof carrierOrTemplate === 'object' && 'languages' in carrierOrTemplate
      ? carrierOrTemplate.languages
      : undefined;
  if (number === '' || validateUrlTemplate(template) !== null) return null;
  const values: Record<string, string> = {
    number,
    zip: options.zip ?? '',
    lang: resolveLanguage(options.lang, languages),
  };
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : encodeURIComponent(value);
  });
}
