/**
 * Text folding for search: what a seller types on any keyboard should find what a marketplace
 * file spelled. Case and accents are ignored ("jurgen gross" finds "Jürgen Groß"), letters that do
 * not decompose are spelled out (ß -> ss, ł -> l, ø -> o, æ -> ae, ı -> i), Cyrillic stays Cyrillic
 * with ё -> е (Russian writes е for ё most of the time) but й kept (it is a letter of its own, not
 * an accented и).
 *
 * German (and Danish/Norwegian) also spell umlauts out: "Juergen" for "Jürgen", "Soeren" for
 * "Søren". Folding alone would turn "Jürgen" into "jurgen", which "juergen" does not prefix-match,
 * so a word with ä/ö/ü/ø/å has a second, expanded variant ("juergen"); the index holds both and a
 * query tries both, so every spelling finds every other.
 */

/** Letters that Unicode decomposition leaves alone, spelled the way their users do in ASCII. */
const SPELLED_OUT: Readonly<Record<string, string>> = {
  ß: 'ss',
  ł: 'l',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ħ: 'h',
};
const SPELLED_OUT_RE = /[ßłøæœıđðþħ]/g;

/** The transliterations behind the expanded variant (applied before folding). */
const EXPANDED: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ø: 'oe', å: 'aa' };
const EXPANDED_RE = /[äöüøå]/g;
const EXPANDABLE_RE = /[äöüøå]/;

const ASCII_RE = /^[\x20-\x7e]*$/;
const MARKS_RE = /\p{M}/gu;
const NOT_WORD_RE = /[^\p{L}\p{N}]+/gu;

/** Lower case, accents off, special letters spelled out; punctuation kept. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  // Most order ids, tracking numbers and many names are plain ASCII: skip the Unicode work.
  if (ASCII_RE.test(lower)) return lower;
  return (
    lower
      .replace(SPELLED_OUT_RE, (ch) => SPELLED_OUT[ch] ?? ch)
      // NFKD also unfolds ligatures and full-width forms typed on CJK keyboards.
      .normalize('NFKD')
      // й decomposes to и + breve: put it back together before the marks go.
      .replace(/\u0438\u0306/g, '\u0439')
      .replace(MARKS_RE, '')
  );
}

/** The expanded spelling (ä -> ae, ...), or `null` when the text has nothing to expand. */
export function expand(text: string): string | null {
  if (ASCII_RE.test(text)) return null;
  const lower = text.normalize('NFC').toLowerCase();
  if (!EXPANDABLE_RE.test(lower)) return null;
  return fold(lower.replace(EXPANDED_RE, (ch) => EXPANDED[ch] ?? ch));
}

/** The words of a text after folding: runs of letters and digits. */
export function words(folded: string): string[] {
  return folded.split(NOT_WORD_RE).filter((word) => word !== '');
}

/**
 * The searchable form of a text: folded, words separated by single spaces.
 * `normalizeForSearch("  Jürgen GROSS-Groß ")` is `"jurgen gross gross"`.
 */
export function normalizeForSearch(text: string): string {
  return words(fold(text)).join(' ');
}

/** Every form a text is indexed and queried under: the normal one and, if different, the expanded one. */
export function searchVariants(text: string): string[] {
  const normal = normalizeForSearch(text);
  const expanded = expand(text);
  if (expanded === null) return [normal];
  const other = words(expanded).join(' ');
  return other === normal ? [normal] : [normal, other];
}

/**
 * Text with everything but letters and digits removed, for matching codes regardless of how they
 * were spaced or dashed: "114-3941689-8772232" and "JJD 0001 2345" become "11439416898772232" and
 * "jjd00012345".
 */
export function compactForSearch(text: string): string {
  return fold(text).replace(NOT_WORD_RE, '');
}
