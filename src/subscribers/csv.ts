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

/** One CSV field, quoted when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line (LF-terminated). */
export function csvLine(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\n`;
}
