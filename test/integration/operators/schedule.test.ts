import { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editionStatus } from '../../../src/pipeline/index.ts';
import { lastCompleteDay } from '../../../src/editions/index.ts';
import { openQueues, stageJobId, type Queues } from '../../../src/queue/index.ts';
import {
  DAILY_SCHEDULER_ID,
  getDailySchedule,
  nextRuns,
  removeDailySchedule,
  upsertDailySchedule,
} from '../../../src/queue/schedule.ts';
import { ValidationError } from '../../../src/shared/errors.ts';
import { startFakePapersApi, type FakePapersApi } from '../../support/fake-papers-api.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { addSubscribers, ScriptedTransport, startPipeline, testConfig, waitFor } from './support.ts';

describe('next runs', () => {
  it('reads the cron pattern in the time zone, across a DST change', () => {
    const berlin = nextRuns('0 7 * * 1-5', 'Europe/Berlin', 3, new Date('2025-03-28T12:00:00Z'));
    // Fri 28 Mar is past 07:00; Mon 31 Mar is summer time (UTC+2), so 07:00 is 05:00 UTC.
    expect(berlin.map((d) => d.toISOString())).toEqual([
      '2025-03-31T05:00:00.000Z',
      '2025-04-01T05:00:00.000Z',
      '2025-04-02T05:00:00.000Z',
    ]);
    const utc = nextRuns('0 7 * * 1-5', 'UTC', 2, new Date('2025-11-21T08:00:00Z'));
    expect(utc.map((d) => d.toISOString())).toEqual(['2025-11-24T07:00:00.000Z', '2025-11-25T07:00:00.000Z']);
  });

  it('rejects a pattern or a zone it cannot read', () => {
    expect(() => nextRuns('every morning', 'UTC', 1)).toThrow(ValidationError);
    expect(() => nextRuns('0 7 * * *', 'Mars/Olympus', 1)).toThrow(ValidationError);
  });
});

describe('the daily scheduler', () => {
  let t: TestRedis;
  let queues: Queues;

  beforeAll(async () => {
    t = await openTestRedis('ops-schedule');
    queues = openQueues(t.redis, t.keyspace);
  });

  afterAll(async () => {
    await queues?.close();
    await t?.cleanup();
  });

  it('upserted twice leaves one scheduler and one pending run', async () => {
    const schedule = { cron: '0 7 * * 1-5', tz: 'Europe/Berlin' };
    const first = await upsertDailySchedule(queues, schedule);
    const second = await upsertDailySchedule(queues, schedule);
    expect(second.getTime()).toBe(first.getTime());
    expect(first.getTime()).toBe(nextRuns(schedule.cron, schedule.tz, 1)[0]!.getTime());
    expect(await queues.edition.getJobSchedulersCount()).toBe(1);
    expect(await queues.edition.getDelayedCount()).toBe(1);
    expect(await getDailySchedule(queues)).toMatchObject({
      key: DAILY_SCHEDULER_ID,
      pattern: '0 7 * * 1-5',
      tz: 'Europe/Berlin',
    });
  });

  it('a new pattern replaces the old one', async () => {
    await upsertDailySchedule(queues, { cron: '30 6 * * *', tz: 'UTC' });
    expect(await queues.edition.getJobSchedulersCount()).toBe(1);
    expect(await getDailySchedule(queues)).toMatchObject({ pattern: '30 6 * * *', tz: 'UTC' });
    const [delayed] = await queues.edition.getDelayed();
    expect(delayed?.name).toBe('scheduled');
    expect(delayed?.timestamp !== undefined && delayed.delay !== undefined).toBe(true);
    expect(delayed!.timestamp + delayed!.delay).toBe(nextRuns('30 6 * * *', 'UTC', 1)[0]!.getTime());
  });

  it('remove removes it, and removing again says there was none', async () => {
    expect(await removeDailySchedule(queues)).toBe(true);
    expect(await queues.edition.getJobSchedulersCount()).toBe(0);
    expect(await queues.edition.getDelayedCount()).toBe(0);
    expect(await getDailySchedule(queues)).toBeUndefined();
    expect(await removeDailySchedule(queues)).toBe(false);
  });
});

describe('a scheduled run', () => {
  let t: TestRedis;
  let api: FakePapersApi;
  let pipeline: ReturnType<typeof startPipeline>;
  let cleanupConfig: () => void;
  const transport = new ScriptedTransport();
  const tz = 'Pacific/Auckland';

  beforeAll(async () => {
    t = await openTestRedis('ops-scheduled-run');
    // Every day is empty on this Daily Papers API.
    api = await startFakePapersApi();
    const { config, cleanup } = testConfig(t, { PAPERS_API_URL: api.url });
    cleanupConfig = cleanup;
    pipeline = startPipeline(config, transport);
  });

  afterAll(async () => {
    await pipeline?.stop();
    await api?.close();
    await t?.cleanup();
    cleanupConfig?.();
  });

  it('sends the newest complete list day (yesterday in UTC, whatever the zone); an empty day sends nothing', async () => {
    const { rt } = pipeline;
    // Either side of midnight UTC: every list day the run could pick.
    const candidates = new Set([lastCompleteDay(new Date()), lastCompleteDay(new Date(Date.now() + 5000))]);
    await addSubscribers(rt, ['reader@example.org']);

    await upsertDailySchedule(rt.queues, { cron: '* * * * * *', tz });
    let date = '';
    await waitFor(async () => {
      for (const d of candidates) {
        const finish = await Job.fromId(rt.queues.edition, stageJobId(d, 'finish'));
        if (finish && (await finish.getState()) === 'completed') date = d;
      }
      return date !== '';
    }, 'the scheduled edition to finish');
    await removeDailySchedule(rt.queues);

    const finish = await Job.fromId(rt.queues.edition, stageJobId(date, 'finish'));
    expect(finish?.returnvalue).toMatchObject({ date, papers: 0, recipients: 0, sent: 0 });
    expect(transport.calls).toBe(0);
    // It was fetched fresh from the API, not taken from a stored day.
    expect(api.requestsFor(date).length).toBeGreaterThan(0);
    const status = await editionStatus(rt.redis, rt.keyspace, date);
    expect(status).toMatchObject({ date, papers: 0, total: 0, sent: 0, failed: 0, pending: 0 });
    // However often the scheduler fired (every second), there is one edition flow per list day.
    expect((await rt.queues.edition.getJobs(['completed'])).filter((j) => j.name === 'finish')).toHaveLength(1);
  });
});
