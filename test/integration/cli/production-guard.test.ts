// With NODE_ENV=production, `paperboy serve` and `paperboy worker` refuse each development default (exit code 3,
// naming the variable) and start with safe values.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startCli, type CliServer } from '../../support/cli-server.ts';
import { safeProductionEnv } from '../../support/production-env.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';

const BIN = fileURLToPath(new URL('../../../bin/paperboy.js', import.meta.url));
// Each process loads the CLI through tsx: slow on a busy machine.
const SLOW = { timeout: 120_000 };
const UNSAFE = ['LINK_SECRETS', 'PUBLIC_BASE_URL', 'POSTAL_ADDRESS', 'MAIL_FROM'] as const;

describe('serve and worker with NODE_ENV=production', () => {
  let t: TestRedis;
  let cwd: string;
  let env: Record<string, string>;
  const started: CliServer[] = [];
  const start = (command: string, extra: Record<string, string>) => {
    const server = startCli([BIN, command], { ...env, ...extra }, cwd);
    started.push(server);
    return server;
  };

  beforeAll(async () => {
    t = await openTestRedis('prod-guard');
    // An empty working directory: no .env of the developer's leaks in.
    cwd = mkdtempSync(join(tmpdir(), 'paperboy-prod-guard-'));
    env = safeProductionEnv({ NODE_ENV: 'production', REDIS_URL: t.url, REDIS_PREFIX: t.prefix, LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    await Promise.all(started.map((s) => s.stop()));
    rmSync(cwd, { recursive: true, force: true });
    await t.cleanup();
  });

  it.each(['serve', 'worker'])(
    '`paperboy %s` refuses each unsafe default with exit code 3 and its name',
    SLOW,
    async (command) => {
      const runs = UNSAFE.map((name) => {
        const { [name]: _unset, ...rest } = env;
        const server = startCli([BIN, command], rest, cwd);
        started.push(server);
        return server;
      });
      const codes = await Promise.all(runs.map((r) => r.exited));
      UNSAFE.forEach((name, i) => {
        const output = runs[i]!.output();
        expect(codes[i], output).toBe(3);
        expect(output).toContain(`${name}:`);
        expect(output).toContain('NODE_ENV=production');
        // Only the unset variable is named: the others were safe.
        for (const other of UNSAFE.filter((n) => n !== name)) expect(output).not.toContain(`${other}:`);
      });
    },
  );

  it('`paperboy serve` starts with safe values and answers /healthz', SLOW, async () => {
    const port = await freePort();
    const server = start('serve', { PORT: String(port) });
    await server.waitForOutput(/paperboy web is up/, 60_000);
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    const code = await server.stop();
    expect(code, server.output()).toBe(0);
  });

  it(
    '`paperboy worker` starts with safe values, is ready for `worker --check` while it runs, and stops on SIGTERM',
    SLOW,
    async () => {
      const check = async () => {
        const run = startCli([BIN, 'worker', '--check'], env, cwd);
        return { code: await run.exited, output: run.output() };
      };
      const before = await check();
      expect(before.code, before.output).toBe(4);
      expect(before.output).toMatch(/no worker heartbeat from/);

      const worker = start('worker', {});
      await worker.waitForOutput(/workers started/, 60_000);
      const running = await check();
      expect(running.code, running.output).toBe(0);
      expect(running.output).toMatch(/is ready/);

      const code = await worker.stop();
      expect(code, worker.output()).toBe(0);
      expect(worker.output()).toContain('workers stopped');
      // A stopped (or draining) worker is no longer ready.
      expect((await check()).code).toBe(4);
    },
  );
});
