import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubscriberStore } from '../../../src/subscribers/index.ts';
import { runPaperboy } from '../../support/cli-process.ts';
import { makeDayItems, startFakePapersApi, type FakePapersApi } from '../../support/fake-papers-api.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';

// The CLI papercuts, each through the real `bin/paperboy.js` without a terminal (as a script or a pipe runs it).
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DATE = '2025-11-24';
const PROFILE = {
  topics: ['visual-rl', 'image-generation', 'vlm-reasoning', 'robotics'],
  perTopic: 3,
  alsoTrending: true,
};

describe('CLI papercuts', () => {
  let t: TestRedis;
  let api: FakePapersApi;
  let outbox: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    t = await openTestRedis('cli-papercuts');
    api = await startFakePapersApi({ days: { [DATE]: makeDayItems(DATE, 8) } });
    outbox = mkdtempSync(join(tmpdir(), 'paperboy-papercuts-'));
    env = {
      REDIS_URL: t.url,
      REDIS_PREFIX: t.prefix,
      PAPERS_API_URL: api.url,
      OUTBOX_DIR: outbox,
      SEND_RATE: '1000',
    };
    await new SubscriberStore(t.redis, t.keyspace).add('reader@example.org', PROFILE, { confirmed: true });
  });
  afterAll(async () => {
    await api.close();
    await t.cleanup();
    rmSync(outbox, { recursive: true, force: true });
  });

  it('--version prints the version of package.json', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const res = await runPaperboy(['--version'], {});
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toBe(pkg.version);
  }, 60_000);

  it('`run --wait` with no worker says so and gives up after the grace period, exit 1', async () => {
    const res = await runPaperboy(['run', '--date', '2025-11-25', '--wait', '--worker-grace', '1'], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('no worker is connected');
    expect(res.stderr).toMatch(/gave up after 1 s.*paperboy worker/);
  }, 60_000);

  it('`run --inline` without a terminal runs the whole edition, not just the fetch, and prints the summary', async () => {
    const res = await runPaperboy(['run', '--date', DATE, '--inline'], env);
    expect(res.stderr).not.toContain('unexpected error');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(new RegExp(`Edition ${DATE}: \\d+ papers, 1 recipients: 1 sent, 0 failed`));
    // `--json` commands print JSON only, with the logs on stderr.
    const edition = await runPaperboy(['edition', '--date', DATE, '--json'], { ...env, LOG_LEVEL: 'info' });
    expect(edition.code).toBe(0);
    expect((JSON.parse(edition.stdout) as { date: string }).date).toBe(DATE);
    const status = await runPaperboy(['deliveries', 'status', '--date', DATE, '--json'], { ...env, LOG_LEVEL: 'info' });
    expect(JSON.parse(status.stdout)).toMatchObject({ date: DATE, sent: 1 });
    const list = await runPaperboy(['subscribers', 'list', '--json'], { ...env, LOG_LEVEL: 'info' });
    expect(JSON.parse(list.stdout)).toEqual(expect.any(Array));
    const mail = await runPaperboy(['transactional', 'status', '--json'], { ...env, LOG_LEVEL: 'info' });
    expect(JSON.parse(mail.stdout)).toHaveProperty('counts');
  }, 120_000);

  it('`run --inline --no-wait` is refused (the inline workers would stop at once)', async () => {
    const res = await runPaperboy(['run', '--date', DATE, '--inline', '--no-wait'], env);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--inline needs to wait');
  }, 60_000);

  it('`subscribers export | head` ends quietly when the reader closes the pipe', async () => {
    const store = new SubscriberStore(t.redis, t.keyspace);
    for (let i = 0; i < 1500; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, j) =>
          store.add(`reader-${i + j}-with-a-rather-long-address@example.org`, PROFILE, { confirmed: true }),
        ),
      );
    }
    const child = spawn(process.execPath, ['bin/paperboy.js', 'subscribers', 'export'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    // Like `head -1`: read the first chunk, then close the pipe while the export is still writing.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  }, 120_000);
});
