/**
 * Columns to target fields, for any file kind: header normalisation, guessing a mapping from
 * header-name candidates, applying the seller's overrides, and a signature of a header row so the
 * app can remember a mapping per layout. Generic over the target field set, so the order import
 * and the tracking-sheet import share it.
 */

/**
 * A header as compared: case-folded, letters and digits only (`E-Mail` = `email`, `Bestell-Nr.`
 * = `bestellnr`), `ß` as `ss`, `ё` as `е`.
 */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replaceAll('ß', 'ss')
    .replaceAll('ё', 'е')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Index of `header` (compared normalised) in `headers`, or -1. The first of duplicates wins. */
export function findHeader(headers: readonly string[], header: string): number {
  const wanted = normalizeHeader(header);
  return headers.findIndex((h) => normalizeHeader(h) === wanted);
}

/** Field -> header names that may hold it, best first. */
export type HeaderCandidates<F extends string> = Partial<Record<F, readonly string[]>>;

/** Field -> header name exactly as in the file. */
export type ColumnMapping<F extends string> = Partial<Record<F, string>>;

/**
 * Guess a mapping: fields in `fieldOrder` each take the first candidate header present in the
 * file that no earlier field took (so "Name" cannot be both order id and buyer name).
 */
export function guessMapping<F extends string>(
  headers: readonly string[],
  candidates: HeaderCandidates<F>,
  fieldOrder: readonly F[],
): ColumnMapping<F> {
  const normalised = headers.map(normalizeHeader);
  const taken = new Set<number>();
  const mapping: ColumnMapping<F> = {};
  for (const field of fieldOrder) {
    for (const candidate of candidates[field] ?? []) {
      const key = normalizeHeader(candidate);
      const index = normalised.findIndex((h, i) => h === key && !taken.has(i));
      if (index >= 0) {
        taken.add(index);
        mapping[field] = headers[index] as string;
        break;
      }
    }
  }
  return mapping;
}

export interface MappingOverrideResult<F extends string> {
  mapping: ColumnMapping<F>;
  /** Overrides naming a header the file does not have (field, header). */
  unknown: { field: string; header: string }[];
}

/**
 * Apply the seller's per-field choices over a guessed mapping. An empty header name unmaps the
 * field; a field name that is not a target field is reported like an unknown header.
 */
export function applyMappingOverrides<F extends string>(
  headers: readonly string[],
  guessed: ColumnMapping<F>,
  overrides: Readonly<Record<string, string>>,
  fields: readonly F[],
): MappingOverrideResult<F> {
  const mapping: ColumnMapping<F> = { ...guessed };
  const unknown: { field: string; header: string }[] = [];
  for (const [field, header] of Object.entries(overrides)) {
    if (!(fields as readonly string[]).includes(field)) {
      unknown.push({ field, header });
      continue;
    }
    const f = field as F;
    if (header === '') {
      delete mapping[f];
      continue;
    }
    const index = findHeader(headers, header);
    if (index < 0) unknown.push({ field, header });
    else mapping[f] = headers[index] as string;
  }
  return { mapping, unknown };
}

/** FNV-1a over UTF-16 code units, 32 bits, as 8 hex digits. */
function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * A stable key for a header row, to remember the seller's mapping for "this kind of file".
 * Order-insensitive and normalised (a re-export with columns moved or re-cased is the same
 * layout); 64 bits of hash keep it short for storage. Format: `v1:<count>:<hex16>`.
 */
export function headerSignature(headers: readonly string[]): string {
  const keys = headers
    .map(normalizeHeader)
    .filter((h) => h !== '')
    .sort();
  const joined = keys.join('\u001f');
  return `v1:${keys.length}:${fnv1a(joined, 0x811c9dc5)}${fnv1a(joined, 0x01234567)}`;
}
