/** Order files made on the fly for tests that need many rows. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function writeOrderCsv(rows: number, name = `orders-${rows}.csv`): string {
  const lines = ['Order Number,Order Date,Name,Street,Zip,City,Country,SKU,Quantity'];
  for (let i = 1; i <= rows; i++) {
    lines.push(
      `B-${i},2026-11-0${(i % 9) + 1},Jürgen Groß ${i},"Hauptstraße ${i}, Hof",01067,Dresden,DE,MUG-${i % 50},1`,
    );
  }
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'trackpack-e2e-')), name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}
