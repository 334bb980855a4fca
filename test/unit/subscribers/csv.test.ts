import { describe, expect, it } from 'vitest';
import { csvLine, parseCsv } from '../../../src/subscribers/index.ts';

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
});
