/**
 * Text to a table whose columns are already mapped to target fields: the layout (preset) and the
 * mapping are decided as soon as the header row is known, so that the table keeps only the
 * mapped columns of wide exports. Shared by the order import and the tracking-sheet import, each
 * with its own fields and presets.
 */
import { applyMappingOverrides, guessMapping, type ColumnMapping, type HeaderCandidates } from './mapping.ts';
import { readTable, type Table } from './table.ts';

export interface MappedTableOptions<F extends string, P> {
  delimiter?: string;
  /** The preset for these headers (detected, or the one the seller forced). */
  choosePreset: (headers: readonly string[]) => P;
  /** The header names each field may have under that preset. */
  candidates: (preset: P) => HeaderCandidates<F>;
  /** Which fields pick their column first (specific ones before broad ones). */
  guessOrder: readonly F[];
  /** The seller's choices: field -> header ('' unmaps a field). */
  overrides: Readonly<Record<string, string>>;
  fieldKeys: readonly F[];
  /** The preset reported for a file without a header row. */
  fallback: P;
  /**
   * A guess that looks at values too, used instead of the candidates' exact names when it
   * returns a result for the preset (the generic layout); gets the first `sampleRows` rows.
   */
  guess?: (
    headers: readonly string[],
    sample: readonly (readonly string[])[],
    preset: P,
  ) => { mapping: ColumnMapping<F>; unsure: F[]; hints?: Partial<Record<F, string>> } | undefined;
  sampleRows?: number;
}

export interface MappedTable<F extends string, P> {
  table: Table;
  preset: P;
  mapping: ColumnMapping<F>;
  /** Overrides naming a header the file does not have. */
  unknownColumns: { field: string; header: string }[];
  /** Guessed fields the seller should confirm (none the seller chose). */
  unsure: F[];
  /** For fields still without a column: an unused column to offer. */
  hints: Partial<Record<F, string>>;
}

export function readMappedTable<F extends string, P>(
  text: string,
  options: MappedTableOptions<F, P>,
): MappedTable<F, P> {
  let preset = options.fallback;
  let mapping: ColumnMapping<F> = {};
  let unknownColumns: { field: string; header: string }[] = [];
  let unsure: F[] = [];
  let hints: Partial<Record<F, string>> = {};
  const decideColumns = (headers: readonly string[], sample: readonly (readonly string[])[]): boolean[] => {
    preset = options.choosePreset(headers);
    const smart = options.guess?.(headers, sample, preset);
    const guessed = smart?.mapping ?? guessMapping(headers, options.candidates(preset), options.guessOrder);
    const applied = applyMappingOverrides(headers, guessed, options.overrides, options.fieldKeys);
    mapping = applied.mapping;
    unknownColumns = applied.unknown;
    unsure = (smart?.unsure ?? []).filter((f) => !(f in options.overrides) && mapping[f] !== undefined);
    const used = new Set(Object.values(mapping));
    hints = {};
    for (const [field, header] of Object.entries(smart?.hints ?? {}) as [F, string][]) {
      if (mapping[field] === undefined && !used.has(header)) hints[field] = header;
    }
    return headers.map((h) => used.has(h));
  };
  const table = readTable(text, {
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    ...(options.guess ? { sampleRows: options.sampleRows ?? 0 } : {}),
    columns: decideColumns,
  });
  return { table, preset, mapping, unknownColumns, unsure, hints };
}
