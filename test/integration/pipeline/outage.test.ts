import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editionFlowStateFor, editionOutcome, waitUntil } from './edition-helpers.ts';
import { startPipeline, ScriptedTransport, testConfig, addSubscribers } from '../operators/support.ts';
import { startEdition } from '../../../src/pipeline/index.ts';
import { makeDayItems, startFakePapersApi, type FakePapersApi } from '../../support/fake-papers-api.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';

const DATE = '2025-11-24';
const READERS = ['ada@example.org', 'ben@example.org', 'cy@example.org'];
const OUTAGE = { kind: 'status', status: 503 } as const;

// A Daily Papers outage, scaled down in time: the fetch keeps retrying for PAPERS_OUTAGE_WINDOW_MINUTES with a capped
// backoff (here a 0.3-minute window and 1 s steps instead of 2 hours and 5 minutes), then fails the edition loudly;
// `run --date D` (startEdition) starts a failed edition again. Nothing here asserts how long anything took.
describe('an edition rides out a Daily Papers outage', () => {
  let t: TestRedis;
  let api: FakePapersApi;

  beforeAll(async () => {
    t = await openTestRedis('outage');
    api = await startFakePapersApi({ days: { [DATE]: makeDayItems(DATE, 12) } });
  });
  afterAll(async () => {
    await api.close();
    await t.cleanup();
  });

  const settings = (windowMinutes: string) => ({
    PAPERS_API_URL: api.url,
    PAPERS_RETRIES: '0',
    PAPERS_TIMEOUT_MS: '2000',
    PAPERS_OUTAGE_WINDOW_MINUTES: windowMinutes,
    PAPERS_OUTAGE_MAX_DELAY_SECONDS: '1',
  });

  it('goes out once the API is back inside the outage window', async () => {
    const { config, cleanup } = testConfig(t, settings('5'));
    const transport = new ScriptedTransport();
    const pipeline = startPipeline(config, transport);
    try {
      await addSubscribers(pipeline.rt, READERS);
      api.reset();
      api.outage(OUTAGE);
      await startEdition(pipeline.rt.queues, DATE);
      // More fetch attempts fail than a stage's default 5 (BullMQ retries the stage), and the edition is still waiting, not failed.
      await waitUntil(
        () => api.requestsFor(DATE).length >= 8,
        'eight failed fetch attempts (more than the default 5 of a stage)',
      );
      expect(await editionFlowStateFor(pipeline.rt, DATE)).not.toBe('failed');
      api.outage(undefined);
      const outcome = await editionOutcome(pipeline.rt, DATE);
      expect(outcome.state).toBe('completed');
      for (const reader of READERS) expect(transport.receivedBy(reader)).toBe(1);
      expect(api.requestsFor(DATE).filter((r) => r.status === 503).length).toBeGreaterThanOrEqual(8);
    } finally {
      await pipeline.stop();
      cleanup();
    }
  }, 120_000);

  it('fails loudly past the window, and `run --date D` starts the failed edition again without repeats', async () => {
    const date = '2025-11-25';
    api.setDay(date, makeDayItems(date, 12));
    const { config, cleanup } = testConfig(t, settings('0.1'));
    const transport = new ScriptedTransport();
    const pipeline = startPipeline(config, transport);
    try {
      api.outage(OUTAGE);
      const first = await startEdition(pipeline.rt.queues, date);
      expect(first.restarted).toBe(false);
      const failed = await editionOutcome(pipeline.rt, date);
      expect(failed.state).toBe('failed');
      expect(failed.reason).toMatch(/papers_unavailable|Daily Papers API was unavailable/);
      expect(transport.accepted).toHaveLength(0);

      api.outage(undefined);
      const again = await startEdition(pipeline.rt.queues, date);
      expect(again.restarted).toBe(true);
      expect((await editionOutcome(pipeline.rt, date)).state).toBe('completed');
      for (const reader of READERS) expect(transport.receivedBy(reader)).toBe(1);
      // A third start of a completed edition adds nothing and sends nothing.
      expect((await startEdition(pipeline.rt.queues, date)).restarted).toBe(false);
      expect(await editionFlowStateFor(pipeline.rt, date)).toBe('completed');
      expect(transport.accepted).toHaveLength(READERS.length);
    } finally {
      await pipeline.stop();
      cleanup();
    }
  }, 120_000);
});
