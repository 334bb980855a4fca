import { describe, expect, it } from 'vitest';
import { csvLine, parseCsv, restoreCell } from '../../../src/subscribers/index.ts';

describe('CSV', () => {
  it('parses quotes, doubled quotes, CRLF, a BOM and blank lines, keeping line numbers', () => {
    const text = '\uFEFFemail,topics\r\n"a@x.org","robotics;visual-rl"\r\n\r\n"say ""hi""\nthere",b\nlast,row';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['email', 'topics'] },
      { line: 2, cells: ['a@x.org', 'robotics;visual-rl'] },
      { line: 4, cells: ['say "hi"\nthere', 'b'] },
      { line: 6, cells: ['last', 'row'] },
    ]);
  });

  it('round-trips what it writes', () => {
    const values = ['plain', 'with,comma', 'with "quote"', 'multi\nline', ''];
    expect(parseCsv(csvLine(values))).toEqual([{ line: 1, cells: values }]);
  });

  it('neutralises cells a spreadsheet would read as a formula (OWASP): a leading quote, and the cell quoted', () => {
    expect(csvLine(["=cmd|'/Ccalc'!A0@example.org", 'robotics'])).toBe(`"'=cmd|'/Ccalc'!A0@example.org",robotics\n`);
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const cell = parseCsv(csvLine([`${start}1+1`, 'x']))[0]!.cells[0]!;
      expect(cell, JSON.stringify(start)).toBe(`'${start}1+1`);
    }
    expect(csvLine(['plain@example.org', "o'brien@example.org"])).toBe("plain@example.org,o'brien@example.org\n");
  });

  it('restores every neutralised cell exactly, including cells that started with a quote', () => {
    const values = [
      "=cmd|'/Ccalc'!A0@x.org",
      '+1@x.org',
      '-@x',
      '@SUM(A1)',
      '\t=1',
      "'=x@x.org",
      "''x",
      "'plain",
      'plain',
    ];
    const [row] = parseCsv(csvLine(values));
    expect(row!.cells.map(restoreCell)).toEqual(values);
  });
});
