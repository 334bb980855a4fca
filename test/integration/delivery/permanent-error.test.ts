// A permanent provider error (a wrong API key) through `paperboy run --inline`: the send jobs fail on their first
// attempt (non-retryable errors become UnrecoverableError), and the ledger says why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryLedger } from '../../../src/deliveries/index.ts';
import { openQueues } from '../../../src/queue/index.ts';
import { runPaperboy } from '../../support/cli-process.ts';
import { startFakeResend, type FakeResend } from '../../support/fake-resend.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { seedEdition } from '../../support/seed-edition.ts';
import { resendWorkerEnv } from '../../support/worker-process.ts';

const SUBSCRIBERS = 5; // five preference profiles: five batches

describe('a permanent provider error', () => {
  let t: TestRedis;
  let fake: FakeResend;

  beforeAll(async () => {
    t = await openTestRedis('permanent');
    fake = await startFakeResend();
  });
  afterAll(async () => {
    await fake?.close();
    await t?.cleanup();
  });

  it('fails each send job after one attempt, not five, and records the reason', async () => {
    const { date, emails } = await seedEdition(t.redis, t.keyspace, SUBSCRIBERS);
    const env = resendWorkerEnv(t, { url: fake.url, apiKey: 're_revoked_key' }, { SEND_RATE: '50' });
    const run = await runPaperboy(['run', '--date', date, '--inline', '--wait'], env);
    expect(run.code, run.stderr).toBe(5); // finished with failed deliveries

    const calls = fake.requests.filter((r) => r.path === '/emails/batch');
    expect(calls.map((r) => r.errorName)).toEqual(emails.map(() => 'invalid_api_key'));
    expect(fake.stats().totalMessages).toBe(0);

    const queues = openQueues(t.redis, t.keyspace);
    try {
      const jobs = await queues.send.getJobs(['completed', 'failed', 'delayed', 'wait', 'active']);
      expect(jobs).toHaveLength(SUBSCRIBERS);
      for (const job of jobs) {
        expect(await job.getState()).toBe('failed');
        expect(job.attemptsMade).toBe(1);
        expect(job.failedReason).toMatch(/^invalid_api_key: /);
      }
    } finally {
      await queues.close();
    }
    const ledger = new DeliveryLedger(t.redis, t.keyspace);
    expect(await ledger.counts(date)).toMatchObject({ sent: 0, failed: SUBSCRIBERS, queued: 0, sending: 0 });
    for (const record of await ledger.failed(date)) expect(record.lastError).toMatch(/invalid_api_key/);
  }, 120_000);
});
