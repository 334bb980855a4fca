// A reader erased between two attempts of a batch whose first attempt the provider processed (its answer lost): the
// erasure strips them from the batch, so the next attempt's payload no longer matches the first. Every attempt must
// still carry the batch's first idempotency key: the provider then refuses the changed payload rather than send the
// other readers a second copy, and their deliveries stay unknown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers } from '../../../jobs/workers.ts';
import { eraseSubscriberDeliveries } from '../../../src/deliveries/index.ts';
import { createTransport } from '../../../src/mail/index.ts';
import { retryFailed, startEdition } from '../../../src/pipeline/index.ts';
import { createRuntime, type Runtime } from '../../../src/runtime/index.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import { startFakeResend, type FakeResend } from '../../support/fake-resend.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { SAFE_PRODUCTION_ENV } from '../../support/production-env.ts';
import { addSubscribers, storeSampleDay, testConfig } from '../operators/support.ts';
import { editionOutcome, waitUntil } from '../pipeline/edition-helpers.ts';

const READERS = Array.from({ length: 6 }, (_, i) => `reader${i}@example.org`);
const ERASED = 'reader2@example.org';

describe('an erasure between two attempts of a batch', () => {
  let t: TestRedis;
  let fake: FakeResend;
  let rt: Runtime;
  let cleanup: () => void;

  beforeAll(async () => {
    t = await openTestRedis('erase-between');
    fake = await startFakeResend();
    const made = testConfig(t, {
      ...SAFE_PRODUCTION_ENV,
      MAIL_TRANSPORT: 'resend',
      RESEND_API_KEY: fake.apiKey,
      RESEND_BASE_URL: fake.url,
    });
    cleanup = made.cleanup;
    rt = createRuntime(made.config, silentLogger(), { transport: createTransport(made.config, silentLogger()) });
  });
  afterAll(async () => {
    await rt.close();
    await fake.close();
    cleanup();
    await t.cleanup();
  });

  it('sends nobody a second copy', async () => {
    const date = await storeSampleDay(rt);
    const ids = await addSubscribers(rt, READERS);
    // The first of the batch's five attempts is accepted and sent, then its connection drops; the four retries never
    // get through.
    fake.script({ kind: 'drop', when: 'after' }, ...Array.from({ length: 4 }, () => ({ kind: 'drop' }) as const));
    const workers = startWorkers(rt, { lockDurationMs: 5000 });
    try {
      await startEdition(rt.queues, date);
      expect((await editionOutcome(rt, date, 120_000)).state).toBe('completed');
      expect(await rt.ledger.counts(date)).toMatchObject({ sent: 0, unknown: READERS.length });
      expect(fake.stats().totalMessages).toBe(READERS.length);
      const firstKey = fake.requests[0]?.idempotencyKey;
      expect(firstKey).toMatch(/^paperboy-digest\//);

      // Erased as `subscribers erase` does: the delivery records and batch lists, then the record.
      const erasedId = ids.get(ERASED)!;
      await eraseSubscriberDeliveries(rt.redis, rt.keyspace, erasedId);
      await rt.store.erase(erasedId);

      const seen = fake.requests.length;
      expect(await retryFailed(rt, date)).toMatchObject({ replayed: 1, requeued: 0 });
      await waitUntil(async () => {
        const c = await rt.ledger.counts(date);
        return c.queued + c.sending === 0 && fake.requests.length > seen;
      }, 'the replay');

      const replays = fake.requests.slice(seen);
      expect(replays.map((r) => r.idempotencyKey)).toEqual(replays.map(() => firstKey));
      expect(fake.stats({ byRecipient: true }).duplicatedRecipients).toBe(0);
      for (const reader of READERS) expect(fake.countFor(reader), reader).toBe(1);
      // The provider refused the changed payload under the processed key: what it sent stays unknown, not failed
      // (which an operator retry would send again in a new batch).
      expect(await rt.ledger.counts(date)).toMatchObject({ sent: 0, failed: 0, unknown: READERS.length - 1 });
    } finally {
      await workers.close();
    }
  }, 180_000);
});
