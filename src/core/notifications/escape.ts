/**
 * Escaping per destination. Every value that comes from an order, a parcel or the shop profile
 * passes through one of these before it reaches a message: buyer names and notes are written by
 * strangers, and a name like `Eve\r\nBcc: x@evil` or `<script>` must stay a name.
 */

/** For HTML text and attribute values (double- or single-quoted). */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators (which some mail
// software treats as line breaks).
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * One line fit for a mail header (subject, display names): line breaks and other control
 * characters become spaces, runs of spaces collapse. No header can be injected through it.
 */
export function headerSafe(value: string): string {
  return value.replace(CONTROLS, ' ').replace(/ {2,}/g, ' ').trim();
}

/**
 * Body text: line breaks stay (as `\n`), other control characters go. A NUL or an escape sequence
 * has no business in a message and some clients and terminals misbehave on them.
 */
export function stripControls(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(CONTROLS_BUT_LINE_BREAKS, '');
}

/**
 * The URL when it is an absolute http(s) URL without spaces or control characters, else null.
 * `javascript:`, `data:` and relative links never reach a message.
 */
export function safeHttpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  // eslint-disable-next-line no-control-regex
  if (trimmed === '' || /[\s\u0000-\u001f\u007f-\u009f<>"'`]/.test(trimmed)) return null;
  if (!/^https?:\/\/[^/?#]+/i.test(trimmed)) return null;
  return trimmed;
}
