import { describe, expect, it } from 'vitest';
import { decodeBytes, decodeWindows1252, detectEncoding } from './decode.ts';

const utf8 = (text: string): number[] => [...new TextEncoder().encode(text)];
function utf16(text: string, endian: 'le' | 'be'): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (endian === 'le') out.push(unit & 0xff, unit >> 8);
    else out.push(unit >> 8, unit & 0xff);
  }
  return out;
}
/** `Müller;5 €` as Excel's western "CSV" export writes it (windows-1252). */
const CP1252 = [0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x3b, 0x35, 0x20, 0x80];
/** `Иван Петров;Москва` as Russian Excel writes it (windows-1251). */
const CP1251 = [
  0xc8, 0xe2, 0xe0, 0xed, 0x20, 0xcf, 0xe5, 0xf2, 0xf0, 0xee, 0xe2, 0x3b, 0xcc, 0xee, 0xf1, 0xea, 0xe2, 0xe0,
];
const SAMPLE = 'Name;Ort\r\nJürgen Groß;Köln €\r\nОльга;Москва\r\n';

describe('decodeBytes', () => {
  it.each<[string, number[], string, string, boolean]>([
    ['UTF-8 without BOM', utf8(SAMPLE), SAMPLE, 'utf-8', false],
    ['UTF-8 with BOM', [0xef, 0xbb, 0xbf, ...utf8(SAMPLE)], SAMPLE, 'utf-8', true],
    ['UTF-16LE with BOM', [0xff, 0xfe, ...utf16(SAMPLE, 'le')], SAMPLE, 'utf-16le', true],
    ['UTF-16BE with BOM', [0xfe, 0xff, ...utf16(SAMPLE, 'be')], SAMPLE, 'utf-16be', true],
    ['UTF-16LE without BOM (Excel "Unicode Text")', utf16(SAMPLE, 'le'), SAMPLE, 'utf-16le', false],
    ['UTF-16BE without BOM', utf16(SAMPLE, 'be'), SAMPLE, 'utf-16be', false],
    ['windows-1252 (western Excel CSV)', CP1252, 'Müller;5 €', 'windows-1252', false],
    ['windows-1251 (Russian Excel CSV)', CP1251, 'Иван Петров;Москва', 'windows-1251', false],
    ['empty file', [], '', 'utf-8', false],
    ['ASCII only', utf8('a,b\n'), 'a,b\n', 'utf-8', false],
  ])('%s', (_name, bytes, text, encoding, bom) => {
    expect(decodeBytes(new Uint8Array(bytes))).toEqual({ text, encoding, bom });
  });

  it.each<[string, number[], string, string, string]>([
    ['a forced label wins over detection', utf8('Müller'), 'latin1', 'MÃ¼ller', 'windows-1252'],
    ['utf8 is utf-8', utf8('Müller'), 'UTF8', 'Müller', 'utf-8'],
    ['"unicode" is UTF-16LE', utf16('Aö', 'le'), 'unicode', 'Aö', 'utf-16le'],
    ['cp1251 is windows-1251', CP1251.slice(0, 4), 'cp1251', 'Иван', 'windows-1251'],
    // A BOM that disagrees with the forced label must not stay glued to the first header.
    [
      'a disagreeing BOM goes too',
      [0xef, 0xbb, 0xbf, ...utf8('Name')],
      'windows-1252',
      'ï»¿Name',
      'windows-1252',
    ],
  ])('%s', (_name, bytes, label, text, encoding) => {
    const decoded = decodeBytes(new Uint8Array(bytes), label);
    expect({ text: decoded.text, encoding: decoded.encoding }).toEqual({ text, encoding });
  });

  it('removes a U+FEFF that a forced UTF-8 label leaves at the start', () => {
    expect(decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Name')]), 'utf-8')).toEqual({
      text: 'Name',
      encoding: 'utf-8',
      bom: true,
    });
  });
});

describe('detectEncoding', () => {
  it.each<[string, number[], string]>([
    ['valid UTF-8', utf8('Grüße'), 'utf-8'],
    ['a lone high byte among western text', [...utf8('Caf'), 0xe9, ...utf8(' au lait')], 'windows-1252'],
    ['Cyrillic words of high bytes', CP1251, 'windows-1251'],
    ['a few NULs are not UTF-16', [0x61, 0x00, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67], 'utf-8'],
  ])('%s -> %s', (_name, bytes, encoding) => {
    expect(detectEncoding(new Uint8Array(bytes))).toBe(encoding);
  });
});

describe('decodeWindows1252', () => {
  it('maps 0x80-0x9F per WHATWG, not as Latin-1 control characters', () => {
    expect(decodeWindows1252(new Uint8Array([0x80, 0x8a, 0x93, 0x94, 0x96, 0x99, 0x9f]))).toBe('€Š“”–™Ÿ');
  });

  it('maps the other bytes to the same code points', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i).filter((b) => b < 0x80 || b >= 0xa0);
    expect([...decodeWindows1252(bytes)].map((c) => c.charCodeAt(0))).toEqual([...bytes]);
  });

  it('decodes more than one chunk of characters', () => {
    const bytes = new Uint8Array(20_000).fill(0x80);
    expect(decodeWindows1252(bytes)).toBe('€'.repeat(20_000));
  });
});
