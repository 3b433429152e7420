/**
 * The order import, bytes to a preview: decode, split into a table, recognise the marketplace,
 * map columns, read dates for the whole column, merge rows into orders, and list every row that
 * cannot be imported with the reason. Synchronous and pure: the worker calls it, tests call it,
 * nothing here touches storage or the DOM.
 *
 *   bytes --decodeBytes--> text --readTable--> headers + rows --detectPreset/guessMapping-->
 *   mapping --rowsToOrders (parseDateColumn, normalizeCountry)--> orders + errors
 *
 * The lower-level pieces are exported for the mapping editor and for the tracking-sheet import,
 * which reuses decoding, tables, mapping and dates with its own target fields.
 */
import { decodeBytes } from './decode.ts';
import type { DateColumnOptions, DateOrder, DetectedDateOrder, LocaleDateOrder } from './dates.ts';
import { importError, type ImportError } from './errors.ts';
import {
  FIELDS_THAT_MATTER_LATER,
  ORDER_FIELDS,
  ORDER_FIELD_KEYS,
  missingFieldsThatMatter,
  missingRequiredFields,
  type FieldThatMattersLater,
  type OrderField,
} from './fields.ts';
import { GUESS_SAMPLE_ROWS, guessOrderColumns, hintColumns } from './column-guess.ts';
import { importErrorMessages } from '../i18n/messages/import-errors.ts';
import { guessMapping, type ColumnMapping } from './mapping.ts';
import {
  FALLBACK_PRESET,
  ORDER_FIELD_GUESS_ORDER,
  detectPreset,
  genericPreset,
  presetById,
  type CsvPreset,
} from './presets.ts';
import { rowsToOrders, type ImportedOrder } from './orders.ts';
import { readMappedTable } from './mapped-table.ts';

export interface ParseOrderFileOptions {
  /** Force a preset by id (`PRESETS[i].id`); detected from the headers when absent. */
  preset?: string;
  /** Per target field, the header to read it from; '' unmaps a field. Overrides the preset. */
  mapping?: Record<string, string>;
  /** Force how numeric dates are read. */
  dateOrder?: DateOrder;
  /** Force the encoding (a TextDecoder label, or `windows-1252`). */
  encoding?: string;
  /** Force the delimiter (one character). */
  delimiter?: string;
  /** The seller's habit, suggested (and used for the preview) when a date column is ambiguous. */
  localeDateOrder?: LocaleDateOrder;
  /** ISO country for rows without one, e.g. the shop's own country for a domestic list. */
  defaultCountry?: string;
  /**
   * ISO country for every row when the file has no country column at all (the shop's own
   * country): the import goes ahead, and the preview says domestic and international orders can't
   * be told apart. A country column with a blank cell is still an error for that row.
   */
  countryWhenNoColumn?: string;
}

export interface ImportDetected {
  encoding: string;
  delimiter: string;
  /** Id of the preset used. */
  preset: string;
  /** How the order-date column reads; 'ambiguous' when the seller must confirm. */
  dateOrder: DetectedDateOrder;
  /** Present when `dateOrder` is 'ambiguous': the order the preview used and the UI proposes. */
  suggestedDateOrder?: LocaleDateOrder;
  /** Header texts as in the file. */
  headers: string[];
  /** Target field -> header, as used (preset guess plus overrides). */
  mapping: Record<string, string>;
  /** Guessed fields the seller should confirm (a tie, a low score, a column known by its values). */
  unsure: OrderField[];
  /** Optional fields that matter later and have no column; never blocks the import. */
  missing: FieldThatMattersLater[];
  /** For some of the missing fields: a column whose values look like it, to offer in one click. */
  suggested: Partial<Record<FieldThatMattersLater, string>>;
  /** Data rows read (without the header, blank lines and report footers). */
  rowCount: number;
  /** Line of the header row (2 when a blank line precedes it, as in eBay reports). */
  headerRow: number;
}

export interface ImportPreview {
  orders: ImportedOrder[];
  errors: ImportError[];
  detected: ImportDetected;
}

function fieldLabel(field: OrderField): string {
  return importErrorMessages.en[`import.field.${field}`];
}

export function parseOrderFile(bytes: Uint8Array, options: ParseOrderFileOptions = {}): ImportPreview {
  const { text, encoding } = decodeBytes(bytes, options.encoding);
  const errors: ImportError[] = [];

  const { table, preset, mapping, unknownColumns, unsure, hints } = readMappedTable(text, {
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    choosePreset: (headers) => {
      if (options.preset === undefined) return detectPreset(headers);
      const forced = presetById(options.preset);
      if (!forced) throw new RangeError(`Unknown import preset: ${options.preset}`);
      return forced;
    },
    candidates: (preset) => preset.columns,
    guessOrder: ORDER_FIELD_GUESS_ORDER,
    overrides: options.mapping ?? {},
    fieldKeys: ORDER_FIELD_KEYS,
    fallback: FALLBACK_PRESET,
    // Known exports are read by their exact column names; any other file by meaning and values.
    guess: (headers, sample, chosen) => {
      const guess =
        chosen.id === genericPreset.id
          ? guessOrderColumns(headers, sample, chosen.columns)
          : fillRequiredGaps(headers, sample, chosen);
      return { ...guess, hints: hintColumns(headers, sample, guess.mapping) };
    },
    sampleRows: GUESS_SAMPLE_ROWS,
  });
  for (const u of unknownColumns) {
    errors.push(importError('unknown_column', table.headerLine, { value: u.header, field: u.field }));
  }

  const defaultCountry =
    options.defaultCountry ??
    (mapping.country === undefined ? options.countryWhenNoColumn || undefined : undefined);

  const detected: ImportDetected = {
    encoding,
    delimiter: table.delimiter,
    preset: preset.id,
    dateOrder: options.dateOrder ?? preset.dateOrder ?? 'ambiguous',
    headers: table.headers,
    mapping: mappingRecord(mapping),
    unsure,
    missing: table.headers.length === 0 ? [] : missingFieldsThatMatter(mapping, defaultCountry !== undefined),
    suggested: suggestionsFor(hints),
    rowCount: table.rows.length,
    headerRow: table.headerLine,
  };

  if (table.headers.length === 0) {
    errors.push(importError('empty_file', 1));
    return { orders: [], errors, detected };
  }

  const missing = missingRequiredFields(ORDER_FIELDS, mapping, defaultCountry ? ['country'] : []);
  if (missing.length > 0) {
    for (const field of missing) {
      errors.push(importError('missing_column', table.headerLine, { column: fieldLabel(field), field }));
    }
    return { orders: [], errors, detected };
  }

  const dateOptions: DateColumnOptions = {};
  if (options.dateOrder) dateOptions.dateOrder = options.dateOrder;
  if (preset.dateOrder) dateOptions.formatHint = preset.dateOrder;
  if (options.localeDateOrder) dateOptions.localeDateOrder = options.localeDateOrder;

  const result = rowsToOrders(table, mapping, {
    source: preset.source,
    date: dateOptions,
    ...(preset.continuationRows ? { continuationRows: true } : {}),
    ...(defaultCountry ? { defaultCountry } : {}),
  });
  if (result.dates) {
    detected.dateOrder = result.dates.order;
    if (result.dates.suggested) detected.suggestedDateOrder = result.dates.suggested;
  }
  errors.push(...result.errors);
  return { orders: result.orders, errors, detected };
}

/**
 * A known export read by its exact column names; a required field the preset finds no column for
 * (a look-alike export that names its order number "Order ID" where Shopify writes "Name") is
 * taken from the generic guess among the columns left over, as a guess the seller confirms.
 * Fields the preset does find are never touched, so a preset's files read exactly as before.
 */
function fillRequiredGaps(
  headers: readonly string[],
  sample: readonly (readonly string[])[],
  preset: CsvPreset,
): { mapping: ColumnMapping<OrderField>; unsure: OrderField[] } {
  const mapping = guessMapping(headers, preset.columns, ORDER_FIELD_GUESS_ORDER);
  const gaps = missingRequiredFields(ORDER_FIELDS, mapping);
  if (gaps.length === 0) return { mapping, unsure: [] };
  const guess = guessOrderColumns(headers, sample, genericPreset.columns);
  const used = new Set(Object.values(mapping));
  const unsure: OrderField[] = [];
  for (const gap of gaps) {
    const rule = ORDER_FIELDS.find((f) => f.key === gap);
    const options = [gap, ...(rule && 'satisfiedBy' in rule ? rule.satisfiedBy : [])];
    for (const field of options) {
      const header = guess.mapping[field];
      if (header === undefined || used.has(header)) continue;
      mapping[field] = header;
      used.add(header);
      unsure.push(field);
      break;
    }
  }
  return { mapping, unsure };
}

function suggestionsFor(
  hints: Partial<Record<OrderField, string>>,
): Partial<Record<FieldThatMattersLater, string>> {
  const out: Partial<Record<FieldThatMattersLater, string>> = {};
  for (const field of FIELDS_THAT_MATTER_LATER) {
    const header = hints[field];
    if (header !== undefined) out[field] = header;
  }
  return out;
}

function mappingRecord(mapping: ColumnMapping<OrderField>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ORDER_FIELD_KEYS) {
    const header = mapping[key];
    if (header !== undefined) out[key] = header;
  }
  return out;
}

export type { ImportedOrder } from './orders.ts';
export { rowsToOrders, type RowsToOrdersOptions, type RowsToOrdersResult } from './orders.ts';
export {
  decodeBytes,
  decodeWindows1252,
  detectEncoding,
  KNOWN_ENCODINGS,
  type DecodedText,
  type KnownEncoding,
} from './decode.ts';
export { DELIMITERS, delimiterScore, detectDelimiter, type Delimiter } from './delimiter.ts';
export { tokenize, type QuoteProblem, type TokenizedRecord, type TokenizeOptions } from './tokenize.ts';
export { cleanCell, readTable, type ReadTableOptions, type Table, type TableRow } from './table.ts';
export {
  DATE_ORDERS,
  parseDate,
  parseDateColumn,
  type DateColumn,
  type DateColumnOptions,
  type DateOrder,
  type DetectedDateOrder,
  type LocaleDateOrder,
} from './dates.ts';
export { countryKey, normalizeCountry } from './country.ts';
export {
  applyMappingOverrides,
  findHeader,
  guessMapping,
  headerSignature,
  normalizeHeader,
  type ColumnMapping,
  type HeaderCandidates,
  type MappingOverrideResult,
} from './mapping.ts';
export {
  FIELD_RULES,
  GUESS_SAMPLE_ROWS,
  MIN_SCORE,
  SURE_SCORE,
  guessOrderColumns,
  headerScore,
  hintColumns,
  type ColumnGuess,
} from './column-guess.ts';
export { headerMeaning, splitHeader, type Concept, type HeaderMeaning } from './header-words.ts';
export {
  FIELDS_THAT_MATTER_LATER,
  missingFieldsThatMatter,
  type FieldThatMattersLater,
  ORDER_FIELDS,
  ORDER_FIELD_KEYS,
  ORDER_LEVEL_FIELDS,
  missingRequiredFields,
  type FieldGroup,
  type OrderField,
  type TargetField,
} from './fields.ts';
export {
  FALLBACK_PRESET,
  ORDER_FIELD_GUESS_ORDER,
  PRESETS,
  amazonPreset,
  detectPreset,
  ebayPreset,
  etsyPreset,
  genericPreset,
  presetById,
  presetScore,
  shopifyPreset,
  woocommercePreset,
  type CsvPreset,
} from './presets.ts';
export {
  IMPORT_ERROR_CODES,
  importError,
  isExcelScientific,
  type ImportError,
  type ImportErrorCode,
} from './errors.ts';
