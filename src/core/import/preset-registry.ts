/**
 * Recognising a file layout from its headers, shared by every registry of presets (marketplace
 * order exports, tracking sheets): each preset names the headers that identify it, and the one
 * whose identifying headers the file has best wins, with an explicit fallback when none fits.
 */
import { findHeader } from './mapping.ts';

export interface DetectablePreset {
  id: string;
  /** Headers whose presence identifies the layout; an inner list means "any one of these". */
  detect: readonly (string | readonly string[])[];
}

/** Share of a preset's identifying headers a file must have for the preset to be chosen. */
export const MIN_DETECT_SCORE = 0.6;

/** Share (0..1) of the preset's identifying headers present in `headers`. */
export function presetScore(preset: DetectablePreset, headers: readonly string[]): number {
  if (preset.detect.length === 0) return 0;
  let matched = 0;
  for (const entry of preset.detect) {
    const options = typeof entry === 'string' ? [entry] : entry;
    if (options.some((h) => findHeader(headers, h) >= 0)) matched++;
  }
  return matched / preset.detect.length;
}

/** The preset whose identifying headers the file has best; `fallback` when none fits. */
export function detectFrom<P extends DetectablePreset>(
  presets: readonly P[],
  fallback: P,
  headers: readonly string[],
): P {
  let best = fallback;
  let bestScore = MIN_DETECT_SCORE - Number.EPSILON;
  for (const preset of presets) {
    const score = presetScore(preset, headers);
    if (score > bestScore) {
      best = preset;
      bestScore = score;
    }
  }
  return best;
}
