/**
 * The shapes of the carrier registry and of detection results. Plain data: a carrier is an object
 * literal that `satisfies Carrier`, and a seller-defined carrier is a `CustomCarrier` kept in
 * settings.
 */
import type { CheckDigitFn } from './check-digits.ts';

/** One way a carrier writes its numbers. */
export interface NumberFormat {
  /** Stable id within the carrier (`fedex-express-12`); S10 formats are all `s10`. */
  readonly id: string;
  /** Shown to the seller when several carriers fit (`FedEx Express, 12 digits`). */
  readonly label: string;
  /** Anchored pattern over the normalized number (upper-case, no separators). */
  readonly pattern: RegExp;
  /**
   * The carrier's published check-digit rule over the whole normalized number, or `null` when none
   * is published: such formats can't catch typos and rank below the ones that verify.
   */
  readonly check: CheckDigitFn | null;
  /** The part carrier websites accept, when the printed barcode carries more (DPD's 28 digits). */
  readonly trackable?: (normalized: string) => string;
}

/** How a carrier's `{lang}` placeholder is filled from the app language (`de`, `sv-SE`, ...). */
export interface LanguageParam {
  /** Primary language subtag -> the carrier's value (`de` -> `de_DE`). */
  readonly map: Readonly<Record<string, string>>;
  /** For any language the carrier's site doesn't offer. */
  readonly fallback: string;
}

export interface Carrier {
  /** Registry id, stored on parcels (`dhl-paket`). */
  readonly id: string;
  readonly name: string;
  /** ISO 3166-1 alpha-2 codes of the countries it mainly serves. */
  readonly countries: readonly string[];
  readonly formats: readonly NumberFormat[];
  /** https only; `{number}` required, `{zip}` and `{lang}` optional. */
  readonly urlTemplate: string;
  readonly languages?: LanguageParam;
}

/** A carrier the seller added by hand: a name and a link, no number formats. */
export interface CustomCarrier {
  readonly id: string;
  readonly name: string;
  readonly urlTemplate: string;
}

/** One candidate for a typed or scanned number. */
export interface CarrierMatch {
  /** Registry id, or `post-xx` for the postal service of an S10 country not in the registry. */
  carrierId: string;
  carrierName: string;
  /** False when the number fits the format but its check digit doesn't match (a typo?). */
  valid: boolean;
  /** True when a published check digit exists and matched. */
  verified: boolean;
  trackingUrl: string;
  /**
   * The key a seller's pick is remembered under: `digits-<length>` for all-digit numbers (where
   * carriers collide), otherwise the format id (`s10`, `ups-1z`).
   */
  formatKey: string;
  /** The carrier's own format id. */
  formatId: string;
  /** The number to store and to put in links. */
  normalized: string;
  /** Issuing country of an S10 number. */
  countryCode?: string;
}
