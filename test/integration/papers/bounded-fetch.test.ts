import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers, type Workers } from '../../../jobs/workers.ts';
import { loadConfig } from '../../../src/config/index.ts';
import { PapersClient, PapersLimitError, type PapersClientOptions } from '../../../src/papers/index.ts';
import { enqueueEdition, stageJobId } from '../../../src/queue/index.ts';
import { createRuntime, type Runtime } from '../../../src/runtime/index.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import { makeDayItems, startFakePapersApi, type FakePapersApi } from '../../support/fake-papers-api.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';

// A Daily Papers API that never stops paging, or that answers a page far larger than any real one, must fail the
// fetch loudly (a typed error naming the cap, its value and the variable), never cut the day silently or read it all.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DATE = '2025-11-24';
const ENDLESS = '2025-11-25';
const HUGE_BODY = 64 * 1024 * 1024;
const CAP = 256 * 1024;

function paperboy(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/paperboy.js', ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stderr }));
  });
}

describe('the papers client stops at its caps', () => {
  let api: FakePapersApi;
  const client = (overrides: Partial<PapersClientOptions> = {}) =>
    new PapersClient({
      apiUrl: api.url,
      timeoutMs: 10_000,
      retries: 2,
      baseDelayMs: 5,
      logger: silentLogger(),
      ...overrides,
    });

  beforeAll(async () => {
    api = await startFakePapersApi({ days: { [DATE]: makeDayItems(DATE, 250) } });
  });
  afterAll(async () => {
    await api.close();
  });

  it('fails a day that never reaches its empty page with a PapersLimitError naming PAPERS_MAX_PAGES', async () => {
    api.reset();
    api.setEndlessDay(ENDLESS);
    const error = await client({ maxPages: 3 })
      .fetchDay(ENDLESS)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PapersLimitError);
    expect(error).toMatchObject({ limit: 'pages', value: 3, variable: 'PAPERS_MAX_PAGES', retryable: false });
    expect((error as Error).message).toContain('PAPERS_MAX_PAGES=3');
    // Pages 0-2 are allowed; page 3 still had papers, and nothing further was asked.
    expect(api.requestsFor(ENDLESS).map((r) => r.p)).toEqual(['0', '1', '2', '3']);
  });

  it('accepts a day of exactly the page cap (its empty page comes right after)', async () => {
    api.reset();
    const day = await client({ maxPages: 3 }).fetchDay(DATE);
    expect(day.papers).toHaveLength(250);
    expect(day.pages).toBe(3);
  });

  it('stops reading a chunked response at PAPERS_MAX_RESPONSE_BYTES and closes the connection', async () => {
    api.reset();
    api.fail({ kind: 'huge', bytes: HUGE_BODY });
    const error = await client({ maxResponseBytes: CAP })
      .fetchDay(DATE)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PapersLimitError);
    expect(error).toMatchObject({
      limit: 'bytes',
      value: CAP,
      variable: 'PAPERS_MAX_RESPONSE_BYTES',
      retryable: false,
    });
    expect((error as Error).message).toContain(`PAPERS_MAX_RESPONSE_BYTES=${CAP}`);
    // Not retried (the same request answers the same), and the server saw the client hang up early: of the 64 MB it
    // wrote only what the client read plus the socket buffers between them.
    const [huge, ...rest] = api.requestsFor(DATE);
    expect(rest).toEqual([]);
    await expect.poll(() => huge?.completed === false && huge.bytesWritten! < HUGE_BODY / 4).toBe(true);
  });

  it('refuses a response whose Content-Length is over the cap without reading its body', async () => {
    api.reset();
    api.fail({ kind: 'huge', bytes: HUGE_BODY, declareLength: true });
    const error = await client({ maxResponseBytes: CAP })
      .fetchDay(DATE)
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ limit: 'bytes', variable: 'PAPERS_MAX_RESPONSE_BYTES' });
    expect((error as Error).message).toContain(`Content-Length ${HUGE_BODY}`);
    const [huge] = api.requestsFor(DATE);
    await expect.poll(() => huge?.completed === false && huge.bytesWritten! < HUGE_BODY / 4).toBe(true);
  });
});

describe('a papers cap fails the CLI and the fetch job', () => {
  let api: FakePapersApi;
  let t: TestRedis;

  beforeAll(async () => {
    api = await startFakePapersApi();
    api.setEndlessDay(ENDLESS);
    t = await openTestRedis('bounded-fetch');
  });
  afterAll(async () => {
    await api.close();
    await t.cleanup();
  });

  it(
    '`paperboy papers --date D` exits 1 with one line naming the cap, and stores nothing',
    { timeout: 120_000 },
    async () => {
      const env = { REDIS_URL: t.url, REDIS_PREFIX: t.prefix, PAPERS_API_URL: api.url, PAPERS_MAX_PAGES: '2' };
      const { code, stderr } = await paperboy(['papers', '--date', ENDLESS], env);

      expect(code).toBe(1);
      expect(stderr).toContain('PAPERS_MAX_PAGES=2');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(await t.redis.exists(t.keyspace.key('papers', ENDLESS))).toBe(0);
    },
  );

  it('the fetch job fails on its first attempt (not retried) and the edition fails with it', async () => {
    const config = loadConfig({
      REDIS_URL: t.url,
      REDIS_PREFIX: t.prefix,
      PAPERS_API_URL: api.url,
      PAPERS_MAX_PAGES: '2',
      LOG_LEVEL: 'silent',
    });
    const rt: Runtime = createRuntime(config, silentLogger());
    const workers: Workers = startWorkers(rt, { lockDurationMs: 5_000 });
    try {
      await enqueueEdition(rt.queues, ENDLESS);
      const state = async (stage: 'fetch' | 'finish') =>
        (await Job.fromId(rt.queues.edition, stageJobId(ENDLESS, stage)))?.getState();
      await expect.poll(() => state('finish'), { timeout: 20_000, interval: 100 }).toBe('failed');

      const fetch = await Job.fromId(rt.queues.edition, stageJobId(ENDLESS, 'fetch'));
      expect(await fetch?.getState()).toBe('failed');
      expect(fetch?.attemptsMade).toBe(1);
      expect(fetch?.failedReason).toContain('PAPERS_MAX_PAGES=2');
      expect(await t.redis.exists(t.keyspace.key('papers', ENDLESS))).toBe(0);
    } finally {
      await workers.close();
      await rt.close();
    }
  });
});
