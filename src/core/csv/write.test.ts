import { describe, expect, it } from 'vitest';
import { neutraliseFormula, toCsv } from './write.ts';

describe('neutraliseFormula', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', false, `'=HYPERLINK("http://evil","x")`],
    ['+49 30 1234567', false, `'+49 30 1234567`],
    ['-2+3', false, `'-2+3`],
    ['@SUM(A1)', false, `'@SUM(A1)`],
    ['\tcmd', false, `'\tcmd`],
    ['\rcmd', false, `'\rcmd`],
    ['\ncmd', false, `'\ncmd`],
    ['Jürgen', false, 'Jürgen'],
    ['01067', false, '01067'],
    ['-12.50', true, '-12.50'],
    ['-12,50', true, '-12,50'],
    ['+3', true, '+3'],
    ['-2+3', true, `'-2+3`],
    ['=1+1', true, `'=1+1`],
    ['', false, ''],
  ])('%j (numeric %s) -> %j', (input, numeric, expected) => {
    expect(neutraliseFormula(input, numeric)).toBe(expected);
  });
});

describe('toCsv', () => {
  it('quotes delimiters, quotes and newlines, with a BOM and CRLF', () => {
    const csv = toCsv(
      [{ header: 'id' }, { header: 'name' }, { header: 'amount', numeric: true }],
      [
        ['1', 'Groß, Jürgen', -5],
        ['2', 'He said "hi"\nthen left', null],
        ['3', '=cmd|calc', '12'],
      ],
      { delimiter: ',', bom: true },
    );
    expect(csv).toBe(
      '\uFEFFid,name,amount\r\n1,"Groß, Jürgen",-5\r\n2,"He said ""hi""\nthen left",\r\n3,\'=cmd|calc,12\r\n',
    );
  });

  it('uses the chosen delimiter', () => {
    expect(toCsv([{ header: 'a' }, { header: 'b' }], [['x;y', 'z']], { delimiter: ';', newline: '\n' })).toBe(
      'a;b\n"x;y";z\n',
    );
  });
});
