import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.ts';
import { DeliveryLedger, readerOrdersKey } from '../../../src/deliveries/index.ts';
import { enqueueEdition, openQueues } from '../../../src/queue/index.ts';
import { startFakeResend, type FakeResend } from '../../support/fake-resend.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { seedEdition } from '../../support/seed-edition.ts';
import {
  resendWorkerEnv,
  spawnWorker,
  waitFor,
  waitForEditionFinish,
  type WorkerProcess,
} from '../../support/worker-process.ts';

const SUBSCRIBERS = 2000;

describe('exactly once through worker crashes', () => {
  let t: TestRedis;
  let fake: FakeResend;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    t = await openTestRedis('crash');
    fake = await startFakeResend({ latencyMs: 20, keepBodies: true });
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await fake.close();
    await t.cleanup();
  });

  it('sends every subscriber exactly one message, in their own order, when the worker is SIGKILLed twice mid-send', async () => {
    // Two readers in three have votes and follows: their digests are their own (order, "For you", why lines).
    const { date, emails } = await seedEdition(t.redis, t.keyspace, SUBSCRIBERS, 'paperboy.test', { personal: true });
    const env = resendWorkerEnv(t, fake, {
      SEND_RATE: '40',
      SEND_BATCH_SIZE: '20',
      SEND_CONCURRENCY: '4',
      WORKER_LOCK_MS: '2000',
    });
    const config = loadConfig(env);
    const queues = openQueues(t.redis, t.keyspace);
    const ledger = new DeliveryLedger(t.redis, t.keyspace);
    try {
      workers.push(spawnWorker(env));
      await enqueueEdition(queues, date);
      // Kill twice while sending is under way: once early, once past the middle.
      for (const threshold of [300, 1100]) {
        await waitFor(async () => (await ledger.counts(date)).sent >= threshold, 60_000, `${threshold} sent`);
        await workers.at(-1)?.kill();
        workers.push(spawnWorker(env));
      }
      await waitForEditionFinish(queues, date, 90_000);
      const counts = await ledger.counts(date);
      expect(counts.sent).toBe(SUBSCRIBERS);
      expect(counts.failed + counts.queued + counts.sending).toBe(0);
      const stats = fake.stats({ byRecipient: true });
      expect(stats.recipients).toBe(SUBSCRIBERS);
      expect(stats.totalMessages).toBe(SUBSCRIBERS);
      expect(stats.duplicatedRecipients).toBe(0);
      for (const email of emails) expect(fake.countFor(email)).toBe(1);
      // A batch retried after a kill sent the same payload under the same key: Resend answers 409 to any other.
      expect(stats.statusCounts['409'] ?? 0).toBe(0);
      const personal = emails.filter((email) => fake.messagesTo(email)[0]?.html?.includes('>For you</h2>'));
      expect(personal.length).toBeGreaterThan(SUBSCRIBERS / 3);
      // Each reader's order was fixed once, at the first claim of their batch.
      expect(await t.redis.hlen(readerOrdersKey(t.keyspace, date))).toBe(SUBSCRIBERS);
      expect(config.send.lockMs).toBe(2000);
    } finally {
      await queues.close();
    }
  }, 180_000);
});
