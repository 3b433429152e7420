/**
 * Table rows to orders. Rows with the same order id merge into one order with several lines
 * (Amazon, Shopify and WooCommerce repeat the order per item; eBay writes a summary row and item
 * rows). An order with any row error is left out entirely and its errors listed, so the app can
 * offer "import the valid orders" without importing half an order.
 *
 * Merged rows must agree on the buyer and address: a blank cell on a later row means "same as
 * above" (Shopify blanks them), but two different non-blank values are a `conflicting_rows` error
 * rather than a guess, because a guess can send a parcel to the wrong person.
 *
 * Hot path (100k rows on a phone): rows keep their cell arrays and are read through a column index
 * table; no per-row objects beyond what the output needs, no closures per order.
 */
import type { OrderSource } from '../ids.ts';
import type { Address, Buyer, OrderLine } from '../model/order.ts';
import { importErrorMessages } from '../i18n/messages/import-errors.ts';
import { normalizeCountry } from './country.ts';
import { parseDateColumn, type DateColumn, type DateColumnOptions } from './dates.ts';
import { importError, isExcelScientific, type ImportError, type ImportErrorCode } from './errors.ts';
import { ORDER_FIELDS, ORDER_LEVEL_FIELDS, type OrderField } from './fields.ts';
import type { ColumnMapping } from './mapping.ts';
import type { Table, TableRow } from './table.ts';

export interface ImportedOrder {
  /** The order id as the marketplace shows it (`#1042`, `114-3941689-8772232`). */
  orderId: string;
  source: OrderSource;
  /** `yyyy-mm-dd`, the calendar day written in the file. */
  orderedAt: string;
  buyer: Buyer;
  address: Address;
  lines: OrderLine[];
  /** Row numbers (as Excel shows them) the order came from. */
  rows: number[];
}

export interface RowsToOrdersOptions {
  source: OrderSource;
  continuationRows?: boolean;
  date?: DateColumnOptions;
  /** Country for rows that have none (a domestic shop's file without a country column). */
  defaultCountry?: string;
}

export interface RowsToOrdersResult {
  orders: ImportedOrder[];
  errors: ImportError[];
  /** The order-date column as parsed; undefined when no column is mapped. */
  dates: DateColumn | undefined;
}

interface Group {
  orderId: string;
  /** Indexes into `table.rows` (not copies: 100k rows stay one array of cells each). */
  rows: number[];
  errors: ImportError[] | undefined;
}

/** What a row or order is checked against: the mapping resolved to column indexes. */
interface Columns {
  table: Table;
  /** Per table row: `yyyy-mm-dd`, '' when empty, null when not a date. */
  dates: readonly (string | null)[] | undefined;
  index: Record<OrderField, number>;
  header: ColumnMapping<OrderField>;
  countries: Map<string, string>;
  options: RowsToOrdersOptions;
}

const EXCEL_SENSITIVE: readonly OrderField[] = ORDER_FIELDS.filter(
  (f) => 'excelSensitive' in f && f.excelSensitive,
).map((f) => f.key);

const POSITIVE_INTEGER = /^\d+$/;

function get(cols: Columns, cells: readonly string[], field: OrderField): string {
  const i = cols.index[field];
  return i < 0 ? '' : (cells[i] ?? '');
}

/** Case and spacing folded, so "BERLIN" on one row and "Berlin" on the next agree. */
function sameText(a: string, b: string): boolean {
  return a === b || a.replace(/\s+/g, ' ').toLowerCase() === b.replace(/\s+/g, ' ').toLowerCase();
}

function joinName(first: string, last: string): string {
  if (first === '') return last;
  return last === '' ? first : `${first} ${last}`;
}

function country(cols: Columns, text: string): string {
  let code = cols.countries.get(text);
  if (code === undefined) {
    code = normalizeCountry(text);
    cols.countries.set(text, code);
  }
  return code;
}

function fail(
  cols: Columns,
  group: Group,
  code: ImportErrorCode,
  row: number,
  field: OrderField,
  value?: string,
): void {
  const error = importError(code, row, {
    column: cols.header[field] ?? importErrorMessages.en[`import.field.${field}`],
    value,
    orderId: group.orderId,
    field,
  });
  (group.errors ??= []).push(error);
}

export function rowsToOrders(
  table: Table,
  mapping: ColumnMapping<OrderField>,
  options: RowsToOrdersOptions,
): RowsToOrdersResult {
  const index = {} as Record<OrderField, number>;
  for (const { key } of ORDER_FIELDS) {
    const header = mapping[key];
    index[key] = header === undefined ? -1 : table.headers.indexOf(header);
  }
  const dates =
    index.orderedAt < 0
      ? undefined
      : parseDateColumn(
          table.rows.map((r) => r.cells[index.orderedAt] ?? ''),
          options.date,
        );
  const cols: Columns = { table, dates: dates?.dates, index, header: mapping, countries: new Map(), options };
  const width = table.headers.length;

  const errors: ImportError[] = [];
  const groups = new Map<string, Group>();
  let previous: Group | undefined;

  for (let r = 0; r < table.rows.length; r++) {
    const row = table.rows[r] as (typeof table.rows)[number];
    const cells = row.cells;
    let rowErrors: ImportError[] | undefined;
    if (row.problem) (rowErrors ??= []).push(importError('broken_quoting', row.line));
    if (cells.length > width && cells.slice(width).some((c) => c !== '')) {
      (rowErrors ??= []).push(importError('extra_cells', row.line));
    }
    for (const field of EXCEL_SENSITIVE) {
      const value = get(cols, cells, field);
      if (isExcelScientific(value)) {
        (rowErrors ??= []).push(
          importError('excel_scientific', row.line, { column: mapping[field], value, field }),
        );
      }
    }

    let orderId = get(cols, cells, 'orderId');
    let group: Group | undefined;
    if (orderId === '') {
      const carriesItem = get(cols, cells, 'sku') !== '' || get(cols, cells, 'title') !== '';
      const carriesOrder = ORDER_LEVEL_FIELDS.some((f) => get(cols, cells, f) !== '');
      if (options.continuationRows && previous && carriesItem && !carriesOrder && !row.problem) {
        group = previous;
        orderId = previous.orderId;
      } else {
        errors.push(importError('missing_order_id', row.line, { column: mapping.orderId, field: 'orderId' }));
        if (rowErrors) errors.push(...rowErrors);
        continue;
      }
    } else {
      group = groups.get(orderId);
      if (!group) {
        group = { orderId, rows: [], errors: undefined };
        groups.set(orderId, group);
      }
    }
    if (rowErrors) {
      for (const e of rowErrors) e.orderId = orderId;
      (group.errors ??= []).push(...rowErrors);
    }
    group.rows.push(r);
    previous = group;
  }

  const orders: ImportedOrder[] = [];
  for (const group of groups.values()) {
    const order = buildOrder(cols, group);
    if (order) orders.push(order);
    else if (group.errors) errors.push(...group.errors);
  }
  errors.sort((a, b) => a.row - b.row);
  return { orders, errors, dates };
}

function rowAt(cols: Columns, r: number): TableRow {
  return cols.table.rows[r] as TableRow;
}

/** `yyyy-mm-dd`, '' when the cell is empty, null when it is not a date. */
function dateAt(cols: Columns, r: number): string | null {
  return cols.dates ? (cols.dates[r] ?? null) : '';
}

/** The first non-blank value of an order-level field; a different non-blank later is a conflict. */
function orderValue(cols: Columns, group: Group, field: OrderField): string {
  let value = '';
  for (const r of group.rows) {
    const row = rowAt(cols, r);
    const candidate = get(cols, row.cells, field);
    if (candidate === '') continue;
    if (value === '') {
      value = candidate;
      continue;
    }
    const same =
      field === 'country' ? country(cols, candidate) === country(cols, value) : sameText(candidate, value);
    if (!same) fail(cols, group, 'conflicting_rows', row.line, field, candidate);
  }
  return value;
}

function buildOrder(cols: Columns, group: Group): ImportedOrder | undefined {
  const { orderId, rows } = group;
  // A row with broken quoting has its cells shifted: checking its values would only add noise.
  if (group.errors?.some((e) => e.code === 'broken_quoting')) return undefined;
  const first = rowAt(cols, rows[0] as number);
  const v = (field: OrderField): string =>
    rows.length === 1 ? get(cols, first.cells, field) : orderValue(cols, group, field);

  // The date: every row's date must parse; the first one is the order's.
  let orderedAt = '';
  let badDate = false;
  for (const r of rows) {
    const date = dateAt(cols, r);
    if (date === null) {
      badDate = true;
      const row = rowAt(cols, r);
      fail(cols, group, 'invalid_date', row.line, 'orderedAt', get(cols, row.cells, 'orderedAt'));
    } else if (orderedAt === '') orderedAt = date;
  }
  if (orderedAt === '' && !badDate) fail(cols, group, 'missing_value', first.line, 'orderedAt');

  const recipient = v('recipientName') || joinName(v('recipientFirstName'), v('recipientLastName'));
  const buyerName = v('buyerName') || joinName(v('buyerFirstName'), v('buyerLastName')) || recipient;
  if (buyerName === '') {
    fail(cols, group, 'missing_value', first.line, cols.header.buyerName ? 'buyerName' : 'recipientName');
  }

  // Amazon leaves ship-address-1 blank when the street is in ship-address-2: the first non-blank
  // address line is the street.
  const houseNumber = v('houseNumber');
  let street = houseNumber ? `${v('line1')} ${houseNumber}`.trim() : v('line1');
  const line2Part = v('line2');
  const line3Part = v('line3');
  let line2 = line2Part && line3Part ? `${line2Part}, ${line3Part}` : line2Part || line3Part;
  if (street === '' && line2 !== '') {
    street = line2;
    line2 = '';
  }
  const zip = v('zip');
  const city = v('city');
  const countryCode = country(cols, v('country') || cols.options.defaultCountry || '');
  if (street === '') fail(cols, group, 'missing_value', first.line, 'line1');
  if (zip === '') fail(cols, group, 'missing_value', first.line, 'zip');
  if (city === '') fail(cols, group, 'missing_value', first.line, 'city');
  if (countryCode === '') fail(cols, group, 'missing_value', first.line, 'country');
  const email = v('email');
  const phone = v('phone');
  const region = v('region');

  const lines = buildLines(cols, group);
  if (group.errors) return undefined;

  const buyer: Buyer = { name: buyerName };
  if (email) buyer.email = email;
  if (phone) buyer.phone = phone;
  const address: Address = { line1: street, zip, city, country: countryCode };
  if (recipient && !sameText(recipient, buyerName)) address.name = recipient;
  if (line2) address.line2 = line2;
  if (region) address.region = region;
  return {
    orderId,
    source: cols.options.source,
    orderedAt,
    buyer,
    address,
    lines,
    rows: rows.map((r) => rowAt(cols, r).line),
  };
}

/** A positive whole quantity, 1 when no column is mapped, undefined (and an error) otherwise. */
function quantityOf(cols: Columns, group: Group, row: TableRow): number | undefined {
  if (cols.index.quantity < 0) return 1;
  const raw = get(cols, row.cells, 'quantity');
  const n = POSITIVE_INTEGER.test(raw) ? Number(raw) : 0;
  if (n > 0) return n;
  fail(cols, group, 'invalid_quantity', row.line, 'quantity', raw);
  return undefined;
}

/**
 * Item rows (with a SKU or title) become lines. An order with no item rows (Etsy's one-row-per-
 * order export, a generic list without articles) gets one line with the quantity of its first row
 * that has one, or 1. Quantities are only checked where they are used: eBay's summary row may carry
 * a total that its item rows already account for.
 */
function buildLines(cols: Columns, group: Group): OrderLine[] {
  const lines: OrderLine[] = [];
  for (const r of group.rows) {
    const row = rowAt(cols, r);
    const sku = get(cols, row.cells, 'sku');
    const title = get(cols, row.cells, 'title');
    if (sku === '' && title === '') continue;
    const quantity = quantityOf(cols, group, row);
    if (quantity === undefined) continue;
    const line: OrderLine = { quantity };
    if (sku) line.sku = sku;
    if (title) line.title = title;
    lines.push(line);
  }
  if (lines.length > 0 || group.errors) return lines;
  const withQuantity = group.rows
    .map((r) => rowAt(cols, r))
    .find((row) => get(cols, row.cells, 'quantity') !== '');
  const quantity = withQuantity ? quantityOf(cols, group, withQuantity) : 1;
  return quantity === undefined ? [] : [{ quantity }];
}
