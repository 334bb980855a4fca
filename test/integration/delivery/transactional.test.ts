import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.ts';
import { DeliveryLedger } from '../../../src/deliveries/index.ts';
import { enqueueEdition, openQueues, type Queues } from '../../../src/queue/index.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import { buildWebApp } from '../../../src/web/index.ts';
import { startFakeResend, type FailureStep, type FakeResend, type RecordedRequest } from '../../support/fake-resend.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { seedEdition } from '../../support/seed-edition.ts';
import {
  resendWorkerEnv,
  spawnWorker,
  waitFor,
  waitForEditionFinish,
  type WorkerProcess,
} from '../../support/worker-process.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LINK_SECRETS = 'tx-test-link-secret-0123456789-0123456789';
const CONFIRMATIONS = 40;
const isTransactional = (r: RecordedRequest) => r.idempotencyKey?.startsWith('paperboy-tx/') === true;
const isDigest = (r: RecordedRequest) => r.idempotencyKey?.startsWith('paperboy-digest/') === true;

/** A web app (fastify.inject), a `paperboy worker` process and the fake Resend, all on one test prefix. */
interface Setup {
  t: TestRedis;
  fake: FakeResend;
  env: Record<string, string>;
  app: FastifyInstance;
  worker: WorkerProcess;
  queues: Queues;
  close(): Promise<void>;
}

async function setUp(name: string, fake: FakeResend, settings: Record<string, string>): Promise<Setup> {
  const t = await openTestRedis(name);
  const env = resendWorkerEnv(t, fake, { LINK_SECRETS, ...settings });
  // The web reads the same settings (and could reach the fake): whatever it does with mail shows at the fake.
  const config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
  const app = await buildWebApp({ config, logger: silentLogger(), redis: t.redis, keyspace: t.keyspace });
  const worker = spawnWorker(env);
  const queues = openQueues(t.redis, t.keyspace);
  return {
    t,
    fake,
    env,
    app,
    worker,
    queues,
    close: async () => {
      await worker.stop();
      await app.close();
      await queues.close();
      await t.cleanup();
    },
  };
}

/** POST /subscribe as a browser would, each address from its own IP (the per-IP limit is 20 per 10 minutes). */
async function subscribe(app: FastifyInstance, email: string, n: number): Promise<void> {
  const res = await app.inject({
    method: 'POST',
    url: '/subscribe',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    remoteAddress: `10.7.${n >> 8}.${n & 255}`,
    payload: new URLSearchParams({ email, topics: 'robotics', perTopic: '3' }).toString(),
  });
  expect(res.body).toContain('Check your inbox');
}

/** Runs `node bin/paperboy.js ...args` with the test's environment. */
function paperboy(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/paperboy.js', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout }));
  });
}

const completed = async (queues: Queues) => (await queues.transactional.getJobCounts('completed')).completed ?? 0;

describe('confirmations under 50% provider errors', () => {
  let fake: FakeResend;
  let s: Setup;
  const emails = Array.from({ length: CONFIRMATIONS }, (_, i) => `flaky${i}@paperboy.test`);

  beforeAll(async () => {
    // Every other request fails, for the first 60 (the 40 first attempts and the 20 retries they cause): half of the
    // failures before the provider accepts the email, half after it has (the answer is lost, the email went out).
    const steps: FailureStep[] = Array.from({ length: 60 }, (_, i) =>
      i % 4 === 0
        ? { kind: 'status', status: 500 }
        : i % 4 === 2
          ? { kind: 'status', status: 500, when: 'after' }
          : { kind: 'pass' },
    );
    fake = await startFakeResend({ script: steps });
    s = await setUp('tx-errors', fake, { SEND_RATE: '50' });
  });
  afterAll(async () => {
    await s.close();
    await fake.close();
  });

  it('delivers all 40 exactly once each, and the operator sees every one sent', async () => {
    for (const [n, email] of emails.entries()) await subscribe(s.app, email, n);
    // On a timeout the assertions below say what did arrive.
    await waitFor(async () => (await completed(s.queues)) === CONFIRMATIONS, 60_000, 'all sent').catch(() => undefined);

    const counts = emails.map((e) => fake.countFor(e));
    expect(
      counts.filter((c) => c === 1),
      `emails per address: ${counts.join(',')}`,
    ).toHaveLength(CONFIRMATIONS);
    const sends = fake.requests.filter(isTransactional);
    // At least every other first attempt failed (an `after` step on a request answered from the store does nothing).
    expect(sends.filter((r) => r.status === 500).length).toBeGreaterThanOrEqual(CONFIRMATIONS / 2);
    // Retries of the emails accepted before their 500 were answered from the idempotency store, not sent again.
    expect(sends.filter((r) => r.replayed).length).toBeGreaterThan(0);
    expect(sends.filter((r) => r.status === 409)).toHaveLength(0);

    const status = await paperboy(['transactional', 'status', '--json'], s.env);
    expect(status.code).toBe(0);
    const report = JSON.parse(status.stdout) as { counts: Record<string, number>; failures: unknown[] };
    expect(report.counts).toMatchObject({ completed: CONFIRMATIONS, failed: 0, waiting: 0, delayed: 0 });
    expect(report.failures).toEqual([]);
  }, 150_000);

  it('shows a failed email to the operator, and a retry (what Bull Board does) sends it under the same key', async () => {
    // The provider takes the email but answers with an error the worker cannot retry: the job fails at once.
    const done = await completed(s.queues);
    fake.reset(); // whatever is left of the first test's script
    fake.script({ kind: 'status', status: 422, name: 'validation_error', when: 'after' });
    await subscribe(s.app, 'refused@paperboy.test', 200);
    await waitFor(
      async () => (await s.queues.transactional.getJobCounts('failed')).failed === 1,
      30_000,
      'the email to fail',
    );
    const shown = await paperboy(['transactional', 'status'], s.env);
    expect(shown.stdout).toMatch(/failed 1/);
    expect(shown.stdout).toContain('refused@paperboy.test');
    expect(shown.stdout).toContain('validation_error');

    const retried = await paperboy(['transactional', 'retry'], s.env);
    expect(retried.stdout).toContain('Re-queued 1 failed transactional email');
    await waitFor(async () => (await completed(s.queues)) === done + 1, 30_000, 'the retry to complete');
    expect(fake.countFor('refused@paperboy.test')).toBe(1);
    const keys = fake.requests.filter(
      (r) => fake.messagesTo('refused@paperboy.test')[0]?.idempotencyKey === r.idempotencyKey,
    );
    expect(keys.map((r) => r.replayed)).toEqual([false, true]);
  }, 120_000);
});

describe('confirmations during a digest send at 2 requests per second', () => {
  let fake: FakeResend;
  let s: Setup;
  const DIGEST_BATCHES = 16;
  const emails = Array.from({ length: CONFIRMATIONS }, (_, i) => `during${i}@paperboy.test`);

  beforeAll(async () => {
    // The fake answers 429 to anything over 2 requests in a second, as Resend does by default.
    fake = await startFakeResend({ rateLimit: 2 });
    s = await setUp('tx-during', fake, { SEND_RATE: '2', SEND_BATCH_SIZE: '1' });
  });
  afterAll(async () => {
    await s.close();
    await fake.close();
  });

  it('delivers all 40, ahead of the digest batches still waiting', async () => {
    const ledger = new DeliveryLedger(s.t.redis, s.t.keyspace);
    const { date } = await seedEdition(s.t.redis, s.t.keyspace, DIGEST_BATCHES, 'readers.test');
    await enqueueEdition(s.queues, date);
    await waitFor(
      () => Promise.resolve(fake.requests.filter(isDigest).length >= 2),
      60_000,
      'the digest send to start',
    );
    const askedAt = new Map<string, number>();
    for (const [n, email] of emails.entries()) {
      await subscribe(s.app, email, n);
      askedAt.set(email, Date.now());
    }

    await waitForEditionFinish(s.queues, date, 120_000);
    await waitFor(async () => (await completed(s.queues)) === CONFIRMATIONS, 60_000, 'all sent').catch(() => undefined);
    const counts = emails.map((e) => fake.countFor(e));
    expect(
      counts.filter((c) => c === 1),
      `emails per address: ${counts.join(',')}`,
    ).toHaveLength(CONFIRMATIONS);
    expect((await ledger.counts(date)).sent).toBe(DIGEST_BATCHES);

    // Arrival order at the provider: the confirmations went out before the digest send finished, and hardly any
    // digest request got between the first and the last of them (a first-come pacer interleaves most of the send).
    const accepted = fake.requests.filter((r) => r.status === 200 && !r.replayed);
    const line = accepted.map((r) => (isTransactional(r) ? 'T' : isDigest(r) ? 'D' : '?')).join('');
    const firstTx = line.indexOf('T');
    const lastTx = line.lastIndexOf('T');
    expect(lastTx, `arrivals: ${line}`).toBeLessThan(line.lastIndexOf('D'));
    const digestsAmongTx = [...line.slice(firstTx, lastTx + 1)].filter((c) => c === 'D').length;
    expect(digestsAmongTx, `arrivals: ${line}`).toBeLessThanOrEqual(3);
    // Figures for the report (not asserted): how long each confirmation waited, and how often the provider said 429.
    const waits = emails.map((e) => (fake.messagesTo(e)[0]?.at ?? 0) - (askedAt.get(e) ?? 0)).sort((a, b) => a - b);
    const rateLimited = fake.requests.filter((r) => r.status === 429).length;
    console.log(
      `transactional during a digest send: arrivals ${line} (T confirmation, D digest batch); ` +
        `wait from POST to provider min ${waits[0]} ms, median ${waits[20]} ms, max ${waits.at(-1)} ms; ${rateLimited} answers 429`,
    );
  }, 180_000);
});
