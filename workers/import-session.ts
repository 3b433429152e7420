/**
 * The import, run next to the data: parse the file (core), compare with what is stored, keep the
 * result until the seller confirms, then write it in ONE transaction with its history event and
 * outbox entries. Lives in the CSV worker so that neither the parse nor the write of 100,000
 * orders ever blocks the page; takes the repository as a parameter so tests run it on the
 * in-memory one.
 *
 *   analyse(file) -> preview (counts, first orders, errors)   [nothing written]
 *   commit(mode)  -> progress ... -> result                    [all or nothing]
 *   cancel()      -> the running commit rolls back
 */
import { randomId, type EventId, type OrderId } from '../src/core/ids.ts';
import { nowIso, systemClock, type Clock } from '../src/core/clock.ts';
import type { Order } from '../src/core/model/order.ts';
import {
  decodeBytes,
  headerSignature,
  parseOrderFile,
  readTable,
  type ImportPreview,
  type ImportedOrder,
  type ParseOrderFileOptions,
} from '../src/core/import/index.ts';
import type { ImportError } from '../src/core/import/errors.ts';
import { keyOf, planImport, type ImportCounts, type ImportPlan } from '../src/core/import/plan.ts';
import { preparingRequests } from '../src/core/notifications/on-import.ts';
import { toCsv } from '../src/core/csv/write.ts';
import { addressLines } from '../src/core/address/address-lines.ts';
import type { Repository } from '../src/storage/repository.ts';

/** How many orders and errors the preview carries back to the page (the rest stays here). */
export const PREVIEW_SAMPLE = 20;
export const PREVIEW_ERRORS = 200;
/**
 * Longest stretch of writing between two looks at the worker's messages while committing. The
 * worker blocks no page, so steps are long (fewer round trips to the database); a cancel waits at
 * most this long.
 */
const IMPORT_STEP_BUDGET_MS = 100;

export type ImportMode = 'all' | 'valid';

export interface ImportAnalysis {
  fileName: string;
  detected: ImportPreview['detected'];
  /** Orders the file holds without errors, and what would happen to each. */
  counts: ImportCounts;
  validOrders: number;
  /** Orders left out because one of their rows has an error. */
  invalidOrders: number;
  /** Data rows with at least one error. */
  errorRows: number;
  /** All errors, of which the first `PREVIEW_ERRORS` are in `errors`. */
  errorCount: number;
  errors: ImportError[];
  /** The first orders as they will be saved. */
  sample: ImportedOrder[];
  /**
   * Each sample order's address as one line, written for the seller's language. Made here: the
   * page's first `Intl.DisplayNames` (country names) was a task of over 100 ms on a phone-class CPU.
   */
  sampleAddresses: string[];
  /** The mapping was the one remembered for this layout. */
  mappingRemembered: boolean;
}

export interface ImportResult extends ImportCounts {
  fileName: string;
  skippedOrders: number;
}

export interface ImportProgress {
  rowsDone: number;
  rowsTotal: number;
}

interface Session {
  bytes: Uint8Array;
  fileName: string;
  options: ParseOrderFileOptions;
  preview: ImportPreview;
  invalidOrders: number;
  /** The plan shown in the preview, and the data version it was made against. */
  plan: ImportPlan;
  existing: (Order | undefined)[];
  dataVersion: number;
}

const mappingKey = (signature: string) => `import-mapping:${signature}`;

interface RememberedMapping {
  preset: string;
  mapping: Record<string, string>;
  dateOrder?: 'DMY' | 'MDY' | 'YMD';
}

export class ImportSession {
  readonly #repo: Repository;
  #session: Session | undefined;
  #abort: AbortController | undefined;
  readonly #clock: Clock;

  /** `clock` dates the import (its event and the orders it creates or changes). */
  constructor(repo: Repository, { clock = systemClock }: { clock?: Clock } = {}) {
    this.#repo = repo;
    this.#clock = clock;
  }

  /**
   * Parses the file and compares it with what is stored. Without explicit choices, the mapping
   * remembered for this header layout is used.
   */
  async analyse(
    bytes: Uint8Array,
    fileName: string,
    options: ParseOrderFileOptions = {},
    locale = 'en',
  ): Promise<ImportAnalysis> {
    let effective = options;
    let preview = parseOrderFile(bytes, effective);
    let mappingRemembered = false;
    if (options.mapping === undefined && options.preset === undefined) {
      const remembered = await this.#repo.getLocal<RememberedMapping>(
        mappingKey(headerSignature(preview.detected.headers)),
      );
      if (remembered) {
        effective = {
          ...options,
          preset: remembered.preset,
          mapping: remembered.mapping,
          ...(remembered.dateOrder && !options.dateOrder ? { dateOrder: remembered.dateOrder } : {}),
        };
        preview = parseOrderFile(bytes, effective);
        mappingRemembered = true;
      }
    }

    const erroneous = new Set(preview.errors.flatMap((e) => (e.orderId === undefined ? [] : [e.orderId])));
    const valid = new Set(preview.orders.map((o) => o.orderId));
    const invalidOrders = [...erroneous].filter((id) => !valid.has(id)).length;

    const dataVersion = await this.#repo.dataVersion();
    const existing = await this.#existing(preview.orders);
    const plan = planImport(preview.orders, existing, {
      fileName,
      now: nowIso(this.#clock),
      eventId: randomId() as EventId,
    });
    this.#session = {
      bytes,
      fileName,
      options: effective,
      preview,
      invalidOrders,
      plan,
      existing,
      dataVersion,
    };
    const sample = preview.orders.slice(0, PREVIEW_SAMPLE);
    return {
      fileName,
      detected: preview.detected,
      counts: plan.counts,
      validOrders: preview.orders.length,
      invalidOrders,
      errorRows: new Set(preview.errors.map((e) => e.row)).size,
      errorCount: preview.errors.length,
      errors: preview.errors.slice(0, PREVIEW_ERRORS),
      sample,
      sampleAddresses: sample.map((order) => addressLines(order.address, locale).join(', ')),
      mappingRemembered,
    };
  }

  /**
   * Writes the analysed file. `all`: refused while there is any error. `valid`: the orders
   * without errors. Either way one transaction: a cancel, a failure or a closed tab leaves nothing.
   */
  async commit(mode: ImportMode, onProgress?: (progress: ImportProgress) => void): Promise<ImportResult> {
    const session = this.#session;
    if (!session) throw new Error('Nothing to import: analyse a file first.');
    const { preview, fileName } = session;
    if (mode === 'all' && preview.errors.length > 0) {
      throw new Error(
        `The file has ${preview.errors.length} errors; fix them or import only the valid rows.`,
      );
    }
    this.#abort = new AbortController();
    // The preview's plan still holds when nothing was written since (the usual case: analyse,
    // look, confirm); otherwise compare with what is stored now.
    let { plan, existing } = session;
    if ((await this.#repo.dataVersion()) !== session.dataVersion) {
      existing = await this.#existing(preview.orders);
      plan = planImport(preview.orders, existing, {
        fileName,
        now: nowIso(this.#clock),
        eventId: randomId() as EventId,
      });
    }
    const rowsTotal = preview.detected.rowCount;
    onProgress?.({ rowsDone: 0, rowsTotal });
    if (plan.event) {
      const settings = await this.#repo.getSettings();
      const known = new Set(existing.flatMap((o) => (o ? [o.id] : [])));
      const preparing = preparingRequests(
        known.size === 0 ? plan.orders : plan.orders.filter((o) => !known.has(o.id)),
        settings.notifications,
        plan.event.at,
        () => ({ notificationId: randomId(), eventId: randomId() as EventId }),
      );
      await this.#repo.commit(
        {
          orders: plan.orders,
          events: [plan.event, ...preparing.events],
          mutations: [...plan.mutations, ...preparing.mutations],
        },
        {
          signal: this.#abort.signal,
          stepBudgetMs: IMPORT_STEP_BUDGET_MS,
          onProgress: (done, total) =>
            onProgress?.({ rowsDone: Math.round((done / Math.max(total, 1)) * rowsTotal), rowsTotal }),
        },
      );
    }
    onProgress?.({ rowsDone: rowsTotal, rowsTotal });
    await this.#remember(session);
    this.#abort = undefined;
    return { fileName, ...plan.counts, skippedOrders: session.invalidOrders };
  }

  cancel(): void {
    this.#abort?.abort(new DOMException('The import was cancelled.', 'AbortError'));
  }

  discard(): void {
    this.#session = undefined;
  }

  /** The rows that have errors, as in the file, with a column saying why; safe to open in Excel. */
  errorRowsCsv(): string {
    const session = this.#session;
    if (!session) return '';
    const { preview, bytes } = session;
    const table = readTable(decodeBytes(bytes, preview.detected.encoding).text, {
      delimiter: preview.detected.delimiter,
    });
    const reasons = new Map<number, string[]>();
    for (const error of preview.errors) {
      const text = error.column ? `${error.column}: ${error.message}` : error.message;
      reasons.set(error.row, [...(reasons.get(error.row) ?? []), text]);
    }
    const headers = [{ header: 'Row' }, ...table.headers.map((header) => ({ header })), { header: 'Error' }];
    const rows = table.rows
      .filter((row) => reasons.has(row.line))
      .map((row) => [
        String(row.line),
        ...table.headers.map((_, i) => row.cells[i] ?? ''),
        (reasons.get(row.line) ?? []).join(' | '),
      ]);
    // File-level errors (a missing column) point at the header row.
    const fileLevel = reasons.get(table.headerLine);
    if (fileLevel)
      rows.unshift([String(table.headerLine), ...table.headers.map(() => ''), fileLevel.join(' | ')]);
    const delimiter = table.delimiter === ';' || table.delimiter === '\t' ? table.delimiter : ',';
    return toCsv(headers, rows, { delimiter, bom: true });
  }

  async #existing(orders: readonly ImportedOrder[]): Promise<(Order | undefined)[]> {
    // A first import into an empty database needs no lookups.
    if ((await this.#repo.countOrders()) === 0) return orders.map(() => undefined);
    return this.#repo.getOrders(orders.map((o): OrderId => keyOf(o)));
  }

  async #remember(session: Session): Promise<void> {
    const { detected } = session.preview;
    const remembered: RememberedMapping = {
      preset: detected.preset,
      mapping: detected.mapping,
      ...(detected.dateOrder !== 'ambiguous' ? { dateOrder: detected.dateOrder } : {}),
    };
    await this.#repo.setLocal(mappingKey(headerSignature(detected.headers)), remembered);
  }
}
