import { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueEdition } from '../../../src/queue/index.ts';
import { followEdition, retryFailed } from '../../../src/pipeline/index.ts';
import { ValidationError } from '../../../src/shared/errors.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { addSubscribers, ScriptedTransport, startPipeline, storeSampleDay, testConfig, waitFor } from './support.ts';

const OK = ['ok1@example.org', 'ok2@example.org', 'ok3@example.org'];
const BAD = ['bad1@example.org', 'bad2@example.org'];

describe('deliveries retry', () => {
  let t: TestRedis;
  let pipeline: ReturnType<typeof startPipeline>;
  let cleanupConfig: () => void;
  const transport = new ScriptedTransport();
  let date: string;
  let ids: Map<string, string>;

  beforeAll(async () => {
    t = await openTestRedis('ops-retry');
    const { config, cleanup } = testConfig(t, { SEND_BATCH_SIZE: '2' });
    cleanupConfig = cleanup;
    pipeline = startPipeline(config, transport);
    date = await storeSampleDay(pipeline.rt);
    ids = await addSubscribers(pipeline.rt, [...OK, ...BAD]);
    for (const address of BAD) transport.failing.add(address);
    await enqueueEdition(pipeline.rt.queues, date);
    const outcome = await followEdition(pipeline.rt, date, () => undefined, { intervalMs: 100 });
    expect(outcome.state).toBe('completed');
  });

  afterAll(async () => {
    await pipeline?.stop();
    await t?.cleanup();
    cleanupConfig?.();
  });

  const settled = async () => {
    const c = await pipeline.rt.ledger.counts(date);
    return c.queued + c.sending === 0;
  };

  it('re-queues exactly the failed deliveries, and a second retry queues nothing', async () => {
    const { ledger } = pipeline.rt;
    expect(await ledger.counts(date)).toMatchObject({ sent: 3, failed: 2, queued: 0, sending: 0 });
    const failedIds = (await ledger.failed(date)).map((r) => r.subscriberId).sort();
    expect(failedIds).toEqual(BAD.map((a) => ids.get(a)).sort());
    const sentBefore = transport.accepted.length;

    // The provider now accepts the first address; the second keeps failing.
    transport.failing.delete(BAD[0]!);
    // Held while both retries are made, so the second one sees the first one's queue, not its outcome.
    await pipeline.rt.queues.send.pause();
    const first = await retryFailed(pipeline.rt, date);
    expect(first.requeued).toBe(2);
    expect(first.jobIds.every((id) => id.startsWith(`${date}-send-retry-1-`))).toBe(true);
    const second = await retryFailed(pipeline.rt, date);
    expect(second).toMatchObject({ requeued: 0, batches: 0 });
    await pipeline.rt.queues.send.resume();

    await waitFor(settled, 'the retried deliveries to settle');
    // Only the failed ones were sent again; the three sent before were not touched.
    expect(transport.accepted.length - sentBefore).toBe(1);
    for (const address of OK) expect(transport.receivedBy(address)).toBe(1);
    expect(transport.receivedBy(BAD[0]!)).toBe(1);
    expect(await ledger.counts(date)).toMatchObject({ sent: 4, failed: 1 });
    expect((await ledger.failed(date)).map((r) => r.subscriberId)).toEqual([ids.get(BAD[1]!)]);

    // The retry jobs have no parent: the finished edition flow is left alone.
    const job = await Job.fromId(pipeline.rt.queues.send, first.jobIds[0]!);
    expect(job?.parentKey).toBeUndefined();
    expect(await job?.getState()).toBe('completed');
  });

  it('filters by address and by reason', async () => {
    const { ledger } = pipeline.rt;
    transport.failing.clear();
    expect(await retryFailed(pipeline.rt, date, { reason: 'no such reason' })).toMatchObject({ requeued: 0 });
    expect(await retryFailed(pipeline.rt, date, { email: OK[0] })).toMatchObject({ requeued: 0 });
    await expect(retryFailed(pipeline.rt, date, { email: 'nobody@example.org' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    const byEmail = await retryFailed(pipeline.rt, date, { email: BAD[1]!.toUpperCase(), reason: 'INVALID_TO' });
    expect(byEmail.requeued).toBe(1);
    await waitFor(settled, 'the last retry to settle');
    expect(await ledger.counts(date)).toMatchObject({ sent: 5, failed: 0 });
    expect(transport.receivedBy(BAD[1]!)).toBe(1);
    expect(await retryFailed(pipeline.rt, date)).toMatchObject({ requeued: 0 });
  });
});
