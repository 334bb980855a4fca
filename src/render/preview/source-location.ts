// Where in the template sources a preview failure comes from: a syntax error (tsx/esbuild names the file), a thrown
// error (its stack, source-mapped by tsx, names the template frame), or an MJML validation error (a line of the
// generated MJML, traced back to the *.mjml.ts file whose markup produced it).
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SourceLocation {
  /** The file, relative to the templates folder (`digest/DigestEmail.tsx`). */
  file: string;
  line: number;
  column: number;
}

/** A failure as the preview page shows it. */
export interface Problem {
  kind: 'syntax' | 'runtime' | 'mjml' | 'props';
  message: string;
  location?: SourceLocation | undefined;
  /** A few source lines around the location, the failing one marked. */
  frame?: string | undefined;
  /** How the location was found, when it is a best guess. */
  note?: string | undefined;
}

/** `dir`-relative path of `file` (a path or file: URL), or undefined when it lies outside `dir`. */
export function insideDir(file: string, dir: string): string | undefined {
  const path = file.startsWith('file://') ? fileURLToPath(file) : file;
  const rel = relative(dir, path);
  return rel && !rel.startsWith('..') && !rel.startsWith(sep) ? rel.split(sep).join('/') : undefined;
}

/** The location esbuild (through tsx) gives a syntax error: `/path/file.tsx:12:5: ERROR: message`. */
export function syntaxLocation(message: string, dir: string): (SourceLocation & { message: string }) | undefined {
  const m = /((?:file:\/\/)?\/[^\s:]+):(\d+):(\d+): ERROR: (.*)/.exec(message);
  const file = m ? insideDir(m[1]!, dir) : undefined;
  if (!m || file === undefined) return undefined;
  return { file, line: Number(m[2]), column: Number(m[3]) + 1, message: m[4]!.replace(/ undefined$/, '') };
}

/** The first frame of a stack that lies in `dir` (tsx maps it to the .tsx source). */
export function stackLocation(stack: string, dir: string): SourceLocation | undefined {
  for (const line of stack.split('\n')) {
    const m = /\(?((?:file:\/\/)?\/[^()\s]+?):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    const file = m ? insideDir(m[1]!, dir) : undefined;
    if (m && file !== undefined) return { file, line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

/** Lines `line - context` to `line + context` of `source`, numbered, the failing one marked with `>` and a caret. */
export function codeFrame(source: string, line: number, column: number, context = 2): string {
  const lines = source.split(/\r?\n/);
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = lines[n - 1] ?? '';
    out.push(`${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${text}`);
    if (n === line && column > 0) out.push(`  ${' '.repeat(width)} | ${' '.repeat(column - 1)}^`);
  }
  return out.join('\n');
}

/** The code frame of a location in `dir`, or undefined when the file cannot be read. */
export function frameAt(dir: string, at: SourceLocation): string | undefined {
  try {
    return codeFrame(readFileSync(`${dir}/${at.file}`, 'utf8'), at.line, at.column);
  } catch {
    return undefined;
  }
}

export interface SourceFile {
  /** Relative to the templates folder. */
  file: string;
  text: string;
}

/**
 * The *.mjml.ts line whose markup produced line `errorLine` of the generated MJML: the source line that shares the
 * longest stretch of literal text with the generated one, starting at the failing tag (interpolated values differ,
 * so the match stops at the first `${`). Undefined when no source line shares the tag's opening.
 */
export function mjmlOrigin(
  generated: string,
  errorLine: number,
  tagName: string | undefined,
  sources: readonly SourceFile[],
): SourceLocation | undefined {
  const text = generated.split(/\r?\n/)[errorLine - 1] ?? '';
  const tag = tagName ? `<${tagName}` : '<';
  const start = text.indexOf(tag);
  if (start < 0) return undefined;
  const wanted = text.slice(start);
  let best: (SourceLocation & { score: number }) | undefined;
  for (const source of sources) {
    source.text.split(/\r?\n/).forEach((line, i) => {
      for (let at = line.indexOf(tag); at >= 0; at = line.indexOf(tag, at + 1)) {
        const literal = line.slice(at).split('${')[0]!;
        let n = 0;
        while (n < literal.length && n < wanted.length && literal[n] === wanted[n]) n++;
        if (n >= tag.length + 1 && (!best || n > best.score))
          best = { file: source.file, line: i + 1, column: at + 1, score: n };
      }
    });
  }
  return best && { file: best.file, line: best.line, column: best.column };
}
