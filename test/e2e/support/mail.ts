/**
 * What the shared test server "sent": with no SMTP configured it writes each e-mail as an `.eml`
 * file under DATA_DIR/mail (README), and scripts/e2e-server.mjs notes its DATA_DIR in a file
 * named after the port.
 */
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PORT = process.env['E2E_PORT'] ?? '8181';

export async function mailDir(): Promise<string> {
  const dataDir = (await readFile(path.join(tmpdir(), `trackpack-e2e-${PORT}.datadir`), 'utf8')).trim();
  return path.join(dataDir, 'mail');
}

/** Every e-mail written so far, as raw text. */
export async function mails(): Promise<string[]> {
  const dir = await mailDir();
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml'));
  return Promise.all(files.map((f) => readFile(path.join(dir, f), 'utf8')));
}

/** The e-mails that mention `needle` (an order number of this test run, say). */
export async function mailsMentioning(needle: string): Promise<string[]> {
  return (await mails()).filter((text) => text.includes(needle));
}
