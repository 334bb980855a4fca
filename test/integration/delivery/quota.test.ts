// A used-up provider quota through real worker processes: the send queue pauses (for every worker, in every
// process), nothing is lost or failed, and resuming the queue from the admin board lets the edition finish.
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryLedger } from '../../../src/deliveries/index.ts';
import { enqueueEdition, openQueues, type Queues } from '../../../src/queue/index.ts';
import { expectEachExactlyOnce, expectLedgerComplete, startTestWeb, type TestWeb } from '../../support/delivery.ts';
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

const SUBSCRIBERS = 40; // 10 preference profiles of 4: 10 batches
const QUOTA = 12; // three batches' worth

describe('a used-up provider quota through two worker processes', () => {
  let t: TestRedis | undefined;
  let fake: FakeResend | undefined;
  let queues: Queues | undefined;
  let web: TestWeb | undefined;
  let workers: WorkerProcess[] = [];

  afterEach(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    workers = [];
    await web?.close();
    await queues?.close();
    await fake?.close();
    await t?.cleanup();
  });

  // One quota is enough here: daily and monthly take the same path (test/unit/mail/resend-errors.test.ts maps both).
  it.each(['daily'] as const)(
    '%s quota: pauses the send queue, and resuming it from the board sends everyone else exactly once',
    async (which) => {
      t = await openTestRedis(`quota-${which}`);
      fake = await startFakeResend(which === 'daily' ? { dailyQuota: QUOTA } : { monthlyQuota: QUOTA });
      queues = openQueues(t.redis, t.keyspace);
      web = await startTestWeb(t);
      const ledger = new DeliveryLedger(t.redis, t.keyspace);
      const { date, emails } = await seedEdition(t.redis, t.keyspace, SUBSCRIBERS);
      const env = resendWorkerEnv(t, fake, { SEND_RATE: '20', SEND_BATCH_SIZE: '10', SEND_CONCURRENCY: '2' });
      workers.push(spawnWorker(env), spawnWorker(env));
      await enqueueEdition(queues, date);

      const send = queues.send;
      await waitFor(() => send.isPaused(), 60_000, 'the send queue to pause itself');
      // Batches that were already running meet the quota too and go back to the queue; then nothing moves.
      await waitFor(async () => (await send.getActiveCount()) === 0, 60_000, 'the running batches to settle');
      expect(fake.requests.filter((r) => r.errorName === `${which}_quota_exceeded`).length).toBeGreaterThan(0);
      expect(fake.stats().totalMessages).toBe(QUOTA);
      const paused = await ledger.counts(date);
      expect(paused).toMatchObject({ sent: QUOTA, failed: 0, skipped: 0 });
      expect(paused.queued + paused.sending).toBe(SUBSCRIBERS - QUOTA);

      // The quota resets; the operator resumes the queue from the board, as the worker's error log says.
      fake.configure(which === 'daily' ? { dailyQuota: undefined } : { monthlyQuota: undefined });
      const resumed = await web.app.inject({
        method: 'PUT',
        url: '/admin/queues/api/queues/send/resume',
        headers: web.admin,
      });
      expect(resumed.statusCode).toBe(200);
      expect(await send.isPaused()).toBe(false);
      // The worker that met the quota also held the queue for a minute; the test lifts that hold, so it waits only
      // for the workers' own look-again delay (BullMQ's maximumRateLimitDelay, 30 s).
      await send.removeRateLimitKey();

      await waitForEditionFinish(queues, date, 90_000);
      expectEachExactlyOnce(fake, emails);
      await expectLedgerComplete(t, date, SUBSCRIBERS);
    },
    150_000,
  );
});
