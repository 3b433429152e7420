/**
 * Several tracking numbers in one cell or one input, as sellers paste them. A module of its own so
 * that the parcel form can split what is typed without loading the tracking-sheet reader.
 */
import { detectCarriers, isPlausibleTrackingNumber } from '../carriers/index.ts';

/** Separators between several numbers in one cell; spaces are handled apart (see `splitNumbers`). */
const LIST_SEPARATORS = /[,;|\r\n]+/;

/**
 * The numbers in one cell. Commas, semicolons, bars and line breaks always separate; spaces
 * separate only when every space-separated part is a plausible number by itself and the whole is
 * not one verified number, because carriers print their numbers in groups (`1Z 999 AA1 01 2345
 * 6784`, `0034 0434 1612 3456 7890`).
 */
export function splitNumbers(cell: string): string[] {
  const out: string[] = [];
  for (const part of cell.split(LIST_SEPARATORS)) {
    const text = part.trim();
    if (text === '') continue;
    const tokens = text.split(/\s+/);
    if (tokens.length === 1) {
      out.push(text);
      continue;
    }
    const whole = detectCarriers(text)[0];
    const allPlausible = tokens.every((t) => isPlausibleTrackingNumber(t));
    if (allPlausible && !(whole?.verified ?? false)) out.push(...tokens);
    else out.push(text);
  }
  return out;
}
