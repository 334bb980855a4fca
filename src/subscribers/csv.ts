/** Parses CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF, a leading BOM) into rows with line numbers. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let sawAnything = false;
  const endRow = () => {
    cells.push(cell);
    if (sawAnything) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
    sawAnything = false;
  };
  for (let i = 0; i < input.length; i += 1) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === '\n') line += 1;
        cell += c;
      }
      continue;
    }
    if (c === '"' && cell.length === 0) {
      quoted = true;
      sawAnything = true;
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
      sawAnything = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i += 1;
      endRow();
      line += 1;
      rowLine = line;
    } else {
      cell += c;
      if (c.trim() !== '') sawAnything = true;
    }
  }
  if (cell.length > 0 || cells.length > 0) endRow();
  return rows;
}

// A spreadsheet reads a cell that starts with one of these as a formula (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;
// What `neutraliseCell` prefixed: a quote before a formula start, or before a quote (so the mapping reverses).
const NEUTRALISED = /^'[=+\-@\t\r']/;

/**
 * A cell a spreadsheet will show as text, as OWASP recommends against CSV injection: a cell starting with `=`,
 * `+`, `-`, `@`, tab or CR gets a leading single quote (and `csvField` then quotes it). A cell that already starts
 * with a quote followed by one of those (or by another quote) gets one too, so `restoreCell` can always undo it:
 * addresses such as `=cmd|'/Ccalc'!A0@example.org` or `'=x@example.org` are valid and must survive a round trip.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) || NEUTRALISED.test(value) ? `'${value}` : value;
}

/** Undoes `neutraliseCell` on a cell read back from an exported file. */
export function restoreCell(value: string): string {
  return NEUTRALISED.test(value) ? value.slice(1) : value;
}

/**
 * One CSV field: neutralised against formula injection, and quoted when it holds a comma, quote or line break or
 * was neutralised.
 */
export function csvField(value: string): string {
  const cell = neutraliseCell(value);
  return cell !== value || /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** One CSV line (LF-terminated). */
export function csvLine(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\n`;
}
