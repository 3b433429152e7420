/** Files in and out of the browser: reading a chosen file, saving a download, a shared file. */

/** Where the service worker leaves a file shared to Trackpack (see workers/sw.ts). */
const SHARE_CACHE = 'trackpack-shared-files';
const SHARED_FILE_URL = '/shared-file';

export async function readFileBytes(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** Offers bytes as a download with the given name. */
export function saveDownload(bytes: Uint8Array, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The file shared to Trackpack from another app (Android "share to"), taken once. */
export async function takeSharedFile(): Promise<{ bytes: Uint8Array; name: string } | undefined> {
  if (!('caches' in window)) return undefined;
  const cache = await caches.open(SHARE_CACHE);
  const response = await cache.match(SHARED_FILE_URL);
  if (!response) return undefined;
  await cache.delete(SHARED_FILE_URL);
  const encodedName = response.headers.get('X-File-Name');
  const name = encodedName ? decodeURIComponent(encodedName) : 'shared.csv';
  return { bytes: new Uint8Array(await response.arrayBuffer()), name };
}
