import { describe, expect, it } from 'vitest';
import { tokenize, type QuoteProblem } from './tokenize.ts';

interface Case {
  name: string;
  text: string;
  delimiter?: string;
  cells: string[][];
  lines?: number[];
  problems?: (QuoteProblem | undefined)[];
}

const CASES: Case[] = [
  { name: 'empty text', text: '', cells: [] },
  { name: 'one cell', text: 'a', cells: [['a']] },
  {
    name: 'CRLF rows, trailing break',
    text: 'a,b\r\nc,d\r\n',
    cells: [
      ['a', 'b'],
      ['c', 'd'],
    ],
    lines: [1, 2],
  },
  {
    name: 'LF rows, no trailing break',
    text: 'a,b\nc,d',
    cells: [
      ['a', 'b'],
      ['c', 'd'],
    ],
  },
  {
    name: 'lone CR rows (old Mac)',
    text: 'a,b\rc,d\r',
    cells: [
      ['a', 'b'],
      ['c', 'd'],
    ],
    lines: [1, 2],
  },
  {
    name: 'CR rows with an LF inside a quoted cell (Excel for Mac)',
    text: '\r"\n",',
    cells: [[''], ['\n', '']],
    lines: [1, 2],
  },
  {
    name: 'CR rows, quoted LF cell after a bare cell',
    text: 'id,note\r1,"two\nlines"\r2,x\r',
    cells: [
      ['id', 'note'],
      ['1', 'two\nlines'],
      ['2', 'x'],
    ],
    lines: [1, 2, 4],
  },
  { name: 'lone CR inside an LF file is text', text: 'a\rb\nc', cells: [['a\rb'], ['c']] },
  {
    name: 'empty cells',
    text: ',,\n,',
    cells: [
      ['', '', ''],
      ['', ''],
    ],
  },
  { name: 'blank line is one empty cell', text: 'a\n\nb', cells: [['a'], [''], ['b']], lines: [1, 2, 3] },
  { name: 'quoted delimiter', text: '"a,b",c', cells: [['a,b', 'c']] },
  { name: 'doubled quotes', text: '"say ""hi""",x', cells: [['say "hi"', 'x']] },
  { name: 'quoted empty cell', text: '"",a', cells: [['', 'a']] },
  {
    name: 'quoted line break moves later rows down',
    text: '"1\r\n2",x\r\ny,z',
    cells: [
      ['1\r\n2', 'x'],
      ['y', 'z'],
    ],
    lines: [1, 3],
  },
  { name: 'quote inside a bare cell is text', text: '5" tall,x', cells: [['5" tall', 'x']] },
  {
    name: 'semicolon',
    text: 'a;"b;c"\n1;2',
    delimiter: ';',
    cells: [
      ['a', 'b;c'],
      ['1', '2'],
    ],
  },
  { name: 'tab', text: 'a\tb,c\n', delimiter: '\t', cells: [['a', 'b,c']] },
  { name: 'unicode', text: 'Ольга,東京,😀\n', cells: [['Ольга', '東京', '😀']] },
  {
    name: 'text after a closing quote is kept and flagged',
    text: '"abc"def,x\ny',
    cells: [['abcdef', 'x'], ['y']],
    problems: ['text_after_quote', undefined],
  },
  {
    name: 'unterminated quote costs one line',
    text: 'a,"bc\nd,e',
    cells: [
      ['a', '"bc'],
      ['d', 'e'],
    ],
    problems: ['unterminated_quote', undefined],
  },
  {
    name: 'a stray quote pairing with one lines later costs one line',
    text: 'a,"b\nc,d\ne"f,g',
    cells: [
      ['a', '"b'],
      ['c', 'd'],
      ['e"f', 'g'],
    ],
    problems: ['unterminated_quote', undefined, undefined],
  },
];

describe('tokenize', () => {
  it.each(CASES)('$name', ({ text, delimiter = ',', cells, lines, problems }) => {
    const records = tokenize(text, delimiter);
    expect(records.map((r) => r.cells)).toEqual(cells);
    if (lines) expect(records.map((r) => r.line)).toEqual(lines);
    if (problems) expect(records.map((r) => r.problem)).toEqual(problems);
    expect(records.at(-1)?.end ?? 0).toBe(text.length);
  });

  it.each(['', ',,', '"', '\n', '\r'])('refuses the delimiter %j', (delimiter) => {
    expect(() => tokenize('a', delimiter)).toThrow(/Unusable delimiter/);
  });

  it('stops after maxRecords and resumes where a record ended', () => {
    const text = 'h1,h2\r\n"a\r\nb",1\r\nc,2\r\n';
    const [header, first] = tokenize(text, ',', { maxRecords: 2 });
    expect(header?.cells).toEqual(['h1', 'h2']);
    expect(first).toMatchObject({ cells: ['a\r\nb', '1'], line: 2, endLine: 4 });
    const rest = tokenize(text, ',', { start: { offset: first?.end ?? 0, line: first?.endLine ?? 0 } });
    expect(rest).toEqual([{ line: 4, cells: ['c', '2'], end: text.length, endLine: 5 }]);
  });

  it('resumes a CR file with LFs in quoted cells on the same row ends', () => {
    const text = 'a\r"x\ny"\rb\r';
    const [first] = tokenize(text, ',', { maxRecords: 1 });
    const rest = tokenize(text, ',', { start: { offset: first?.end ?? 0, line: first?.endLine ?? 0 } });
    expect(rest.map((r) => r.cells)).toEqual([['x\ny'], ['b']]);
  });

  it('leaves the columns not kept empty without copying them', () => {
    const records = tokenize('a,b,c\n1,"2",3', ',', { keep: [true, false, true] });
    expect(records.map((r) => r.cells)).toEqual([
      ['a', '', 'c'],
      ['1', '', '3'],
    ]);
  });
});
