/**
 * Orders fetched from a channel's API, to the same imported fields a CSV import of that channel's
 * export produces: every record goes through the CSV import's own row rules (`rowsToOrders`:
 * merging lines, required fields, country names to ISO codes, dates), under the channel's order
 * source, so an order fetched by the server and the same order imported from a file later have
 * one key (`source:externalId`) and the same buyer, address and lines.
 */
import type { OrderSource } from '../ids.ts';
import { ORDER_FIELD_KEYS, type OrderField } from '../import/fields.ts';
import type { ColumnMapping } from '../import/mapping.ts';
import { rowsToOrders } from '../import/orders.ts';
import { keyOf, type ImportedFields } from '../import/plan.ts';
import type { ImportErrorCode } from '../import/errors.ts';
import type { Table } from '../import/table.ts';

/** One line of a fetched order; `remoteLineId` is the channel's id, kept for confirming. */
export interface ChannelOrderLine {
  remoteLineId: string;
  sku?: string;
  title?: string;
  quantity: number;
}

/** A fetched order in the CSV import's terms (the field names of `ORDER_FIELD_KEYS`). */
export interface ChannelOrder {
  /** The channel's internal id (Shopify `gid://shopify/Order/1`), kept for confirming. */
  remoteId: string;
  /** The order id as the seller sees it and as the channel's CSV export writes it (`#1001`). */
  orderId: string;
  /** `yyyy-mm-dd`. */
  orderedAt: string;
  buyerName?: string;
  buyerFirstName?: string;
  buyerLastName?: string;
  email?: string;
  phone?: string;
  recipientName?: string;
  recipientFirstName?: string;
  recipientLastName?: string;
  line1?: string;
  line2?: string;
  zip?: string;
  city?: string;
  region?: string;
  country?: string;
  lines: readonly ChannelOrderLine[];
}

export interface ChannelOrdersResult {
  orders: ImportedFields[];
  /** Orders the import rules refused (no address, a bad quantity, ...), by channel order id. */
  refused: { orderId: string; codes: ImportErrorCode[] }[];
}

const LINE_FIELDS = new Set<OrderField>(['sku', 'title', 'quantity']);
const IDENTITY: ColumnMapping<OrderField> = Object.fromEntries(ORDER_FIELD_KEYS.map((k) => [k, k]));

function cell(order: ChannelOrder, line: ChannelOrderLine, field: OrderField): string {
  if (LINE_FIELDS.has(field)) {
    const value = field === 'quantity' ? String(line.quantity) : line[field as 'sku' | 'title'];
    return value ?? '';
  }
  const value = (order as unknown as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : '';
}

/** Maps fetched orders through the CSV import's rules (see the header). */
export function channelOrdersToImported(
  source: OrderSource,
  fetched: readonly ChannelOrder[],
): ChannelOrdersResult {
  const table: Table = {
    delimiter: ',',
    headers: [...ORDER_FIELD_KEYS],
    headerLine: 1,
    footerLines: [],
    rows: fetched.flatMap((order) =>
      // An order without lines still becomes a row, so the import rules report it.
      (order.lines.length > 0 ? order.lines : [{ remoteLineId: '', quantity: 0 }]).map((line) => ({
        line: 0,
        cells: ORDER_FIELD_KEYS.map((field) => cell(order, line, field)),
      })),
    ),
  };
  table.rows.forEach((row, i) => (row.line = i + 2));
  const result = rowsToOrders(table, IDENTITY, {
    source,
    continuationRows: false,
    date: { dateOrder: 'YMD' },
  });
  const orders = result.orders.map((o): ImportedFields => ({
    id: keyOf(o),
    source: o.source,
    externalId: o.orderId,
    orderedAt: o.orderedAt,
    buyer: o.buyer,
    address: o.address,
    lines: o.lines,
  }));
  const kept = new Set(orders.map((o) => o.externalId));
  const refused = fetched
    .filter((o) => !kept.has(o.orderId))
    .map((o) => ({
      orderId: o.orderId,
      codes: [...new Set(result.errors.filter((e) => e.orderId === o.orderId).map((e) => e.code))],
    }));
  return { orders, refused };
}
