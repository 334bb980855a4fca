// `deliveries retry` after attempts whose outcome is unknown: the provider accepted (and sent) every batch, but each
// answer was lost (the connection dropped after the request went through), so the ledger cannot know. Mixed in: an
// address the provider rejects, and a reader who unsubscribes before the retry. The retry must replay the original
// batches under their original keys, so the provider sends nobody a second copy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers } from '../../../jobs/workers.ts';
import { retryFailed, startEdition } from '../../../src/pipeline/index.ts';
import type { Runtime } from '../../../src/runtime/index.ts';
import { startFakeResend, type FakeResend } from '../../support/fake-resend.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { addSubscribers, resendRuntime, storeSampleDay } from '../operators/support.ts';
import { editionOutcome, waitUntil } from '../pipeline/edition-helpers.ts';

const READERS = Array.from({ length: 250 }, (_, i) => `reader${i}@example.org`);
const REJECTED = 'someone@refused.example';
const LEAVER = 'reader7@example.org';

describe('deliveries retry after unknown outcomes', () => {
  let t: TestRedis;
  let fake: FakeResend;
  let rt: Runtime;
  let close: () => Promise<void>;

  beforeAll(async () => {
    t = await openTestRedis('retry-dupes');
    fake = await startFakeResend({ rejectedDomains: ['refused.example'] });
    ({ rt, close } = resendRuntime(t, fake, { SEND_BATCH_SIZE: '100' }));
  });
  afterAll(async () => {
    await close();
    await fake.close();
    await t.cleanup();
  });

  it('sends nobody a second copy', async () => {
    const date = await storeSampleDay(rt);
    await addSubscribers(rt, [...READERS, REJECTED]);
    // Three batches, five attempts each. Each first attempt is accepted and sent, then its connection drops; the four
    // retries (under the same key, which would be answered from the idempotency store) never get through.
    fake.script(
      ...Array.from({ length: 3 }, () => ({ kind: 'drop', when: 'after' }) as const),
      ...Array.from({ length: 12 }, () => ({ kind: 'drop' }) as const),
    );
    const workers = startWorkers(rt, { lockDurationMs: 5000 });
    try {
      await startEdition(rt.queues, date);
      expect((await editionOutcome(rt, date, 120_000)).state).toBe('completed');
      expect(await rt.ledger.counts(date)).toMatchObject({ sent: 0, unknown: 251, queued: 0, sending: 0 });
      expect(fake.stats().totalMessages).toBe(250); // the provider did send them (the rejected one aside)

      const leaver = await rt.store.findByEmail(LEAVER);
      await rt.store.setStatus(leaver!.id, 'unsubscribed');
      const retry = await retryFailed(rt, date);
      expect(retry).toMatchObject({ requeued: 0, replayed: 3, leftUnknown: 0 });
      expect(await retryFailed(rt, date)).toMatchObject({ batches: 0 }); // a second retry adds nothing
      await waitUntil(async () => {
        const c = await rt.ledger.counts(date);
        return c.queued + c.sending + c.unknown === 0;
      }, 'the replays');

      const stats = fake.stats({ byRecipient: true });
      expect(stats.duplicatedRecipients).toBe(0);
      for (const reader of READERS) expect(fake.countFor(reader), reader).toBe(1);
      expect(fake.countFor(REJECTED)).toBe(0);
      // The replays were answered from the idempotency store; the ledger now knows what happened.
      expect(await rt.ledger.counts(date)).toMatchObject({ sent: 250, failed: 1, unknown: 0 });
      const rejected = await rt.ledger.failed(date);
      expect(rejected.map((r) => r.status)).toEqual(['failed']);

      // The rejected address is certainly unsent: a retry sends it in a new batch (still refused here), once.
      const again = await retryFailed(rt, date);
      expect(again).toMatchObject({ requeued: 1, replayed: 0 });
      await waitUntil(
        async () => (await rt.ledger.counts(date)).failed === 1 && (await rt.ledger.counts(date)).queued === 0,
        'the second retry',
      );
      expect(fake.stats({ byRecipient: true }).duplicatedRecipients).toBe(0);
    } finally {
      await workers.close();
    }
  }, 180_000);
});
