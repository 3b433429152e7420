/**
 * The Encoding API's `TextDecoder`, reached through `globalThis` with a narrow type.
 *
 * Why not an ambient `declare var TextDecoder` like `../globals.d.ts` does for crypto: `src/core`
 * is compiled by four projects (core with no DOM, app with DOM, workers with WebWorker, server with
 * @types/node) and each of those already declares `TextDecoder` with its own type; a second global
 * declaration clashes in three of them. A typed lookup compiles the same everywhere and keeps the
 * rest of the DOM out of reach. Browsers, workers and Node (>= 11) all provide the constructor.
 */

/** The part of `TextDecoder` the import uses. */
export interface TextDecoderLike {
  decode(input: Uint8Array): string;
}

export interface TextDecoderOptionsLike {
  /** Throw on malformed input instead of inserting U+FFFD: how "is this valid UTF-8?" is asked. */
  fatal?: boolean;
  /** Keep a byte order mark in the output; the import strips BOMs itself before decoding. */
  ignoreBOM?: boolean;
}

type TextDecoderConstructor = new (label?: string, options?: TextDecoderOptionsLike) => TextDecoderLike;

export function createTextDecoder(label: string, options: TextDecoderOptionsLike = {}): TextDecoderLike {
  const ctor = (globalThis as unknown as { TextDecoder?: TextDecoderConstructor }).TextDecoder;
  if (!ctor) throw new Error('TextDecoder is not available in this runtime');
  return new ctor(label, options);
}
