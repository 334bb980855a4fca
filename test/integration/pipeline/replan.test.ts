import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers } from '../../../jobs/workers.ts';
import { profileKey } from '../../../src/digest/index.ts';
import { buildStoredEdition } from '../../../src/editions/index.ts';
import { loadSampleDay, saveDay } from '../../../src/papers/index.ts';
import { planSends, startEdition } from '../../../src/pipeline/index.ts';
import { stageJobId } from '../../../src/queue/index.ts';
import { createRuntime, type Runtime } from '../../../src/runtime/index.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import { addSubscribers, ScriptedTransport, storeSampleDay, testConfig } from '../operators/support.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { editionOutcome, waitUntil } from './edition-helpers.ts';

const PREFS = {
  topics: ['visual-rl', 'image-generation', 'vlm-reasoning', 'robotics'],
  perTopic: 3,
  alsoTrending: true,
};
const readers = (from: number, n: number) => Array.from({ length: n }, (_, i) => `reader${from + i}@example.org`);

// Planning can be interrupted at any instruction and run again (a SIGKILLed plan job is re-run by BullMQ from the
// start of its step): every active subscriber still gets one ledger record, one place in a batch, one email.
describe('planning again after a crash', () => {
  let t: TestRedis;
  let cleanup: () => void;
  let rt: Runtime;
  const transport = new ScriptedTransport();

  beforeAll(async () => {
    t = await openTestRedis('replan');
    const made = testConfig(t, { SEND_BATCH_SIZE: '100' });
    cleanup = made.cleanup;
    rt = createRuntime(made.config, silentLogger(), { transport });
  });
  afterAll(async () => {
    await rt.close();
    cleanup();
    await t.cleanup();
  });

  it('sends the subscribers confirmed before the rerun, and nobody twice', async () => {
    const date = await storeSampleDay(rt);
    await addSubscribers(rt, readers(0, 250));
    const { node } = await startEdition(rt.queues, date);
    const plan = await rt.queues.edition.getJob(stageJobId(date, 'plan'));
    expect(plan && node.job.id).toBeTruthy();
    // The first run of the plan step: it planned 250 and added its send jobs (two full batches and a short one of
    // 50), then died before it could mark its step done. Its build ran first, as in the flow.
    await buildStoredEdition(rt.redis, rt.keyspace, rt.config, date);
    const first = await planSends(rt, date, silentLogger(), { id: plan!.id!, queue: plan!.queueQualifiedName });
    expect(first).toMatchObject({ planned: 250, batches: 3 });
    // Thirty people confirm before the rerun.
    await addSubscribers(rt, readers(250, 30));

    const workers = startWorkers(rt, { lockDurationMs: 5000 });
    try {
      const outcome = await editionOutcome(rt, date);
      expect(outcome.reason).toBeUndefined();
      expect(outcome.state).toBe('completed');
      for (const reader of readers(0, 280)) expect(transport.receivedBy(reader), reader).toBe(1);
      expect(await rt.ledger.counts(date)).toMatchObject({ sent: 280, queued: 0, sending: 0, failed: 0 });
    } finally {
      await workers.close();
    }
  }, 120_000);

  it('never reports an edition completed while a delivery is still queued: it fails, and a restart sends it', async () => {
    const date = '2025-11-25';
    // Another day's papers (the first edition's would be left out as already sent).
    const sample = loadSampleDay();
    const papers = sample.papers.map((p) => ({ ...p, id: `${p.id}-b` }));
    await saveDay(rt.redis, rt.keyspace, { ...sample, date, papers });
    const before = transport.accepted.length;
    await rt.queues.send.pause();
    const workers = startWorkers(rt, { lockDurationMs: 5000 });
    try {
      await startEdition(rt.queues, date);
      await waitUntil(async () => (await rt.queues.send.count()) > 0, 'send jobs');
      // A record no batch covers (however it came about): appended to the profile's list after its batches were cut.
      const { subscriber } = await rt.store.add('late@example.org', PREFS, { confirmed: true });
      await rt.ledger.plan(date, profileKey(PREFS), [subscriber.id]);
      await rt.queues.send.resume();
      const failed = await editionOutcome(rt, date);
      expect(failed.state).toBe('failed');
      expect(failed.reason).toMatch(/edition_incomplete|still queued or sending/);
      expect(transport.receivedBy('late@example.org')).toBe(0);

      expect((await startEdition(rt.queues, date)).restarted).toBe(true);
      expect((await editionOutcome(rt, date)).state).toBe('completed');
      expect(transport.receivedBy('late@example.org')).toBe(1);
      expect(transport.accepted.length - before).toBe(281);
    } finally {
      await workers.close();
    }
  }, 120_000);
});
