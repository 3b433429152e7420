/**
 * Carrier detection: which carriers could a tracking number belong to, does its check digit
 * match, and where can it be tracked. Pure and synchronous; the registry is data in
 * `registry.ts`, the arithmetic in `check-digits.ts`.
 *
 * Ranking of candidates, best first:
 *   1. the carrier the seller picked before for this format key (unless its check digit fails)
 *   2. check digit published and matching
 *   3. format without a published check digit
 *   4. check digit failing (returned so the UI can ask "typo?")
 * then registry order. Each carrier appears at most once, with its best format.
 *
 * A format without a check digit proves nothing about the carrier (any 24 digits fit InPost's):
 * when the caller says which carriers the seller has used (`usedCarriers`), such a match is only
 * offered for one of those, never claimed for a carrier the seller has never shipped with.
 */
import { isIsoCountryCode } from './countries.ts';
import { parseTrackingInput } from './normalize.ts';
import { CARRIERS, S10_PATTERN } from './registry.ts';
import { isValidS10 } from './check-digits.ts';
import { DEFAULT_UNIVERSAL_TEMPLATE, trackingUrl } from './tracking-url.ts';
import type { Carrier, CarrierMatch, NumberFormat } from './types.ts';

export interface DetectOptions {
  /** Format key -> carrier id the seller picked before for numbers of that shape. */
  preferred?: Readonly<Record<string, string>>;
  /** App language, for carrier pages that take one. */
  lang?: string;
  /** Recipient postcode, for carrier pages that take one. */
  zip?: string;
  /** The seller's universal tracking template, for postal services not in the registry. */
  universalTemplate?: string;
  /** Carriers the seller has shipped with; absent: every carrier counts as used. */
  usedCarriers?: readonly string[];
}

/**
 * Ranked candidate carriers for a number as typed or scanned. Empty when nothing fits: the UI
 * then offers the universal link and the seller's own carriers.
 */
export function detectCarriers(input: string, options: DetectOptions = {}): CarrierMatch[] {
  const parsed = parseTrackingInput(input);
  const normalized = parsed.normalized;
  if (normalized === '') return [];
  const zip = options.zip ?? parsed.zip;
  const linkOptions = {
    ...(zip !== undefined && { zip }),
    ...(options.lang !== undefined && { lang: options.lang }),
  };

  const best = new Map<string, { match: CarrierMatch; tier: number; order: number }>();
  CARRIERS.forEach((carrier, order) => {
    for (const format of carrier.formats) {
      if (!format.pattern.test(normalized)) continue;
      if (format.check === null && options.usedCarriers && !options.usedCarriers.includes(carrier.id))
        continue;
      const match = toMatch(carrier, format, normalized, linkOptions);
      const tier = tierOf(match, options.preferred);
      const seen = best.get(carrier.id);
      if (seen === undefined || tier < seen.tier) best.set(carrier.id, { match, tier, order });
    }
  });

  if (best.size === 0) {
    const postal = unlistedPostalService(normalized, options.universalTemplate, linkOptions);
    if (postal) return [postal];
  }

  return Array.from(best.values())
    .sort((a, b) => a.tier - b.tier || a.order - b.order)
    .map((entry) => entry.match);
}

const PREFERRED_TIER = 0;
const VERIFIED_TIER = 1;
const UNVERIFIED_TIER = 2;
const INVALID_TIER = 3;

function tierOf(match: CarrierMatch, preferred: DetectOptions['preferred']): number {
  if (!match.valid) return INVALID_TIER;
  if (preferred?.[match.formatKey] === match.carrierId) return PREFERRED_TIER;
  return match.verified ? VERIFIED_TIER : UNVERIFIED_TIER;
}

/** Where sellers' picks are remembered: by length for bare digits, where carriers collide. */
function formatKeyOf(format: NumberFormat, normalized: string): string {
  return /^\d+$/.test(normalized) ? `digits-${normalized.length}` : format.id;
}

function toMatch(
  carrier: Carrier,
  format: NumberFormat,
  normalized: string,
  linkOptions: { zip?: string; lang?: string },
): CarrierMatch {
  const valid = format.check === null || format.check(normalized);
  const number = format.trackable ? format.trackable(normalized) : normalized;
  const match: CarrierMatch = {
    carrierId: carrier.id,
    carrierName: carrier.name,
    valid,
    verified: format.check !== null && valid,
    // Registry templates are tested to be valid, so the fallback never shows in practice.
    trackingUrl: trackingUrl(carrier, number, linkOptions) ?? '',
    formatKey: formatKeyOf(format, normalized),
    formatId: format.id,
    normalized: number,
  };
  if (format.id === 's10') match.countryCode = normalized.slice(-2);
  return match;
}

/**
 * An S10 number from a country whose post isn't in the registry: "postal service of XX", tracked
 * through the universal link.
 */
function unlistedPostalService(
  normalized: string,
  universalTemplate: string | undefined,
  linkOptions: { zip?: string; lang?: string },
): CarrierMatch | null {
  if (!S10_PATTERN.test(normalized)) return null;
  const country = normalized.slice(-2);
  if (!isIsoCountryCode(country)) return null;
  const valid = isValidS10(normalized);
  const url =
    trackingUrl(universalTemplate ?? DEFAULT_UNIVERSAL_TEMPLATE, normalized, linkOptions) ??
    trackingUrl(DEFAULT_UNIVERSAL_TEMPLATE, normalized, linkOptions) ??
    '';
  return {
    carrierId: `post-${country.toLowerCase()}`,
    carrierName: `Postal service (${country})`,
    valid,
    verified: valid,
    trackingUrl: url,
    formatKey: 's10',
    formatId: 's10',
    normalized,
    countryCode: country,
  };
}

export { CARRIERS, carrierById } from './registry.ts';
export {
  DEFAULT_UNIVERSAL_TEMPLATE,
  URL_TEMPLATE_ERRORS,
  trackingUrl,
  validateUrlTemplate,
  type TrackingUrlOptions,
  type UrlTemplateError,
} from './tracking-url.ts';
export {
  isPlausibleTrackingNumber,
  looksExcelDamaged,
  normalizeTrackingNumber,
  parseTrackingInput,
  type ParsedTrackingInput,
} from './normalize.ts';
export type { Carrier, CarrierMatch, CustomCarrier, LanguageParam, NumberFormat } from './types.ts';
export type { CheckDigitFn } from './check-digits.ts';
export { anyCarrierById, carrierNameOf } from './seller.ts';
