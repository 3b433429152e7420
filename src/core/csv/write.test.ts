import { describe, expect, it } from 'vitest';
import { neutraliseFormula, removeFormulaGuards, toCsv } from './write.ts';

describe('neutraliseFormula', () => {
  it.each([
    // A formula start at the beginning of the cell.
    ['=HYPERLINK("http://evil","x")', false, `'=HYPERLINK("http://evil","x")`],
    ['+49 30 1234567', false, `'+49 30 1234567`],
    ['-2+3', false, `'-2+3`],
    ['@SUM(A1)', false, `'@SUM(A1)`],
    ['\tcmd', false, `'\tcmd`],
    ['\rcmd', false, `'\rcmd`],
    ['\ncmd', false, `'\ncmd`],
    ['  =1+1', false, `'  =1+1`],
    ['"=1+1"', false, `'"=1+1"`],
    // A formula start after a character that starts a cell under another separator.
    ['x;=HYPERLINK("http://evil")', false, `x;'=HYPERLINK("http://evil")`],
    ['x,=1+1', false, `x,'=1+1`],
    ['x\t@SUM(A1)', false, `x\t'@SUM(A1)`],
    ['x|-2+3', false, `x|'-2+3`],
    ['x\r\n+1', false, `x\r\n'+1`],
    ['x\n=1', false, `x\n'=1`],
    ['x; "=1"', false, `x;' "=1"`],
    ['x,\t=1', false, `x,\t'=1`],
    ['=a;=b,=c', false, `'=a;'=b,'=c`],
    // Harmless text stays as it is.
    ['Jürgen', false, 'Jürgen'],
    ['01067', false, '01067'],
    ['T-Shirt, blau', false, 'T-Shirt, blau'],
    ['a=b; c-d', false, 'a=b; c-d'],
    ['2026-03-05', false, '2026-03-05'],
    ['', false, ''],
    // Numeric columns keep a plain number with its sign.
    ['-12.50', true, '-12.50'],
    ['-12,50', true, '-12,50'],
    ['+3', true, '+3'],
    ['-2+3', true, `'-2+3`],
    ['=1+1', true, `'=1+1`],
  ])('%j (numeric %s) -> %j', (input, numeric, expected) => {
    expect(neutraliseFormula(input, numeric)).toBe(expected);
  });

  it('looks past a long run of spaces in one pass', () => {
    const value = `x,${' '.repeat(50_000)}=1`;
    expect(neutraliseFormula(value)).toBe(`x,'${' '.repeat(50_000)}=1`);
  });
});

describe('removeFormulaGuards', () => {
  it.each([
    '=HYPERLINK("http://evil","x")',
    '\tcmd',
    '\t=1',
    'x;=1',
    'x\r\n+1',
    'x; "=1"',
    '=a;=b,=c',
    "it's fine",
    "'quoted'",
    '01067',
  ])('reads %j back from what neutraliseFormula wrote', (value) => {
    expect(removeFormulaGuards(neutraliseFormula(value))).toBe(value);
  });
});

describe('toCsv', () => {
  it('quotes every text cell and doubles quotes; a numeric column writes plain numbers bare', () => {
    const csv = toCsv(
      [{ header: 'id' }, { header: 'name' }, { header: 'amount', numeric: true }],
      [
        ['1', 'Groß, Jürgen', -5],
        ['2', 'He said "hi"\nthen left', null],
        ['3', '=cmd|calc', '12'],
        ['4', 'x;=1+1', '=1+1'],
      ],
      { delimiter: ',', bom: true },
    );
    expect(csv).toBe(
      '\uFEFF"id","name","amount"\r\n' +
        '"1","Groß, Jürgen",-5\r\n' +
        '"2","He said ""hi""\nthen left",\r\n' +
        `"3","'=cmd|calc",12\r\n` +
        `"4","x;'=1+1","'=1+1"\r\n`,
    );
  });

  it('uses the chosen delimiter and line end', () => {
    expect(toCsv([{ header: 'a' }, { header: 'b' }], [['x;y', 'z']], { delimiter: ';', newline: '\n' })).toBe(
      '"a";"b"\n"x;y";"z"\n',
    );
  });

  it('quotes only what needs it with `needed`, and still guards', () => {
    expect(
      toCsv([{ header: 'a' }, { header: 'b' }, { header: 'c' }], [['x,=1', 'tab\there', 'say "hi"']], {
        delimiter: '\t',
        quoting: 'needed',
      }),
    ).toBe(`a\tb\tc\r\nx,'=1\t"tab\there"\t"say ""hi"""\r\n`);
  });

  it('drops NUL characters', () => {
    expect(toCsv([{ header: 'a' }], [['x\0=1']], { newline: '\n' })).toBe('"a"\n"x=1"\n');
  });
});
