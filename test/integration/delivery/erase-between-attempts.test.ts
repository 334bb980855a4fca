// A reader erased between two attempts of a batch whose first attempt's answer was lost: the erasure strips them from
// the batch, so the next attempt's payload no longer matches the first. Every attempt must still carry the batch's
// first idempotency key. If the provider processed the first attempt it then refuses the changed payload rather than
// send the other readers a second copy (their deliveries stay unknown); if it never saw it, it sends the new one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers } from '../../../jobs/workers.ts';
import { DeliveryLedger, eraseSubscriberDeliveries } from '../../../src/deliveries/index.ts';
import { retryFailed, startEdition } from '../../../src/pipeline/index.ts';
import type { Runtime } from '../../../src/runtime/index.ts';
import { startFakeResend, type FakeResend } from '../../support/fake-resend.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { addSubscribers, resendRuntime, storeSampleDay } from '../operators/support.ts';
import { editionOutcome, waitUntil } from '../pipeline/edition-helpers.ts';

const READERS = Array.from({ length: 6 }, (_, i) => `reader${i}@example.org`);
const ERASED = 'reader2@example.org';
const OTHERS = READERS.filter((r) => r !== ERASED);

describe.each([
  { processed: true, name: 'the provider processed the first attempt' },
  { processed: false, name: 'the provider never saw the first attempt' },
])('an erasure between two attempts of a batch: $name', ({ processed }) => {
  let t: TestRedis;
  let fake: FakeResend;
  let rt: Runtime;
  let close: () => Promise<void>;

  beforeAll(async () => {
    t = await openTestRedis(`erase-between-${processed ? 'sent' : 'unseen'}`);
    fake = await startFakeResend();
    ({ rt, close } = resendRuntime(t, fake));
  });
  afterAll(async () => {
    await close();
    await fake.close();
    await t.cleanup();
  });

  it('sends every other reader exactly one copy', async () => {
    const date = await storeSampleDay(rt);
    const ids = await addSubscribers(rt, READERS);
    // The batch's five attempts lose their connection: the first after it was processed (or before), the rest before.
    fake.script(
      { kind: 'drop', when: processed ? 'after' : 'before' },
      ...Array.from({ length: 4 }, () => ({ kind: 'drop' }) as const),
    );
    const workers = startWorkers(rt, { lockDurationMs: 5000 });
    try {
      await startEdition(rt.queues, date);
      expect((await editionOutcome(rt, date, 120_000)).state).toBe('completed');
      expect(await rt.ledger.counts(date)).toMatchObject({ sent: 0, unknown: READERS.length });
      expect(fake.stats().totalMessages).toBe(processed ? READERS.length : 0);
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
      for (const reader of OTHERS) expect(fake.countFor(reader), reader).toBe(1);
      expect(fake.countFor(ERASED)).toBe(processed ? 1 : 0);
      // Refused under the processed key: what the provider sent stays unknown, not failed (which an operator retry
      // would send again in a new batch). Never seen: sent now, and known.
      expect(await rt.ledger.counts(date)).toMatchObject(
        processed ? { sent: 0, failed: 0, unknown: OTHERS.length } : { sent: OTHERS.length, failed: 0, unknown: 0 },
      );
    } finally {
      await workers.close();
    }
  }, 180_000);
});

describe("a batch's idempotency key", () => {
  let t: TestRedis;
  beforeAll(async () => {
    t = await openTestRedis('send-key');
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("is the first attempt's until the provider has answered one, then the one for what is left", async () => {
    const ledger = new DeliveryLedger(t.redis, t.keyspace);
    const date = '2025-11-24';
    await ledger.plan(date, 'p', ['a', 'b', 'c']);
    expect(await ledger.claim(date, 'b1', ['a', 'b', 'c'])).toEqual(['a', 'b', 'c']);
    expect(await ledger.sendKey(date, 'b1', 'first')).toBe('first');
    // A retry with fewer recipients (one erased) and no answer yet: the first key.
    expect(await ledger.sendKey(date, 'b1', 'second')).toBe('first');
    // The provider answered (one sent, one refused): the refused one goes under a key of its own.
    await ledger.markOutcomes(date, 'b1', [
      { id: 'a', status: 'sent', providerId: 'msg-a' },
      { id: 'b', status: 'failed', reason: 'validation_error: bad address' },
    ]);
    expect(await ledger.sendKey(date, 'b1', 'third')).toBe('third');
    expect(await ledger.sendKey(date, 'b1', 'fourth')).toBe('third');
    // Another batch's sent records say nothing about this one.
    await ledger.plan(date, 'p', ['d']);
    await ledger.claim(date, 'b2', ['d']);
    expect(await ledger.sendKey(date, 'b2', 'fifth')).toBe('fifth');
    expect(await ledger.sendKey(date, 'b2', 'sixth')).toBe('fifth');
  });
});
