// The production build smoke test (`npm run test:build`, after `npm run build`; CI runs it after the tests): the
// compiled CLI in dist/ starts as the container starts it, and needs nothing outside the production dependencies.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startCli, type CliServer } from '../support/cli-server.ts';
import { safeProductionEnv } from '../support/production-env.ts';
import { openTestRedis, type TestRedis } from '../support/redis.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'dist/cli/main.js');
const SLOW = { timeout: 60_000 };

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => join(e.parentPath, e.name));
}

/** `pkg` of `pkg/sub` and `@scope/pkg` of `@scope/pkg/sub`. */
const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

describe('the production build (dist/)', () => {
  let t: TestRedis;
  let cwd: string;
  let env: Record<string, string>;
  const started: CliServer[] = [];
  const cli = (args: string[], extra: Record<string, string> = {}) => {
    const run = startCli([MAIN, ...args], { ...env, ...extra }, cwd);
    started.push(run);
    return run;
  };

  beforeAll(async () => {
    if (!existsSync(MAIN))
      throw new Error('dist/cli/main.js is missing: run `npm run build` first (npm run test:build)');
    t = await openTestRedis('prod-build');
    cwd = mkdtempSync(join(tmpdir(), 'paperboy-prod-build-'));
    env = safeProductionEnv({ NODE_ENV: 'production', REDIS_URL: t.url, REDIS_PREFIX: t.prefix, LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    await Promise.all(started.map((s) => s.stop()));
    if (cwd) rmSync(cwd, { recursive: true, force: true });
    await t?.cleanup();
  });

  it('imports only Node built-ins and production dependencies (no tsx, no TypeScript)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: object };
    const allowed = new Set([...Object.keys(pkg.dependencies), ...builtinModules]);
    const outside: string[] = [];
    const seen = new Set<string>();
    for (const file of jsFiles(join(ROOT, 'dist'))) {
      const source = readFileSync(file, 'utf8');
      // Static `import ... from "x"` / `export ... from "x"` / `import "x"` statements, and `import("x")`.
      const statements =
        /^\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm;
      for (const m of source.matchAll(statements)) {
        const specifier = m[1] ?? m[2] ?? m[3]!;
        if (specifier.startsWith('.')) continue;
        const name = packageOf(specifier.replace(/^node:/, ''));
        seen.add(name);
        if (!allowed.has(name)) outside.push(`${relative(ROOT, file)}: ${specifier}`);
      }
    }
    expect(outside).toEqual([]);
    // The scan does see the imports (a pattern that matched nothing would pass vacuously).
    for (const name of ['bullmq', 'fastify', 'react', 'zod', 'fs']) expect(seen).toContain(name);
    expect(existsSync(join(ROOT, 'dist/src/papers/sample/sample-day.json'))).toBe(true);
  });

  it('prints its help', SLOW, async () => {
    const run = cli(['--help']);
    expect(await run.exited, run.output()).toBe(0);
    expect(run.output()).toMatch(/Usage: paperboy/);
  });

  it('serves /healthz', SLOW, async () => {
    const port = await freePort();
    const web = cli(['serve'], { PORT: String(port) });
    await web.waitForOutput(/paperboy web is up/, 30_000);
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await web.stop(), web.output()).toBe(0);
  });

  it('runs a worker that passes its readiness check', SLOW, async () => {
    const worker = cli(['worker']);
    await worker.waitForOutput(/workers started/, 30_000);
    const check = cli(['worker', '--check']);
    expect(await check.exited, check.output()).toBe(0);
    expect(await worker.stop(), worker.output()).toBe(0);
  });
});
