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
}

export interface MappedTable<F extends string, P> {
  table: Table;
  preset: P;
  mapping: ColumnMapping<F>;
  /** Overrides naming a header the file does not have. */
  unknownColumns: { field: string; header: string }[];
}

export function readMappedTable<F extends string, P>(
  text: string,
  options: MappedTableOptions<F, P>,
): MappedTable<F, P> {
  let preset = options.fallback;
  let mapping: ColumnMapping<F> = {};
  let unknownColumns: { field: string; header: string }[] = [];
  const decideColumns = (headers: readonly string[]): boolean[] => {
    preset = options.choosePreset(headers);
    const guessed = guessMapping(headers, options.candidates(preset), options.guessOrder);
    const applied = applyMappingOverrides(headers, guessed, options.overrides, options.fieldKeys);
    mapping = applied.mapping;
    unknownColumns = applied.unknown;
    const used = new Set(Object.values(mapping));
    return headers.map((h) => used.has(h));
  };
  const table = readTable(text, {
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    columns: decideColumns,
  });
  return { table, preset, mapping, unknownColumns };
}
