/**
 * A Code 128 barcode as an SVG string, for packing slips and labels printed from the browser.
 * Only numbers go into attributes; the human-readable line and the accessible title are element
 * text, XML-escaped, so no text from an order can open an attribute or a tag.
 */
import { encodeCode128 } from './code128.ts';

export interface BarcodeSvgOptions {
  /** Width of the narrowest bar, in SVG user units (px when the SVG is inlined). Default 2. */
  moduleWidth?: number;
  /** Height of the bars. Default 60. */
  barHeight?: number;
  /** Quiet zone on each side, in modules; Code 128 requires at least 10. Default 10. */
  quietZoneModules?: number;
  /** Font size of the human-readable line; 0 leaves the line out. Default 14. */
  fontSize?: number;
  /** The text under the bars; the encoded text when absent (e.g. pass a grouped `1Z 999 ...`). */
  humanReadable?: string;
}

const DEFAULT_MODULE_WIDTH = 2;
const DEFAULT_BAR_HEIGHT = 60;
const MIN_QUIET_ZONE_MODULES = 10;
const DEFAULT_FONT_SIZE = 14;
/** Gap between the bars and the text line, as a share of the font size. */
const TEXT_GAP_SHARE = 0.4;

/** Escape text for XML element content. */
export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** A finite, non-negative number written short (no exponent, at most 3 decimals). */
function num(value: number): string {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`Not a usable SVG size: ${value}`);
  return String(Math.round(value * 1000) / 1000);
}

/** The barcode for `text` as a standalone `<svg>` element. */
export function code128Svg(text: string, options: BarcodeSvgOptions = {}): string {
  const module = options.moduleWidth ?? DEFAULT_MODULE_WIDTH;
  const barHeight = options.barHeight ?? DEFAULT_BAR_HEIGHT;
  const quiet = Math.max(options.quietZoneModules ?? MIN_QUIET_ZONE_MODULES, MIN_QUIET_ZONE_MODULES);
  const fontSize = options.fontSize ?? DEFAULT_FONT_SIZE;
  const label = options.humanReadable ?? text;
  const { widths, modules } = encodeCode128(text);

  const width = (modules + 2 * quiet) * module;
  const textHeight = fontSize > 0 ? fontSize * (1 + TEXT_GAP_SHARE) : 0;
  const height = barHeight + textHeight;
  const rects: string[] = [];
  let x = quiet;
  widths.forEach((w, i) => {
    // Even positions are bars, odd ones spaces.
    if (i % 2 === 0) {
      rects.push(
        `<rect x="${num(x * module)}" y="0" width="${num(w * module)}" height="${num(barHeight)}"/>`,
      );
    }
    x += w;
  });
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" role="img">`,
    `<title>${escapeXml(label)}</title>`,
    `<rect x="0" y="0" width="${num(width)}" height="${num(height)}" fill="#fff"/>`,
    `<g fill="#000">${rects.join('')}</g>`,
  ];
  if (fontSize > 0) {
    parts.push(
      `<text x="${num(width / 2)}" y="${num(height - fontSize * 0.2)}" font-family="monospace" font-size="${num(fontSize)}" text-anchor="middle" fill="#000">${escapeXml(label)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
