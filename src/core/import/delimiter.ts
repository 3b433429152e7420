/**
 * Which character separates cells. Decided from the header line and the rows after it by the
 * consistency of cell counts, not by counting characters, so that decimal commas (`12,50` in a
 * German `;` file) and commas inside quoted addresses do not win.
 */
import { tokenize } from './tokenize.ts';

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** Records read per candidate: enough to see a few data rows after a blank line and the header. */
const SNIFF_RECORDS = 40;

function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

/** How well `delimiter` explains the start of `text`: higher is better, 0 is "not at all". */
export function delimiterScore(text: string, delimiter: string): number {
  const records = tokenize(text, delimiter, { maxRecords: SNIFF_RECORDS }).filter((r) => !isBlank(r.cells));
  const header = records[0];
  if (!header || header.cells.length < 2) return 0;
  const width = header.cells.length;
  const data = records.slice(1);
  // The last record may be a report footer (eBay) or cut short; it counts like any other row, the
  // footer costs every candidate alike.
  const matching = data.filter((r) => r.cells.length === width && !r.problem).length;
  const consistency = data.length === 0 ? 1 : matching / data.length;
  // Consistency first; among equally consistent candidates the one giving more columns wins.
  return consistency * 1000 + Math.min(width, 999) / 1000;
}

/** The best delimiter for `text`; `,` when nothing splits the header (a one-column file). */
export function detectDelimiter(text: string, candidates: readonly string[] = DELIMITERS): string {
  let best = ',';
  let bestScore = 0;
  for (const d of candidates) {
    const score = delimiterScore(text, d);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}
