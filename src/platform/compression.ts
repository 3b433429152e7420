/**
 * Gzip through the browser's own `CompressionStream` (also in Node 18+): no library, and the
 * work happens off the JavaScript heap as the pieces stream through.
 */

/** Compresses text given in pieces into one gzip Blob. */
export async function gzipText(pieces: Iterable<string>, type = 'application/gzip'): Promise<Blob> {
  const encoder = new TextEncoder();
  const iterator = pieces[Symbol.iterator]();
  const source = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  const compressed = source.pipeThrough(
    new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>,
  );
  const blob = await new Response(compressed).blob();
  return new Blob([blob], { type });
}

/** The text of a file that may be gzip-compressed (recognised by its magic bytes) or plain. */
export async function readMaybeGzipText(file: Blob): Promise<string> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  if (head[0] !== 0x1f || head[1] !== 0x8b) return file.text();
  const stream = file
    .stream()
    .pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
  return new Response(stream).text();
}
