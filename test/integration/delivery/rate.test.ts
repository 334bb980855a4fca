import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryLedger } from '../../../src/deliveries/index.ts';
import { enqueueEdition, openQueues } from '../../../src/queue/index.ts';
import { startFakeResend, type FakeResend } from '../../support/fake-resend.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { seedEdition } from '../../support/seed-edition.ts';
import {
  resendWorkerEnv,
  spawnWorker,
  waitForEditionFinish,
  type WorkerProcess,
} from '../../support/worker-process.ts';

describe('SEND_RATE across processes', () => {
  let t: TestRedis;
  let fake: FakeResend;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    t = await openTestRedis('rate');
    // The fake enforces Resend's limit too: any request over 5/s would come back 429.
    fake = await startFakeResend({ rateLimit: 5 });
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await fake.close();
    await t.cleanup();
  });

  it('never exceeds 5 requests in any second with two worker processes, and reaches >= 95% of the rate', async () => {
    const { date } = await seedEdition(t.redis, t.keyspace, 600);
    const env = resendWorkerEnv(t, fake, { SEND_RATE: '5', SEND_BATCH_SIZE: '10', SEND_CONCURRENCY: '4' });
    workers.push(spawnWorker(env), spawnWorker(env));
    const queues = openQueues(t.redis, t.keyspace);
    const ledger = new DeliveryLedger(t.redis, t.keyspace);
    try {
      await enqueueEdition(queues, date);
      await waitForEditionFinish(queues, date, 90_000);
    } finally {
      await queues.close();
    }
    expect((await ledger.counts(date)).sent).toBe(600);
    const sends = fake.requests.filter((r) => r.path === '/emails/batch');
    expect(sends.length).toBeGreaterThanOrEqual(60);
    const timeline = JSON.stringify(sends.map((r) => [r.at - sends[0]!.at, r.status]));
    expect(sends.filter((r) => r.status !== 200).length, `non-200 answers; timeline [ms, status]: ${timeline}`).toBe(0);
    expect(fake.maxRequestsInWindow(1000, (r) => r.path === '/emails/batch')).toBeLessThanOrEqual(5);
    const first = sends[0]!.at;
    const last = sends.at(-1)!.at;
    const achieved = (sends.length - 1) / ((last - first) / 1000);
    console.log(
      `rate test: ${sends.length} requests, achieved ${achieved.toFixed(2)} req/s of 5 (${((achieved / 5) * 100).toFixed(1)}%)`,
    );
    expect(achieved).toBeGreaterThanOrEqual(4.75);
  }, 120_000);
});
