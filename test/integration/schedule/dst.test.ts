import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendHour } from '../../../src/pipeline/index.ts';
import { wallClock } from '../../../src/shared/local-time.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { ScriptedTransport, startPipeline, testConfig } from '../operators/support.ts';
import { addReader, drain, runHours, storeDailyEditions, type Delivered } from './support.ts';

/** `2026-03-29 07:00` in the zone: the local wall clock a message went out at. */
const local = (tz: string, iso: string) =>
  new Date(wallClock(tz, Date.parse(iso))).toISOString().slice(0, 16).replace('T', ' ');

describe('local delivery times across daylight saving time', () => {
  let t: TestRedis;
  let pipeline: ReturnType<typeof startPipeline>;
  let cleanup: () => void;
  const transport = new ScriptedTransport();
  let delivered: Delivered[] = [];

  beforeAll(async () => {
    t = await openTestRedis('sched-dst');
    const made = testConfig(t);
    cleanup = made.cleanup;
    pipeline = startPipeline(made.config, transport);
    const { rt } = pipeline;
    await storeDailyEditions(rt, '2026-03-25', '2026-03-31');
    await storeDailyEditions(rt, '2026-10-21', '2026-10-27');
    await addReader(rt, 'berlin@example.org', { timeZone: 'Europe/Berlin', hour: 7 });
    await addReader(rt, 'night@example.org', { timeZone: 'Europe/Berlin', hour: 2 });
    await addReader(rt, 'kolkata@example.org', { timeZone: 'Asia/Kolkata', hour: 7 });
    await addReader(rt, 'morning@example.org', {});
    delivered = [
      ...(await runHours(rt, transport, '2026-03-26T22:00:00Z', '2026-03-31T22:00:00Z')),
      ...(await runHours(rt, transport, '2026-10-22T22:00:00Z', '2026-10-27T22:00:00Z')),
    ];
  }, 120_000);

  afterAll(async () => {
    await pipeline?.stop();
    cleanup?.();
    await t?.cleanup();
  });

  const to = (address: string) => delivered.filter((d) => d.to === address);

  it('sends a Berlin reader at 07:00 exactly one email on each day, spring forward and fall back included', () => {
    const times = to('berlin@example.org').map((d) => local('Europe/Berlin', d.tick));
    expect(times).toEqual([
      '2026-03-27 07:00',
      '2026-03-28 07:00',
      '2026-03-29 07:00', // the clocks went forward at 02:00 that night
      '2026-03-30 07:00',
      '2026-03-31 07:00',
      '2026-10-23 07:00',
      '2026-10-24 07:00',
      '2026-10-25 07:00', // the clocks went back at 03:00 that night
      '2026-10-26 07:00',
      '2026-10-27 07:00',
    ]);
    // UTC+1 before 29 March and after 25 October, UTC+2 between.
    expect(to('berlin@example.org').map((d) => d.tick.slice(11, 16))).toEqual([
      '06:00',
      '06:00',
      '05:00',
      '05:00',
      '05:00',
      '05:00',
      '05:00',
      '06:00',
      '06:00',
      '06:00',
    ]);
    // Each day the newest complete edition: yesterday's list day.
    expect(to('berlin@example.org').map((d) => d.edition)).toEqual([
      '2026-03-26',
      '2026-03-27',
      '2026-03-28',
      '2026-03-29',
      '2026-03-30',
      '2026-10-22',
      '2026-10-23',
      '2026-10-24',
      '2026-10-25',
      '2026-10-26',
    ]);
  });

  it('serves an hour that does not exist at the next one, and an hour that happens twice once', () => {
    const times = to('night@example.org').map((d) => local('Europe/Berlin', d.tick));
    // 02:00 local: on 29 March 02:00-03:00 does not exist (sent at 03:00); on 25 October it happens twice (sent once).
    expect(times.filter((x) => x.startsWith('2026-03-29') || x.startsWith('2026-10-25'))).toEqual([
      '2026-03-29 03:00',
      '2026-10-25 02:00',
    ]);
    const days = times.map((x) => x.slice(0, 10));
    expect(new Set(days).size).toBe(days.length);
  });

  it('sends a reader in a half-hour zone at half past their hour, once a day', () => {
    const times = to('kolkata@example.org').map((d) => local('Asia/Kolkata', d.tick));
    expect(times.length).toBeGreaterThanOrEqual(10);
    expect(times.every((x) => x.endsWith('07:30'))).toBe(true);
    expect(new Set(times.map((x) => x.slice(0, 10))).size).toBe(times.length);
  });

  it('leaves readers without a time zone to the morning edition run', () => {
    expect(to('morning@example.org')).toEqual([]);
  });

  it('sends nothing when an hour runs again (a retry, a second firing, a restart)', async () => {
    const { rt } = pipeline;
    const before = transport.accepted.length;
    for (const tick of ['2026-03-29T05:00:00Z', '2026-10-25T06:00:00Z', '2026-03-29T01:00:00Z']) {
      const again = await sendHour(rt, new Date(tick), silentLogger());
      expect(again.planned).toBe(0);
      const pinned = await sendHour(rt, new Date(tick), silentLogger(), { pinned: again.editions });
      expect(pinned.planned).toBe(0);
    }
    await drain(rt);
    expect(transport.accepted.length).toBe(before);
  });
});
