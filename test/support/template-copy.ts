import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

export interface TemplateCopy {
  /** The copied templates folder, laid out like the repository's templates/. */
  dir: string;
  remove(): void;
}

/**
 * A scratch copy of templates/ that a test may break and fix freely (never the real templates). Beside it sit links
 * to the repository's node_modules and src, so the copy's imports (React, zod, and the types it names from src)
 * resolve, and a package.json (ESM) and tsconfig.json (the repository's settings: JSX, strictness), so tsx compiles
 * it and TypeScript checks it as the real templates are.
 */
export function copyTemplates(): TemplateCopy {
  const root = mkdtempSync(join(tmpdir(), 'paperboy-templates-'));
  cpSync(join(ROOT, 'templates'), join(root, 'templates'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  symlinkSync(join(ROOT, 'src'), join(root, 'src'), 'dir');
  writeFileSync(join(root, 'package.json'), '{ "type": "module", "private": true }\n');
  const tsconfig = { extends: join(ROOT, 'tsconfig.json'), include: ['templates', 'src'] };
  writeFileSync(join(root, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  return { dir: join(root, 'templates'), remove: () => rmSync(root, { recursive: true, force: true }) };
}
