import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEdition } from '../../../src/editions/index.ts';
import { sendHour } from '../../../src/pipeline/index.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import { subscriberKeys } from '../../../src/subscribers/index.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { ScriptedTransport, startPipeline, testConfig } from '../operators/support.ts';
import { addReader, drain, runHours, storeDailyEditions, type Delivered } from './support.ts';

describe('weekly round-ups', () => {
  let t: TestRedis;
  let pipeline: ReturnType<typeof startPipeline>;
  let cleanup: () => void;
  const transport = new ScriptedTransport();
  let delivered: Delivered[] = [];

  beforeAll(async () => {
    t = await openTestRedis('sched-weekly');
    const made = testConfig(t);
    cleanup = made.cleanup;
    pipeline = startPipeline(made.config, transport);
    const { rt } = pipeline;
    await storeDailyEditions(rt, '2026-11-23', '2026-11-29');
    await addReader(rt, 'weekly@example.org', { cadence: 'weekly', weekday: 1, timeZone: 'Europe/Berlin', hour: 7 });
    await addReader(rt, 'daily@example.org', { timeZone: 'Europe/Berlin', hour: 7 });
    // Tuesday 24 November to Monday 30 November, Berlin time: seven local days, one new daily edition each.
    delivered = await runHours(rt, transport, '2026-11-23T23:00:00Z', '2026-11-30T22:00:00Z');
  }, 120_000);

  afterAll(async () => {
    await pipeline?.stop();
    cleanup?.();
    await t?.cleanup();
  });

  const to = (address: string) => delivered.filter((d) => d.to === address);

  it('sends a daily reader seven digests and a weekly reader one round-up, on their weekday', () => {
    expect(to('daily@example.org').map((d) => d.edition)).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
    expect(to('weekly@example.org')).toEqual([
      { to: 'weekly@example.org', edition: '2026-11-29-weekly', tick: '2026-11-30T06:00:00.000Z' },
    ]);
  });

  it('builds the round-up from the week of daily editions, each paper once, best first', async () => {
    const weekly = await loadEdition(t.redis, t.keyspace, '2026-11-29-weekly');
    expect(weekly?.days).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
    expect(weekly?.frozenAt).toBeDefined();
    const ids = [...weekly!.sections.flatMap((s) => s.papers), ...weekly!.other].map((p) => p.paper.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of weekly!.sections) {
      const votes = s.papers.map((p) => p.score);
      expect(votes).toEqual([...votes].sort((a, b) => b - a));
    }
  });

  it('never sends a weekly reader the round-up twice, even if the hour restarts after a crash', async () => {
    const { rt } = pipeline;
    const before = transport.accepted.length;
    // A crash after the reader was marked but before anything was planned: the marker names this very run.
    const id = (await rt.store.findByEmail('weekly@example.org'))!.id;
    expect(await t.redis.hget(subscriberKeys(t.keyspace).lastSent(), id)).toBe('w:2026-11-30:2026-11-29-weekly');
    const again = await sendHour(rt, new Date('2026-11-30T06:00:00Z'), silentLogger(), {
      pinned: { daily: '2026-11-29', weekly: '2026-11-29-weekly' },
    });
    expect(again.planned).toBe(0);
    await drain(rt);
    expect(transport.accepted.length).toBe(before);
  });

  it('takes a changed weekday only after a full week', async () => {
    const { rt } = pipeline;
    const id = (await rt.store.findByEmail('weekly@example.org'))!.id;
    await rt.store.updatePreferences(id, (p) => ({ ...p, weekday: 3 }));
    // Wednesday 2 December 07:00 Berlin: two days after the last round-up, so not yet.
    const wednesday = await sendHour(rt, new Date('2026-12-02T06:00:00Z'), silentLogger());
    expect(wednesday).toMatchObject({ due: 2, planned: 0, notToday: 1 });
  });
});
