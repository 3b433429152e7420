/**
 * The generic column guess for order files: which column feeds which order field, from what the
 * headers mean (see `header-words.ts`), confirmed or overruled by the values of the first rows.
 *
 *   headers --headerMeaning--> concepts --FIELD_RULES--> score per (field, column)
 *   sample rows ----------------------------------------> values confirm / overrule / decide
 *   scores --best first, one column per field--> mapping + the fields to confirm
 *
 * Context words decide between twins: an address column under a shipping/delivery prefix beats
 * the billing one; a name or e-mail of the buyer beats one of the seller (which never counts).
 * A column whose values are e-mail addresses is the e-mail whatever its header says; for a column
 * whose header means nothing (`Column 7`), phone-like values, dates, postcodes that fit the row's
 * country and country names decide, but only as a guess the seller confirms. Pure: no DOM, no I/O.
 */
import { ZIP_FORMATS } from '../address/check-address.ts';
import { isKnownCountry, normalizeCountry } from './country.ts';
import { parseDate } from './dates.ts';
import { ORDER_FIELD_KEYS, type OrderField } from './fields.ts';
import { headerMeaning, type Concept, type HeaderMeaning } from './header-words.ts';
import { normalizeHeader, type ColumnMapping, type HeaderCandidates } from './mapping.ts';

/** A guess at or above this is taken without asking (when no other column comes close). */
export const SURE_SCORE = 0.7;
/** Below this a column is not a candidate at all. */
export const MIN_SCORE = 0.35;
/** Two columns this close for one field are a tie: the seller is asked. */
export const TIE_MARGIN = 0.05;
/** Rows of the file the values are judged on. */
export const GUESS_SAMPLE_ROWS = 50;
/** Share of a column's values that must look the part for the values to decide. */
const VALUES_DECIDE = 0.8;
/** Share below which the values overrule a header (given at least `MIN_VALUES_TO_OVERRULE`). */
const VALUES_OVERRULE = 0.2;
const MIN_VALUES_TO_OVERRULE = 3;
/** A column of e-mail addresses scores this for the e-mail; its other fields' scores are cut. */
const EMAIL_VALUES_SCORE = 0.95;
const EMAIL_VALUES_OTHER_FACTOR = 0.2;
/** Scores of value-only suggestions under a header that means nothing: below SURE, so asked. */
const VALUES_SUGGEST_SCORE = 0.6;
const ZIP_VALUES_SUGGEST_SCORE = 0.5;
/** A header whose values contradict it keeps this much of its score. */
const OVERRULED_FACTOR = 0.3;
/** Postcodes that do not fit their rows' countries: weaker evidence (formats are partial). */
const ZIP_MISFIT_FACTOR = 0.5;
/** Each concept a header has beyond what the field allows multiplies its score by this. */
const EXTRA_CONCEPT_FACTOR = 0.4;
const UNKNOWN_WORD_FACTOR = 0.9;
/** A column without a single value in the sample rows is worth this much of its header score. */
const EMPTY_COLUMN_FACTOR = 0.6;
/** A header listed for the field word for word (the generic preset's names) scores this. */
const EXACT_SCORE = 1.05;
/** Address fields: a shipping/delivery prefix adds, a billing prefix takes away. */
const SHIP_BONUS = 0.1;
const BILL_PENALTY = 0.35;
/**
 * Buyer fields: each address-side word takes this much, a buyer word adds a little, so "E-Mail"
 * or "Customer e-mail" wins over "Billing e-mail" without a tie, and billing over shipping is a tie.
 */
const PERSON_CONTEXT_PENALTY = 0.06;
const PERSON_BUYER_BONUS = 0.02;

interface Alternative {
  all: readonly Concept[];
  score: number;
  /** The header must carry this number ("Address 2"). */
  digit?: number;
}

interface FieldRule {
  needs: readonly Alternative[];
  /** Concepts the header may have besides the matched alternative, at no cost. */
  allow: readonly Concept[];
  /** An address part: shipping context preferred over billing. */
  address?: true;
  /** Said of the buyer: a bare or buyer's column is preferred over one under an address prefix. */
  person?: true;
  /** Numbers other than these in the header rule the column out ("Address 2" is no line1). */
  digits?: readonly number[];
}

const PARTY: readonly Concept[] = ['buyer', 'bill', 'ship', 'recipient', 'contact', 'order', 'address'];
const PLACE: readonly Concept[] = ['ship', 'bill', 'address', 'recipient'];

/** What each order field's header says, in concepts. */
export const FIELD_RULES: Readonly<Record<OrderField, FieldRule>> = {
  orderId: {
    needs: [
      { all: ['order', 'number'], score: 1 },
      { all: ['order', 'code'], score: 0.9 },
      { all: ['order'], score: 0.75 },
    ],
    allow: [],
  },
  orderedAt: {
    needs: [
      { all: ['order', 'date'], score: 1 },
      { all: ['created', 'date'], score: 1 },
      { all: ['created'], score: 0.8 },
      { all: ['date'], score: 0.85 },
    ],
    allow: ['order', 'created'],
  },
  buyerName: {
    person: true,
    needs: [
      { all: ['buyer', 'name'], score: 1 },
      { all: ['full', 'name'], score: 0.95 },
      { all: ['first', 'last', 'name'], score: 0.95 },
      { all: ['name'], score: 0.8 },
      { all: ['buyer'], score: 0.75 },
    ],
    allow: ['buyer', 'full', 'bill', 'order'],
  },
  buyerFirstName: {
    person: true,
    needs: [
      { all: ['first', 'name'], score: 1 },
      { all: ['first'], score: 0.7 },
    ],
    allow: ['buyer', 'bill', 'order', 'address'],
  },
  buyerLastName: {
    person: true,
    needs: [
      { all: ['last', 'name'], score: 1 },
      { all: ['last'], score: 0.7 },
    ],
    allow: ['buyer', 'bill', 'order', 'address'],
  },
  email: { needs: [{ all: ['email'], score: 1 }], allow: PARTY, person: true },
  phone: { needs: [{ all: ['phone'], score: 1 }], allow: [...PARTY, 'number'], person: true },
  recipientName: {
    needs: [
      { all: ['recipient', 'name'], score: 1 },
      { all: ['ship', 'name'], score: 1 },
      { all: ['recipient'], score: 0.9 },
    ],
    allow: ['ship', 'recipient', 'full', 'address'],
  },
  recipientFirstName: {
    needs: [
      { all: ['ship', 'first'], score: 1 },
      { all: ['recipient', 'first'], score: 1 },
    ],
    allow: ['ship', 'recipient', 'name', 'address'],
  },
  recipientLastName: {
    needs: [
      { all: ['ship', 'last'], score: 1 },
      { all: ['recipient', 'last'], score: 1 },
    ],
    allow: ['ship', 'recipient', 'name', 'address'],
  },
  line1: {
    needs: [
      { all: ['street'], score: 1 },
      { all: ['address', 'line'], score: 0.9, digit: 1 },
      { all: ['address'], score: 0.85 },
    ],
    allow: [...PLACE, 'line', 'house', 'number', 'street'],
    address: true,
    digits: [1],
  },
  houseNumber: {
    needs: [
      { all: ['house', 'number'], score: 1 },
      { all: ['house'], score: 0.7 },
    ],
    allow: PLACE,
    address: true,
  },
  line2: {
    needs: [
      { all: ['address'], score: 1, digit: 2 },
      { all: ['street'], score: 1, digit: 2 },
      { all: ['line'], score: 0.9, digit: 2 },
      { all: ['addition'], score: 0.9 },
    ],
    allow: [...PLACE, 'line', 'street', 'addition'],
    address: true,
    // Shopware's "additionalAddressLine1" is the first line after the street.
    digits: [1, 2],
  },
  line3: {
    needs: [
      { all: ['address'], score: 1, digit: 3 },
      { all: ['street'], score: 1, digit: 3 },
      { all: ['line'], score: 0.9, digit: 3 },
    ],
    allow: [...PLACE, 'line', 'street'],
    address: true,
    digits: [3],
  },
  zip: { needs: [{ all: ['zip'], score: 1 }], allow: [...PLACE, 'code', 'number'], address: true },
  city: { needs: [{ all: ['city'], score: 1 }], allow: PLACE, address: true },
  region: { needs: [{ all: ['region'], score: 1 }], allow: [...PLACE, 'code'], address: true },
  country: { needs: [{ all: ['country'], score: 1 }], allow: [...PLACE, 'code'], address: true },
  sku: {
    needs: [
      { all: ['sku'], score: 1 },
      { all: ['item', 'number'], score: 0.85 },
      { all: ['item', 'code'], score: 0.85 },
    ],
    allow: ['item', 'number', 'code', 'line'],
  },
  title: {
    needs: [
      { all: ['item', 'name'], score: 1 },
      { all: ['item', 'title'], score: 1 },
      { all: ['title'], score: 0.9 },
      { all: ['item'], score: 0.75 },
    ],
    allow: ['item', 'line', 'order'],
  },
  quantity: { needs: [{ all: ['quantity'], score: 1 }], allow: ['item', 'order', 'line'] },
};

/** How well `meaning` fits `field` by its words alone, 0 when not at all. */
export function headerScore(meaning: HeaderMeaning, field: OrderField): number {
  const { concepts, digits } = meaning;
  if (concepts.has('noise')) return 0;
  const rule = FIELD_RULES[field];
  // The seller's own name, e-mail or phone is never the buyer's.
  if (rule.person && concepts.has('seller')) return 0;
  let best: Alternative | undefined;
  for (const alt of rule.needs) {
    if (!alt.all.every((c) => concepts.has(c))) continue;
    if (alt.digit !== undefined && !digits.includes(alt.digit)) continue;
    if (!best || alt.score > best.score) best = alt;
  }
  if (!best) return 0;
  if (rule.digits && digits.some((d) => !rule.digits?.includes(d))) return 0;
  let score = best.score;
  for (const concept of concepts) {
    if (!best.all.includes(concept) && !rule.allow.includes(concept)) score *= EXTRA_CONCEPT_FACTOR;
  }
  score *= UNKNOWN_WORD_FACTOR ** meaning.unknown;
  if (rule.address) {
    if (concepts.has('ship')) score += SHIP_BONUS;
    if (concepts.has('bill')) score -= BILL_PENALTY;
  }
  if (rule.person) {
    for (const c of ['bill', 'ship', 'address', 'recipient'] as const) {
      if (concepts.has(c)) score -= PERSON_CONTEXT_PENALTY;
    }
    if (concepts.has('buyer')) score += PERSON_BUYER_BONUS;
  }
  return Math.max(0, score);
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>.]{2,}$/;
const PHONE = /^\+?[\d\s()./-]+$/;

function isPhone(value: string): boolean {
  if (!PHONE.test(value)) return false;
  const digits = value.replace(/\D/g, '').length;
  return digits >= 7 && digits <= 15 && !isDate(value);
}

function isDate(value: string): boolean {
  if (!/[./\-\sT]/.test(value)) return false;
  return (
    parseDate(value, 'YMD') !== null || parseDate(value, 'DMY') !== null || parseDate(value, 'MDY') !== null
  );
}

function fitsPostcode(value: string, country: string | undefined): boolean {
  const zip = value.trim().toUpperCase();
  const format = country ? ZIP_FORMATS[country] : undefined;
  if (format) return format.pattern.test(zip);
  return Object.values(ZIP_FORMATS).some((f) => f.pattern.test(zip));
}

function share(values: readonly string[], test: (value: string) => boolean): number {
  if (values.length === 0) return 0;
  let hits = 0;
  for (const v of values) if (test(v)) hits++;
  return hits / values.length;
}

export interface ColumnGuess {
  mapping: ColumnMapping<OrderField>;
  /** Unused columns to offer for fields without one (see `hintColumns`). */
  hints?: Partial<Record<OrderField, string>>;
  /** Fields whose column the seller should confirm: a tie, a low score, or values alone. */
  unsure: OrderField[];
}

/**
 * Guess the order fields' columns.
 * @param sample the first data rows, cells as in the file
 * @param exact header names that mean a field word for word (the generic preset's lists)
 */
export function guessOrderColumns(
  headers: readonly string[],
  sample: readonly (readonly string[])[],
  exact: HeaderCandidates<OrderField> = {},
): ColumnGuess {
  const meanings = headers.map(headerMeaning);
  const normalised = headers.map(normalizeHeader);
  const fields = ORDER_FIELD_KEYS;
  const scores = new Map<OrderField, number[]>();
  for (const field of fields) {
    const names = new Set((exact[field] ?? []).map(normalizeHeader));
    scores.set(
      field,
      meanings.map((m, i) => (names.has(normalised[i] as string) ? EXACT_SCORE : headerScore(m, field))),
    );
  }
  const at = (field: OrderField): number[] => scores.get(field) as number[];
  const headerClaimed = headers.map((_, i) => fields.some((f) => (at(f)[i] ?? 0) >= MIN_SCORE));

  // Values, column by column.
  const values = headers.map((_, i) =>
    sample.map((row) => (row[i] ?? '').trim()).filter((v) => LETTER_OR_DIGIT.test(v)),
  );
  const countryColumn = bestColumn(at('country'));
  const rowCountry = (r: number): string | undefined => {
    if (countryColumn < 0) return undefined;
    const text = (sample[r]?.[countryColumn] ?? '').trim();
    return text === '' ? undefined : normalizeCountry(text);
  };
  const valueOnly = new Set<string>();
  headers.forEach((_, i) => {
    const v = values[i] as string[];
    if (v.length === 0) {
      // An empty column loses to a filled one with the same meaning ("Adresse 1" and "Straße"
      // where the shop fills only one of them).
      if (sample.length > 0) for (const f of fields) at(f)[i] = (at(f)[i] ?? 0) * EMPTY_COLUMN_FACTOR;
      return;
    }
    const set = (field: OrderField, score: number) => {
      at(field)[i] = score;
    };
    // A header that names another party or another kind of data (the seller's e-mail, a price)
    // is not overruled by its values.
    const concepts = (meanings[i] as HeaderMeaning).concepts;
    const other = concepts.has('seller') || concepts.has('noise');
    const emails = share(v, (x) => EMAIL.test(x));
    if (emails >= VALUES_DECIDE) {
      for (const f of fields) if (f !== 'email') set(f, (at(f)[i] ?? 0) * EMAIL_VALUES_OTHER_FACTOR);
      if (other) return;
      const before = at('email')[i] ?? 0;
      set('email', Math.max(before, EMAIL_VALUES_SCORE));
      if (before < MIN_SCORE) valueOnly.add(`email:${i}`);
      return;
    }
    const overrule = v.length >= MIN_VALUES_TO_OVERRULE;
    const claims = (field: OrderField) => overrule && (at(field)[i] ?? 0) >= MIN_SCORE;
    // Each share is worked out only when a rule below needs it (wide exports have many columns).
    const phones = once(() => share(v, isPhone));
    const dates = once(() => share(v, isDate));
    const zips = once(() => {
      const rows = sample
        .map((row, r) => ({ value: (row[i] ?? '').trim(), country: rowCountry(r) }))
        .filter((x) => x.value !== '');
      return rows.length === 0
        ? 0
        : rows.filter((x) => fitsPostcode(x.value, x.country)).length / rows.length;
    });
    const overruled = (field: OrderField, factor: number) => set(field, (at(field)[i] ?? 0) * factor);
    if (claims('email') && emails < VALUES_OVERRULE) overruled('email', OVERRULED_FACTOR);
    if (claims('phone') && phones() < VALUES_OVERRULE) overruled('phone', OVERRULED_FACTOR);
    if (claims('orderedAt') && dates() < VALUES_OVERRULE) overruled('orderedAt', OVERRULED_FACTOR);
    if (countryColumn >= 0 && claims('zip') && zips() < VALUES_OVERRULE) overruled('zip', ZIP_MISFIT_FACTOR);
    if (headerClaimed[i] || other) return;
    // The header means nothing we know: the values alone suggest, and the seller confirms.
    const suggest = (field: OrderField, score: number) => {
      set(field, score);
      valueOnly.add(`${field}:${i}`);
    };
    if (phones() >= VALUES_DECIDE) suggest('phone', VALUES_SUGGEST_SCORE);
    else if (dates() >= VALUES_DECIDE) suggest('orderedAt', VALUES_SUGGEST_SCORE);
    else if (share(v, isKnownCountry) >= VALUES_DECIDE) suggest('country', VALUES_SUGGEST_SCORE);
    else if (zips() >= VALUES_DECIDE) suggest('zip', ZIP_VALUES_SUGGEST_SCORE);
  });

  // Best pairs first; each column feeds one field, each field reads one column.
  const pairs: { field: OrderField; column: number; score: number; order: number }[] = [];
  fields.forEach((field, order) => {
    at(field).forEach((score, column) => {
      if (score >= MIN_SCORE) pairs.push({ field, column, score, order });
    });
  });
  pairs.sort((a, b) => b.score - a.score || a.order - b.order || a.column - b.column);
  const mapping: ColumnMapping<OrderField> = {};
  const chosen = new Map<OrderField, { column: number; score: number }>();
  const taken = new Set<number>();
  for (const p of pairs) {
    if (chosen.has(p.field) || taken.has(p.column)) continue;
    chosen.set(p.field, { column: p.column, score: p.score });
    taken.add(p.column);
    mapping[p.field] = headers[p.column] as string;
  }

  const unsure: OrderField[] = [];
  for (const field of fields) {
    const pick = chosen.get(field);
    if (!pick) continue;
    const rival = at(field).some(
      (score, column) =>
        column !== pick.column &&
        !taken.has(column) &&
        score >= MIN_SCORE &&
        score >= pick.score - TIE_MARGIN,
    );
    if (pick.score < SURE_SCORE || rival || valueOnly.has(`${field}:${pick.column}`)) {
      // An e-mail column found by its values alone is certain enough: addresses are unmistakable.
      if (field === 'email' && pick.score >= SURE_SCORE && !rival) continue;
      unsure.push(field);
    }
  }
  return { mapping, unsure };
}

/** Share of a column's values that makes it worth offering for a missing field. */
const HINT_SHARE = 0.3;

/**
 * For the fields that matter later and have no column, the unused column whose values look most
 * like one (some e-mail addresses in a "Notes" column), to offer as a one-click choice. Never
 * a column whose header names the seller or another kind of data.
 */
export function hintColumns(
  headers: readonly string[],
  sample: readonly (readonly string[])[],
  mapping: ColumnMapping<OrderField>,
): Partial<Record<OrderField, string>> {
  const used = new Set(Object.values(mapping));
  const tests: [OrderField, (value: string) => boolean][] = [
    ['email', (x) => EMAIL.test(x)],
    ['phone', isPhone],
    ['country', isKnownCountry],
  ];
  const hints: Partial<Record<OrderField, string>> = {};
  for (const [field, test] of tests) {
    if (mapping[field] !== undefined) continue;
    let best = HINT_SHARE;
    headers.forEach((header, i) => {
      if (used.has(header)) return;
      const concepts = headerMeaning(header).concepts;
      if (concepts.has('seller')) return;
      const values = sample.map((row) => (row[i] ?? '').trim()).filter((v) => v !== '');
      const fit = share(values, test);
      if (fit > best || (fit === best && hints[field] === undefined)) {
        best = fit;
        hints[field] = header;
      }
    });
    const hint = hints[field];
    if (hint !== undefined) used.add(hint);
  }
  return hints;
}

/** `compute` run at most once, on first use. */
function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T | undefined;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value as T;
  };
}

function bestColumn(scores: readonly number[]): number {
  let best = -1;
  let bestScore = MIN_SCORE;
  scores.forEach((score, i) => {
    if (score >= bestScore) {
      if (best < 0 || score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
  });
  return best;
}
