/**
 * The tracking-sheet import, bytes to a preview: which order gets which tracking number, with
 * carrier, link, dates and remarks, and every row that cannot be used with the reason. Reuses the
 * order import's decoding, delimiter sniffing, table reading, header mapping and whole-column date
 * reading; adds only what a tracking sheet has of its own (several numbers in a cell, carriers,
 * links). Pure and synchronous, like `parseOrderFile`.
 *
 *   bytes --decodeBytes--> text --readTable--> headers + rows --detectTrackingPreset/guessMapping-->
 *   mapping --parseDateColumn--> dates --per row: split numbers, resolve carrier--> updates + errors
 *
 * Decisions:
 * - A row without a tracking number is skipped, not an error: our own sheet and ATLAS's list every
 *   order, and the seller fills in only the shipped ones (`detected.skippedRows` counts them).
 * - A row with any error gives no update at all, even when another number in its cell is fine:
 *   the seller corrects the row and imports again, which changes nothing that is already there.
 * - A check digit that does not match is an error (`check_digit`): it catches typos before the
 *   buyer gets a dead link. A carrier named in the sheet whose format has no check digit cannot
 *   fail it, and a named carrier none of whose formats fits the number is trusted as named.
 * - A carrier text that names no registry carrier is not an error by itself: the number is
 *   detected as usual, and only a number nobody can place, without a link, is `unknown_carrier`.
 * - A date column whose values fit both day-first and month-first (nothing above 12) is
 *   `ambiguous`: each value that reads differently both ways is a row error until the seller picks
 *   the order (`options.dateOrder`). Dotted dates (`03.04.2026`) are day-first: no locale writes
 *   month-first with dots. When one date column settles the order, the other follows it.
 * - Links must be http(s); anything else (`javascript:`, a bare word) is `invalid_url`, because
 *   the link goes into buyer e-mails.
 * - With the seller's carriers (`options.carriers`, from Settings): a carrier cell naming one of
 *   the seller's own carriers wins over the registry (the seller defined it on purpose, even if it
 *   is called "DHL"), takes the number as written (own carriers have no formats to check) and
 *   links through its template; numbers several carriers use rank the seller's earlier pick first;
 *   and a number no carrier claims is tracked through the seller's universal link instead of being
 *   `unknown_carrier`, as a number typed by hand is. Without `options.carriers`, such a number
 *   stays an error (there is no link to give the buyer).
 */
import {
  detectCarriers,
  isPlausibleTrackingNumber,
  looksExcelDamaged,
  normalizeTrackingNumber,
  trackingUrl as linkFor,
  carrierById,
  type CarrierMatch,
} from '../carriers/index.ts';
import { removeFormulaGuards } from '../csv/write.ts';
import type { CarrierSettings } from '../settings.ts';
import { decodeBytes } from '../import/decode.ts';
import {
  parseDate,
  parseDateColumn,
  type DateColumn,
  type DateColumnOptions,
  type DateOrder,
  type DetectedDateOrder,
  type LocaleDateOrder,
} from '../import/dates.ts';
import { isExcelScientific } from '../import/errors.ts';
import { missingRequiredFields } from '../import/fields.ts';
import { headerSignature, type ColumnMapping } from '../import/mapping.ts';
import { readMappedTable } from '../import/mapped-table.ts';
import type { Table } from '../import/table.ts';
import { trackingMessages } from '../i18n/messages/tracking.ts';
import { carrierIdsForName, customCarrierForName } from './carrier-names.ts';
import { trackingError, type TrackingError, type TrackingErrorCode } from './errors.ts';
import {
  TRACKING_FIELDS,
  TRACKING_FIELD_GUESS_ORDER,
  TRACKING_FIELD_KEYS,
  type TrackingField,
} from './fields.ts';
import { splitNumbers } from './split-numbers.ts';
import {
  FALLBACK_TRACKING_PRESET,
  candidatesOf,
  detectTrackingPreset,
  trackingPresetById,
  type TrackingPreset,
} from './presets.ts';

export { splitNumbers };

export interface ParseTrackingFileOptions {
  /** Force a preset by id; detected from the headers when absent. */
  preset?: string;
  /** Per target field, the header to read it from; '' unmaps a field. Overrides the preset. */
  mapping?: Record<string, string>;
  /** Force how numeric dates are read (the seller confirmed it). */
  dateOrder?: DateOrder;
  /** Force the encoding (a TextDecoder label, or `windows-1252`). */
  encoding?: string;
  /** Force the delimiter (one character). */
  delimiter?: string;
  /** The seller's habit, suggested when a date column is ambiguous. */
  localeDateOrder?: LocaleDateOrder;
  /** The orders that exist; a row naming another order is `unknown_order`. Unchecked when absent. */
  knownOrderIds?: ReadonlySet<string> | ((orderId: string) => boolean);
  /** App language, for carrier pages that take one. */
  lang?: string;
  /** The seller's own carriers, remembered picks and universal link (Settings). */
  carriers?: CarrierSettings;
}

/** One tracking number for one order, as the sheet gives it. */
export interface TrackingUpdate {
  /** The order id as written in the sheet (the marketplace's id, e.g. `#1042`). */
  orderId: string;
  /** Normalised: upper case, no spaces, what carrier pages accept. */
  trackingNumber: string;
  /** Registry or seller-defined carrier id, when the sheet or the number says which. */
  carrierId?: string;
  trackingUrl?: string;
  /** `yyyy-mm-dd` */
  shippedAt?: string;
  /** `yyyy-mm-dd` */
  expectedAt?: string;
  remarks?: string;
  /** Row number as Excel shows it. */
  row: number;
}

export interface TrackingDetected {
  encoding: string;
  delimiter: string;
  /** Id of the preset used. */
  preset: string;
  /** How the date columns read; 'ambiguous' when the seller must choose. */
  dateOrder: DetectedDateOrder;
  /** Present when `dateOrder` is 'ambiguous': what the UI proposes. */
  suggestedDateOrder?: LocaleDateOrder;
  headers: string[];
  /** Target field -> header, as used. */
  mapping: Record<string, string>;
  /** Data rows read (without header, blank lines and footers). */
  rowCount: number;
  /** Rows without a tracking number: orders not shipped yet. */
  skippedRows: number;
  headerRow: number;
  /** `headerSignature(headers)`, to remember the seller's mapping for this layout. */
  signature: string;
}

export interface TrackingPreview {
  updates: TrackingUpdate[];
  errors: TrackingError[];
  detected: TrackingDetected;
}

/** What a remark may hold: the protocol's text limit (`MAX_TEXT_CHARS` in protocol/schemas.ts). */
const MAX_REMARKS_CHARS = 2_000;

/** An absolute http(s) link with a host and nothing that is not a URL character. */
const WEB_LINK = /^https?:\/\/[^\s/?#@\\]+(?:[/?#][^\s]*)?$/i;

/** Dotted numeric dates (`03.04.2026`): day first wherever they are written. */
const DOTTED_DATE = /^\d{1,2}\.\d{1,2}\.\d{2,4}(?:\s|$)/;

function fieldLabel(field: TrackingField): string {
  return trackingMessages.en[`tracking.field.${field}`];
}

function mappingRecord(mapping: ColumnMapping<TrackingField>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of TRACKING_FIELD_KEYS) {
    const header = mapping[key];
    if (header !== undefined) out[key] = header;
  }
  return out;
}

function isKnown(known: ParseTrackingFileOptions['knownOrderIds'], orderId: string): boolean {
  if (known === undefined) return true;
  return typeof known === 'function' ? known(orderId) : known.has(orderId);
}

interface Resolved {
  trackingNumber: string;
  carrierId?: string;
  trackingUrl?: string;
}

type Resolution = { ok: true; value: Resolved } | { ok: false; code: TrackingErrorCode };

function withLink(value: Resolved, sheetUrl: string): Resolved {
  // The sheet's own link wins, but only for the number it is about (one link for a cell of three
  // numbers belongs to one of them).
  if (sheetUrl !== '' && normalizeTrackingNumber(sheetUrl).includes(value.trackingNumber)) {
    return { ...value, trackingUrl: sheetUrl };
  }
  return value;
}

function fromMatch(match: CarrierMatch): Resolved {
  const value: Resolved = { trackingNumber: match.normalized, carrierId: match.carrierId };
  if (match.trackingUrl !== '') value.trackingUrl = match.trackingUrl;
  return value;
}

/** What resolving a number needs besides the row's cells. */
interface ResolveContext {
  lang: string | undefined;
  carriers: CarrierSettings | undefined;
}

/**
 * Carrier and link for one number. `sheetUrl` is the row's link cell (already validated), used
 * as is when the cell holds one number.
 */
function resolveNumber(
  raw: string,
  carrierText: string,
  sheetUrl: string,
  single: boolean,
  { lang, carriers }: ResolveContext,
): Resolution {
  if (looksExcelDamaged(raw) || isExcelScientific(raw)) return { ok: false, code: 'excel_scientific' };
  if (!isPlausibleTrackingNumber(raw)) return { ok: false, code: 'invalid_tracking_number' };
  const linkOptions = lang === undefined ? {} : { lang };
  const candidates = detectCarriers(raw, {
    ...linkOptions,
    ...(carriers && { preferred: carriers.preferred, universalTemplate: carriers.universalTemplate }),
  });
  const finish = (value: Resolved): Resolution => ({
    ok: true,
    value: single && sheetUrl !== '' ? { ...value, trackingUrl: sheetUrl } : withLink(value, sheetUrl),
  });

  const own = carriers ? customCarrierForName(carrierText, carriers.custom) : undefined;
  if (own) {
    const trackingNumber = normalizeTrackingNumber(raw);
    const value: Resolved = { trackingNumber, carrierId: own.id };
    const link = linkFor(own, trackingNumber, linkOptions);
    if (link) value.trackingUrl = link;
    return finish(value);
  }

  const named = carrierIdsForName(carrierText);
  if (named.length > 0) {
    const fitting = candidates.filter((c) => named.includes(c.carrierId));
    const valid = fitting.find((c) => c.valid);
    if (valid) return finish(fromMatch(valid));
    if (fitting.length > 0) return { ok: false, code: 'check_digit' };
    // The seller named the carrier and the number fits none of its known formats: trust the name
    // (carriers add formats faster than any registry).
    const carrier = carrierById(named[0] as string);
    const trackingNumber = normalizeTrackingNumber(raw);
    const value: Resolved = { trackingNumber, carrierId: named[0] as string };
    const link = carrier ? linkFor(carrier, trackingNumber, linkOptions) : null;
    if (link) value.trackingUrl = link;
    return finish(value);
  }

  const best = candidates[0];
  if (best?.valid) return finish(fromMatch(best));
  if (best) return { ok: false, code: 'check_digit' };
  if (sheetUrl !== '') return finish({ trackingNumber: normalizeTrackingNumber(raw) });
  const universal = carriers
    ? linkFor(carriers.universalTemplate, normalizeTrackingNumber(raw), linkOptions)
    : null;
  if (universal) return finish({ trackingNumber: normalizeTrackingNumber(raw), trackingUrl: universal });
  return { ok: false, code: 'unknown_carrier' };
}

interface DateColumns {
  shippedAt: DateColumn | undefined;
  expectedAt: DateColumn | undefined;
  order: DetectedDateOrder;
  suggested?: LocaleDateOrder;
}

function readDates(
  table: Table,
  index: Record<TrackingField, number>,
  preset: TrackingPreset,
  options: ParseTrackingFileOptions,
): DateColumns {
  const values = (field: TrackingField): string[] | undefined =>
    index[field] < 0 ? undefined : table.rows.map((r) => r.cells[index[field]] ?? '');
  const shipped = values('shippedAt');
  const expected = values('expectedAt');
  const base: DateColumnOptions = {};
  if (options.dateOrder) base.dateOrder = options.dateOrder;
  if (options.localeDateOrder) base.localeDateOrder = options.localeDateOrder;
  const hintFor = (column: readonly string[]): DateOrder | undefined => {
    if (preset.dateOrder) return preset.dateOrder;
    const filled = column.filter((v) => v.trim() !== '');
    return filled.length > 0 && filled.every((v) => DOTTED_DATE.test(v.trim())) ? 'DMY' : undefined;
  };
  const parse = (column: readonly string[] | undefined, hint?: DateOrder): DateColumn | undefined => {
    if (!column) return undefined;
    const h = hint ?? hintFor(column);
    return parseDateColumn(column, h ? { ...base, formatHint: h } : base);
  };
  let shippedAt = parse(shipped);
  let expectedAt = parse(expected);
  // One column with evidence settles the other (a sheet writes all its dates one way).
  const decided = (c: DateColumn | undefined): DateOrder | undefined =>
    c && c.order !== 'ambiguous' && c.order !== 'YMD' ? c.order : undefined;
  if (shippedAt?.order === 'ambiguous' && decided(expectedAt))
    shippedAt = parse(shipped, decided(expectedAt));
  if (expectedAt?.order === 'ambiguous' && decided(shippedAt))
    expectedAt = parse(expected, decided(shippedAt));

  const ambiguous = [shippedAt, expectedAt].find((c) => c?.order === 'ambiguous');
  if (ambiguous) {
    const result: DateColumns = { shippedAt, expectedAt, order: 'ambiguous' };
    if (ambiguous.suggested) result.suggested = ambiguous.suggested;
    return result;
  }
  const order = shippedAt?.order ?? expectedAt?.order ?? options.dateOrder ?? preset.dateOrder ?? 'YMD';
  return { shippedAt, expectedAt, order };
}

/** True when `value` reads as two different valid days, day-first and month-first. */
function readsTwoWays(value: string): boolean {
  const dmy = parseDate(value, 'DMY');
  const mdy = parseDate(value, 'MDY');
  return dmy !== null && mdy !== null && dmy !== mdy;
}

export function parseTrackingFile(
  bytes: Uint8Array,
  options: ParseTrackingFileOptions = {},
): TrackingPreview {
  const { text, encoding } = decodeBytes(bytes, options.encoding);
  const errors: TrackingError[] = [];

  const { table, preset, mapping, unknownColumns } = readMappedTable(text, {
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    choosePreset: (headers) => {
      if (options.preset === undefined) return detectTrackingPreset(headers);
      const forced = trackingPresetById(options.preset);
      if (!forced) throw new RangeError(`Unknown tracking preset: ${options.preset}`);
      return forced;
    },
    candidates: candidatesOf,
    guessOrder: TRACKING_FIELD_GUESS_ORDER,
    overrides: options.mapping ?? {},
    fieldKeys: TRACKING_FIELD_KEYS,
    fallback: FALLBACK_TRACKING_PRESET,
  });
  for (const u of unknownColumns) {
    errors.push(trackingError('unknown_column', table.headerLine, { value: u.header, field: u.field }));
  }

  const detected: TrackingDetected = {
    encoding,
    delimiter: table.delimiter,
    preset: preset.id,
    dateOrder: options.dateOrder ?? preset.dateOrder ?? 'YMD',
    headers: table.headers,
    mapping: mappingRecord(mapping),
    rowCount: table.rows.length,
    skippedRows: 0,
    headerRow: table.headerLine,
    signature: headerSignature(table.headers),
  };
  if (table.headers.length === 0) {
    errors.push(trackingError('empty_file', 1));
    return { updates: [], errors, detected };
  }
  const missing = missingRequiredFields(TRACKING_FIELDS, mapping);
  if (missing.length > 0) {
    for (const field of missing) {
      errors.push(trackingError('missing_column', table.headerLine, { column: fieldLabel(field), field }));
    }
    return { updates: [], errors, detected };
  }

  const index = {} as Record<TrackingField, number>;
  for (const key of TRACKING_FIELD_KEYS) {
    const header = mapping[key];
    index[key] = header === undefined ? -1 : table.headers.indexOf(header);
  }
  const dates = readDates(table, index, preset, options);
  detected.dateOrder = dates.order;
  if (dates.suggested) detected.suggestedDateOrder = dates.suggested;

  const width = table.headers.length;
  const context: ResolveContext = { lang: options.lang, carriers: options.carriers };
  const updates: TrackingUpdate[] = [];
  const seen = new Set<string>();
  table.rows.forEach((row, r) => {
    const cell = (field: TrackingField): string => {
      const i = index[field];
      return i < 0 ? '' : removeFormulaGuards(row.cells[i] ?? '');
    };
    const fail = (code: TrackingErrorCode, field: TrackingField | undefined, value?: string): void => {
      const orderId = cell('orderId');
      rowErrors.push(
        trackingError(code, row.line, {
          column: field === undefined ? undefined : (mapping[field] ?? fieldLabel(field)),
          value,
          orderId: orderId === '' ? undefined : orderId,
          field,
        }),
      );
    };
    const rowErrors: TrackingError[] = [];
    if (row.problem) {
      fail('broken_quoting', undefined);
      errors.push(...rowErrors);
      return;
    }
    const rawNumbers = cell('trackingNumber');
    if (rawNumbers === '') {
      detected.skippedRows++;
      return;
    }
    if (row.cells.length > width && row.cells.slice(width).some((c) => c !== ''))
      fail('extra_cells', undefined);

    const orderId = cell('orderId');
    if (orderId === '') fail('missing_order_id', 'orderId');
    else if (isExcelScientific(orderId)) fail('excel_scientific', 'orderId', orderId);
    else if (!isKnown(options.knownOrderIds, orderId)) fail('unknown_order', 'orderId', orderId);

    const day = (field: 'shippedAt' | 'expectedAt'): string | undefined => {
      const column = dates[field];
      if (!column) return undefined;
      const value = column.dates[r];
      const rawDay = cell(field);
      if (value === null || value === undefined) {
        fail('invalid_date', field, rawDay);
        return undefined;
      }
      if (column.order === 'ambiguous' && readsTwoWays(rawDay)) {
        fail('ambiguous_date', field, rawDay);
        return undefined;
      }
      return value === '' ? undefined : value;
    };
    const shippedAt = day('shippedAt');
    const expectedAt = day('expectedAt');

    const link = cell('trackingUrl');
    if (link !== '' && !WEB_LINK.test(link)) fail('invalid_url', 'trackingUrl', link);
    const sheetUrl = link !== '' && WEB_LINK.test(link) ? link : '';

    // Excel's damage can contain a comma (`5,58199E+12`): check the whole cell before splitting.
    const pieces = isExcelScientific(rawNumbers) ? [rawNumbers] : splitNumbers(rawNumbers);
    const carrierText = cell('carrier');
    const resolved: Resolved[] = [];
    for (const piece of pieces) {
      const result = resolveNumber(piece, carrierText, sheetUrl, pieces.length === 1, context);
      if (result.ok) resolved.push(result.value);
      else fail(result.code, 'trackingNumber', piece);
    }
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      return;
    }

    const remarks = cell('remarks').slice(0, MAX_REMARKS_CHARS);
    for (const value of resolved) {
      // The same number for the same order twice (a copied row) is one parcel.
      const key = `${orderId}\u0000${value.trackingNumber}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const update: TrackingUpdate = { orderId, trackingNumber: value.trackingNumber, row: row.line };
      if (value.carrierId !== undefined) update.carrierId = value.carrierId;
      if (value.trackingUrl !== undefined) update.trackingUrl = value.trackingUrl;
      if (shippedAt !== undefined) update.shippedAt = shippedAt;
      if (expectedAt !== undefined) update.expectedAt = expectedAt;
      if (remarks !== '') update.remarks = remarks;
      updates.push(update);
    }
  });
  errors.sort((a, b) => a.row - b.row);
  return { updates, errors, detected };
}
