// A provider 429 through real worker processes: correctness, never timing (the achieved rate is `npm run bench rate`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueEdition, openQueues, type Queues } from '../../../src/queue/index.ts';
import { expectEachExactlyOnce, expectLedgerComplete } from '../../support/delivery.ts';
import { startFakeResend, type FakeResend, type RecordedRequest } from '../../support/fake-resend.ts';
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
const RETRY_AFTER_S = 4;

describe('a provider 429 through two worker processes', () => {
  let t: TestRedis;
  let fake: FakeResend;
  let queues: Queues;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    t = await openTestRedis('rate-limit');
    // The first two requests are parked until the test lets them go, so it knows what is in flight at the 429.
    fake = await startFakeResend({ script: [{ kind: 'hold' }, { kind: 'hold' }] });
    queues = openQueues(t.redis, t.keyspace);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await queues?.close();
    await fake?.close();
    await t?.cleanup();
  });

  it('pauses every worker for the Retry-After, burns no attempt, and sends everyone exactly once', async () => {
    const { date, emails } = await seedEdition(t.redis, t.keyspace, SUBSCRIBERS);
    // One batch in flight per process, a rate the pacer never has to slow for, a timeout longer than any hold.
    const env = resendWorkerEnv(t, fake, {
      SEND_RATE: '20',
      SEND_BATCH_SIZE: '10',
      SEND_CONCURRENCY: '1',
      RESEND_TIMEOUT_MS: '60000',
    });
    workers.push(spawnWorker(env), spawnWorker(env));
    await enqueueEdition(queues, date);

    // Each process has its one batch's request parked at the provider: nothing else can be in flight.
    await waitFor(
      () => Promise.resolve(fake.held().length === 2),
      60_000,
      'one parked request from each worker process',
    );
    const [first, second] = fake.held() as [RecordedRequest, RecordedRequest];
    fake.release(first.seq, { kind: 'rate-limit', retryAfterS: RETRY_AFTER_S });

    // The worker that got the 429 rate-limits the send queue, which every worker of every process obeys.
    let pauseEndsNoEarlierThan = 0;
    await waitFor(
      async () => {
        const asked = Date.now();
        // A pause a worker set (worker.rateLimit), not the limiter's own count of jobs this second.
        const ttl = await queues.send.getRateLimitTtl(Number.MAX_SAFE_INTEGER);
        if (ttl <= 0) return false;
        pauseEndsNoEarlierThan = asked + ttl;
        return true;
      },
      30_000,
      'the send queue to be rate limited',
      20,
    );
    // The other process's request now completes; its worker must not start another batch during the pause.
    fake.release(second.seq);
    await waitForEditionFinish(queues, date, 90_000);

    const duringPause = fake.requests.filter((r) => r.seq > second.seq && r.at < pauseEndsNoEarlierThan);
    expect(duringPause, 'requests that arrived while every worker should have been paused').toEqual([]);
    expect(fake.requests.filter((r) => r.status === 429)).toHaveLength(1);
    expectEachExactlyOnce(fake, emails);
    await expectLedgerComplete(t, date, SUBSCRIBERS);
    // A 429 is a wait, not a failure: every batch, the rate-limited one included, finished on its first attempt.
    const sendJobs = await queues.send.getJobs(['completed', 'failed']);
    expect(sendJobs).toHaveLength(10);
    expect(sendJobs.map((j) => j.attemptsMade)).toEqual(sendJobs.map(() => 1));
  }, 150_000);
});
