import { existsSync, readFileSync } from 'node:fs';

/**
 * The version in Paperboy's package.json, found by walking up from this file, so it works from `cli/` under tsx
 * and from a compiled `dist/cli/` alike.
 */
export function packageVersion(): string {
  for (const up of ['../package.json', '../../package.json', '../../../package.json']) {
    const url = new URL(up, import.meta.url);
    if (!existsSync(url)) continue;
    const pkg = JSON.parse(readFileSync(url, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'paperboy' && pkg.version) return pkg.version;
  }
  return 'unknown';
}
