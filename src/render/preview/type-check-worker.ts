// The preview's type checker: a long-lived child process that type-checks the templates folder after each edit,
// so a prop that does not exist (or has the wrong type) shows as TypeScript's own message at the template's line.
// It keeps the parsed library and dependency files between checks (they never change), so only the first check
// pays for parsing React's and the project's types. argv: the templates folder, the tsconfig.json to follow.
import { statSync } from 'node:fs';
import type TypeScript from 'typescript';
import { join } from 'node:path';
import { codeFrame, insideDir } from './source-location.ts';
import type { TypeCheckMessage, TypeProblem } from './type-check-protocol.ts';

const [dir = '', tsconfig = ''] = process.argv.slice(2);
const send = (m: TypeCheckMessage) => process.send?.(m);

let ts: typeof TypeScript;
try {
  ts = (await import('typescript')).default;
} catch (error) {
  send({ unavailable: `typescript is not installed (${error instanceof Error ? error.message : String(error)})` });
  process.exit(0);
}

const parsed = ts.getParsedCommandLineOfConfigFile(
  tsconfig,
  { noEmit: true },
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  },
);
const options = parsed?.options ?? { strict: true, jsx: ts.JsxEmit.ReactJSX, noEmit: true };
const host = ts.createCompilerHost(options);
const cache = new Map<string, { stamp: string; file: TypeScript.SourceFile }>();
const readSourceFile = host.getSourceFile.bind(host);

/** A file's stamp: its mtime and size under the templates folder (they change), a constant elsewhere (they do not). */
function stampOf(fileName: string): string {
  if (insideDir(fileName, dir) === undefined) return 'fixed';
  try {
    const s = statSync(fileName);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return 'missing';
  }
}

host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
  const stamp = stampOf(fileName);
  const hit = cache.get(fileName);
  if (hit && hit.stamp === stamp) return hit.file;
  const file = readSourceFile(fileName, languageVersion, onError, shouldCreate);
  if (!file) return file;
  (file as { version?: string }).version = stamp; // the builder program compares versions between checks
  cache.set(fileName, { stamp, file });
  return file;
};

let builder: TypeScript.SemanticDiagnosticsBuilderProgram | undefined;

function check(): { problems: TypeProblem[]; files: number } {
  const roots = [join(dir, 'index.ts'), join(dir, 'preview-data.ts')];
  builder = ts.createSemanticDiagnosticsBuilderProgram(roots, options, host, builder);
  const files = builder.getSourceFiles().filter((f) => insideDir(f.fileName, dir) !== undefined);
  const problems: TypeProblem[] = [];
  for (const file of files) {
    for (const d of [...builder.getSyntacticDiagnostics(file), ...builder.getSemanticDiagnostics(file)]) {
      const at = file.getLineAndCharacterOfPosition(d.start ?? 0);
      problems.push({
        file: insideDir(file.fileName, dir)!,
        line: at.line + 1,
        column: at.character + 1,
        message: `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
        frame: codeFrame(file.text, at.line + 1, at.character + 1),
      });
    }
  }
  return { problems, files: files.length };
}

process.on('message', (req: { id: number }) => {
  const started = performance.now();
  const result = check();
  send({ id: req.id, ...result, ms: performance.now() - started });
});
process.on('disconnect', () => process.exit(0));
send({ ready: true });
