/**
 * The import screen's state: one file at a time, from choosing it to the committed result.
 * Parsing and writing happen in the CSV worker; this class only holds what the page shows.
 *
 *   idle -> analysing -> preview -(commit)-> committing -> done
 *                  ^         |                  |
 *                  +-options-+         cancel --+--> preview (nothing written)
 */
import type { ParseOrderFileOptions } from '../core/import/index.ts';
import { callback, CsvWorkerBridge } from '../platform/csv-worker.ts';
import { saveDownload, takeSharedFile } from '../platform/files.ts';
import { afterNextPaint, yieldToBrowser } from '../platform/scheduling.ts';
import type { ImportAnalysis, ImportMode, ImportProgress, ImportResult } from '../platform/csv-worker.ts';

export type ImportPhase = 'idle' | 'analysing' | 'preview' | 'committing' | 'done';

export interface ImportChoices {
  encoding?: string;
  delimiter?: string;
  preset?: string;
  dateOrder?: 'DMY' | 'MDY' | 'YMD';
  mapping?: Record<string, string>;
}

export interface CommitProgress {
  rowsDone: number;
  rowsTotal: number;
  rowsPerSecond: number;
}

/**
 * The import preview is drawn in parts, from the top, a frame apart: 1. the file and how it was
 * read (source, encoding, delimiter, dates, columns); 2. the questions about columns, the counts
 * and the row errors; 3. the sample rows; 4. the import button.
 */
export const PREVIEW_PARTS = 4;

export class ImportState {
  readonly #bridge: Pick<CsvWorkerBridge, 'use'>;
  readonly #localeDateOrder: () => 'DMY' | 'MDY';
  readonly #locale: () => string;
  readonly #shopCountry: () => string;
  readonly #onImported: (result: ImportResult) => void;
  #phase = $state<ImportPhase>('idle');
  #analysis = $state.raw<ImportAnalysis | undefined>(undefined);
  /** How many parts of which analysis's preview may be drawn (`previewParts`), and how to call off the wait for the next. */
  #drawn = $state.raw<{ analysis: ImportAnalysis; parts: number } | undefined>(undefined);
  #cancelDrawing: () => void = () => undefined;
  #choices = $state.raw<ImportChoices>({});
  #mode = $state<ImportMode>('all');
  #progress = $state.raw<CommitProgress | undefined>(undefined);
  #result = $state.raw<ImportResult | undefined>(undefined);
  #error = $state<string | undefined>(undefined);
  #cancelled = $state(false);
  /**
   * The chosen file as a Blob: a handle the worker reads itself, so the page never holds or
   * copies the file's bytes (reading and copying 16 MB were main-thread work on a phone).
   */
  #file: { blob: Blob; name: string } | undefined;
  readonly #holdReloads: () => () => void;

  constructor(options: {
    localeDateOrder: () => 'DMY' | 'MDY';
    onImported: (result: ImportResult) => void;
    /** Keeps the order list from reloading until released (see `OrdersState.holdReloads`). */
    holdReloads?: () => () => void;
    /** The shop's own country ('' unknown): the country of a list that has no country column. */
    shopCountry?: () => string;
    /** The seller's language, for the preview's addresses. */
    locale?: () => string;
    /** Where files are read and written; the CSV worker unless a test gives another. */
    worker?: Pick<CsvWorkerBridge, 'use'>;
  }) {
    this.#bridge = options.worker ?? new CsvWorkerBridge();
    this.#localeDateOrder = options.localeDateOrder;
    this.#locale = options.locale ?? (() => 'en');
    this.#shopCountry = options.shopCountry ?? (() => '');
    this.#onImported = options.onImported;
    this.#holdReloads = options.holdReloads ?? (() => () => undefined);
  }

  get phase(): ImportPhase {
    return this.#phase;
  }
  get analysis(): ImportAnalysis | undefined {
    return this.#analysis;
  }
  /**
   * How many of the preview's parts may be drawn, from the top (`PREVIEW_PARTS` in all): one more
   * each frame after a new analysis. Drawn at once, the preview was one task of 50-60 ms on a 4x
   * slower CPU, and its layout another; a part a frame keeps each under 50 ms.
   */
  get previewParts(): number {
    const drawn = this.#drawn;
    return drawn !== undefined && drawn.analysis === this.#analysis ? drawn.parts : 1;
  }
  get choices(): ImportChoices {
    return this.#choices;
  }
  get mode(): ImportMode {
    return this.#mode;
  }
  set mode(mode: ImportMode) {
    this.#mode = mode;
  }
  get progress(): CommitProgress | undefined {
    return this.#progress;
  }
  get result(): ImportResult | undefined {
    return this.#result;
  }
  /** A failure to read or write, in the words of the error (row errors are in the analysis). */
  get error(): string | undefined {
    return this.#error;
  }
  get cancelled(): boolean {
    return this.#cancelled;
  }
  get fileName(): string | undefined {
    return this.#file?.name;
  }

  /** The import button's state: all-or-nothing is blocked by any error. */
  get canCommit(): boolean {
    const a = this.#analysis;
    if (!a || this.#phase !== 'preview') return false;
    if (this.#mode === 'all') return a.errorCount === 0 && a.validOrders > 0;
    return a.validOrders > 0;
  }

  async chooseFile(file: File): Promise<void> {
    await this.#load(file, file.name);
  }

  async pasteText(text: string, name: string): Promise<void> {
    await this.#load(new Blob([text]), name);
  }

  /** Picks up a file shared to Trackpack from another app; false when there is none. */
  async takeShared(): Promise<boolean> {
    const shared = await takeSharedFile();
    if (!shared) return false;
    await this.#load(new Blob([shared.bytes as BlobPart]), shared.name);
    return true;
  }

  /** Changes one of the seller's choices (encoding, delimiter, source, date order, a column) and re-reads. */
  async choose(patch: ImportChoices): Promise<void> {
    this.#choices = { ...this.#choices, ...patch };
    await this.#analyse();
  }

  async commit(): Promise<void> {
    if (!this.canCommit) return;
    this.#phase = 'committing';
    this.#cancelled = false;
    this.#error = undefined;
    const started = performance.now();
    this.#progress = { rowsDone: 0, rowsTotal: this.#analysis?.detected.rowCount ?? 0, rowsPerSecond: 0 };
    const release = this.#holdReloads();
    try {
      const result = await this.#bridge.use((w) =>
        w.commit(
          this.#mode,
          callback(({ rowsDone, rowsTotal }: ImportProgress) => {
            const seconds = (performance.now() - started) / 1000;
            this.#progress = { rowsDone, rowsTotal, rowsPerSecond: seconds > 0 ? rowsDone / seconds : 0 };
          }),
        ),
      );
      this.#result = result;
      this.#phase = 'done';
      this.#onImported(result);
    } catch (error) {
      this.#phase = 'preview';
      if (isAbort(error)) this.#cancelled = true;
      else this.#error = messageOf(error);
    } finally {
      this.#progress = undefined;
      release();
    }
  }

  cancel(): void {
    void this.#bridge.use(async (w) => w.cancel());
  }

  async downloadErrors(): Promise<void> {
    const bytes = await this.#bridge.use((w) => w.errorRowsCsv());
    const base = (this.#file?.name ?? 'orders').replace(/\.[^.]+$/, '');
    saveDownload(bytes, `${base}-errors.csv`, 'text/csv;charset=utf-8');
  }

  reset(): void {
    void this.#bridge.use(async (w) => w.discard());
    this.#file = undefined;
    this.#analysis = undefined;
    this.#choices = {};
    this.#mode = 'all';
    this.#result = undefined;
    this.#error = undefined;
    this.#cancelled = false;
    this.#phase = 'idle';
  }

  async #load(blob: Blob, name: string): Promise<void> {
    this.#file = { blob, name };
    this.#choices = {};
    this.#mode = 'all';
    this.#result = undefined;
    await this.#analyse();
  }

  #drawNextPart(analysis: ImportAnalysis): void {
    this.#cancelDrawing();
    this.#cancelDrawing = afterNextPaint(() => {
      if (this.#analysis !== analysis) return;
      const parts = this.previewParts + 1;
      this.#drawn = { analysis, parts };
      if (parts < PREVIEW_PARTS) this.#drawNextPart(analysis);
    });
  }

  async #analyse(): Promise<void> {
    const file = this.#file;
    if (!file) return;
    this.#phase = 'analysing';
    this.#error = undefined;
    this.#cancelled = false;
    const shopCountry = this.#shopCountry();
    const options: ParseOrderFileOptions = {
      ...this.#choices,
      localeDateOrder: this.#localeDateOrder(),
      ...(shopCountry ? { countryWhenNoColumn: shopCountry } : {}),
    };
    try {
      // "Reading the file" is drawn in this task; starting the worker and handing it the file
      // waits for a task of its own.
      await yieldToBrowser();
      if (this.#file !== file) return;
      // A Blob crosses to the worker as a handle; the page keeps it for a re-read with other choices.
      const locale = this.#locale();
      const analysis = await this.#bridge.use((w) => w.analyse(file.blob, file.name, options, locale));
      this.#analysis = analysis;
      this.#phase = 'preview';
      this.#drawn = { analysis, parts: 1 };
      this.#drawNextPart(analysis);
    } catch (error) {
      this.#analysis = undefined;
      this.#error = messageOf(error);
      this.#phase = 'idle';
    }
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || /cancelled|abort/i.test(error.message));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
