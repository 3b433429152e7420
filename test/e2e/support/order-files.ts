/** Order files made on the fly: many rows, or a fixture moved to recent days. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { daysAgo, daysBetween, isRealDay } from './dates.ts';

const tempFile = (name: string): string =>
  path.join(mkdtempSync(path.join(tmpdir(), 'trackpack-e2e-')), name);

export function writeOrderCsv(rows: number, name = `orders-${rows}.csv`): string {
  const lines = ['Order Number,Order Date,Name,Street,Zip,City,Country,SKU,Quantity'];
  for (let i = 1; i <= rows; i++) {
    lines.push(
      `B-${i},${daysAgo((i % 9) + 1)},Jürgen Groß ${i},"Hauptstraße ${i}, Hof",01067,Dresden,DE,MUG-${i % 50},1`,
    );
  }
  const file = tempFile(name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const ISO_DAY = /\b\d{4}-\d{2}-\d{2}\b/g;

/**
 * A copy of the fixture file (same name, in a temporary folder) whose `yyyy-mm-dd` days are moved
 * so that the newest is yesterday, keeping the days between them; a day that does not exist
 * (`2026-11-31`, a deliberate bad row) stays as written. The fixture keeps real dates, and the
 * orders still land in the list's default window on any day the test runs.
 */
export function recentCopy(fixture: string): string {
  const text = readFileSync(fixture, 'utf8');
  const days = [...text.matchAll(ISO_DAY)].map((m) => m[0]).filter(isRealDay);
  const newest = days.reduce((a, b) => (a > b ? a : b), '');
  const shift = newest === '' ? 0 : daysBetween(newest, daysAgo(1));
  const moved = text.replace(ISO_DAY, (day) =>
    isRealDay(day) ? daysAgo(daysBetween(day, daysAgo(0)) - shift) : day,
  );
  const file = tempFile(path.basename(fixture));
  writeFileSync(file, moved);
  return file;
}
