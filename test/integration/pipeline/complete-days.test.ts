// Editions of complete days, driven by explicit mornings (the scheduler's `now`), against the fake Daily Papers API
// and real workers: a morning sends the previous complete day with what was added to it after an early fetch and
// its final votes; a Monday covers Friday to Sunday; a day is never sent twice (the morning again, `run --date` of a
// covered day); a paper listed again two days later is not sent again.
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processScheduled } from '../../../jobs/scheduled.job.ts';
import { editionDays, loadEdition } from '../../../src/editions/index.ts';
import { getDay } from '../../../src/papers/index.ts';
import { startDayEdition, startMorningEdition } from '../../../src/pipeline/index.ts';
import { ValidationError } from '../../../src/shared/errors.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import type { Edition } from '../../../src/themes/index.ts';
import { makeDayItems, startFakePapersApi, withField, type FakePapersApi } from '../../support/fake-papers-api.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { ScriptedTransport, startPipeline, testConfig } from '../operators/support.ts';
import { editionOutcome } from './edition-helpers.ts';

const READERS = ['ada@example.org', 'ben@example.org'];

/** Items for `date` with the given arXiv ids and upvotes (a distinct title each, so the email shows which). */
function items(date: string, papers: Record<string, number>): unknown[] {
  const base = makeDayItems(date, Object.keys(papers).length);
  return Object.entries(papers).map(([id, upvotes], i) => {
    let item = withField(base[i], 'paper.id', id);
    item = withField(item, 'paper.upvotes', upvotes);
    item = withField(item, 'paper.title', `Synthetic paper ${id}`);
    return withField(item, 'title', `Synthetic paper ${id}`);
  });
}

const idsOf = (edition: Edition | null) =>
  [...(edition?.sections.flatMap((s) => s.papers) ?? []), ...(edition?.other ?? [])].map((p) => p.paper.id).sort();
const votesOf = (edition: Edition | null, id: string) =>
  [...(edition?.sections.flatMap((s) => s.papers) ?? []), ...(edition?.other ?? [])].find((p) => p.paper.id === id)
    ?.paper.upvotes;

describe('editions of complete days', () => {
  let t: TestRedis;
  let api: FakePapersApi;
  let pipeline: ReturnType<typeof startPipeline>;
  let cleanupConfig: () => void;
  const transport = new ScriptedTransport();
  const mailsTo = (reader: string) => transport.accepted.filter((m) => m.to === reader);

  beforeAll(async () => {
    t = await openTestRedis('complete-days');
    api = await startFakePapersApi();
    const { config, cleanup } = testConfig(t, { PAPERS_API_URL: api.url, PAPERS_RETRIES: '0' });
    cleanupConfig = cleanup;
    pipeline = startPipeline(config, transport);
    for (const email of READERS) {
      await pipeline.rt.store.add(
        email,
        { topics: ['visual-rl', 'image-generation', 'vlm-reasoning', 'robotics'], perTopic: 20, alsoTrending: true },
        { confirmed: true },
      );
    }
  });

  afterAll(async () => {
    await pipeline?.stop();
    await api?.close();
    await t?.cleanup();
    cleanupConfig?.();
  });

  it("Friday's morning sends Thursday with the papers added after an early fetch, at their final votes", async () => {
    const { rt } = pipeline;
    // Thursday afternoon: a first look at the day stores what was listed so far, on few votes.
    api.setDay('2025-11-20', items('2025-11-20', { '2511.20001': 3, '2511.20002': 1 }));
    await getDay(rt.papers, rt.redis, rt.keyspace, '2025-11-20');
    // Later that day: two more papers are listed and the votes grow.
    api.setDay(
      '2025-11-20',
      items('2025-11-20', { '2511.20001': 41, '2511.20002': 17, '2511.20003': 9, '2511.20004': 2 }),
    );

    const started = await startMorningEdition(rt, new Date('2025-11-21T07:00:00Z'));
    expect(started).toMatchObject({ kind: 'new', edition: '2025-11-20', days: ['2025-11-20'] });
    expect((await editionOutcome(rt, '2025-11-20')).state).toBe('completed');

    const edition = await loadEdition(rt.redis, rt.keyspace, '2025-11-20');
    expect(edition?.days).toEqual(['2025-11-20']);
    expect(idsOf(edition)).toEqual(['2511.20001', '2511.20002', '2511.20003', '2511.20004']);
    expect(votesOf(edition, '2511.20001')).toBe(41);
    for (const reader of READERS) {
      expect(mailsTo(reader)).toHaveLength(1);
      expect(mailsTo(reader)[0]?.html).toContain('https://huggingface.co/papers/2511.20004');
      expect(mailsTo(reader)[0]?.subject).toMatch(/^Daily Papers, 20 Nov: /);
    }
  }, 60_000);

  it("Monday's scheduled run covers Friday, Saturday and Sunday in one digest", async () => {
    const { rt } = pipeline;
    api.setDay('2025-11-21', items('2025-11-21', { '2511.21001': 12 }));
    api.setDay('2025-11-22', items('2025-11-22', { '2511.22001': 30, '2511.22002': 4 }));
    api.setDay('2025-11-23', items('2025-11-23', { '2511.23001': 8 }));

    const job = { data: { tz: 'UTC' } } as unknown as Job;
    const ctx = { rt, job, token: '', log: silentLogger() };
    const result = await processScheduled(ctx, new Date('2025-11-24T07:00:00Z'));
    expect(result).toEqual({ edition: '2025-11-23', days: ['2025-11-21', '2025-11-22', '2025-11-23'], tz: 'UTC' });
    expect((await editionOutcome(rt, '2025-11-23')).state).toBe('completed');

    const edition = await loadEdition(rt.redis, rt.keyspace, '2025-11-23');
    expect(edition?.days).toEqual(['2025-11-21', '2025-11-22', '2025-11-23']);
    expect(idsOf(edition)).toEqual(['2511.21001', '2511.22001', '2511.22002', '2511.23001']);
    for (const reader of READERS) {
      expect(mailsTo(reader)).toHaveLength(2);
      const monday = mailsTo(reader)[1]!;
      expect(monday.subject).toMatch(/^Daily Papers, Fri 21 – Sun 23 Nov: /);
      expect(monday.text).toContain('Friday 21 – Sunday 23 November 2025');
    }
  }, 60_000);

  it('never sends a day twice: not the morning run again, not `run --date` of a covered day', async () => {
    const { rt } = pipeline;
    const sent = transport.accepted.length;
    const again = await startMorningEdition(rt, new Date('2025-11-24T07:30:00Z'));
    expect(again).toMatchObject({ kind: 'existing', edition: '2025-11-23', restarted: false });

    await expect(startDayEdition(rt, '2025-11-22')).rejects.toThrow(ValidationError);
    await expect(startDayEdition(rt, '2025-11-22')).rejects.toThrow(/went out in edition 2025-11-23/);
    // The covered day's own edition: started again, it adds nothing.
    const own = await startDayEdition(rt, '2025-11-20');
    expect(own.restarted).toBe(false);
    expect((await editionOutcome(rt, '2025-11-20')).state).toBe('completed');
    expect(await editionDays(rt.redis, rt.keyspace, '2025-11-23')).toEqual(['2025-11-21', '2025-11-22', '2025-11-23']);
    expect(transport.accepted.length).toBe(sent);
    for (const reader of READERS) expect(mailsTo(reader)).toHaveLength(2);
  }, 60_000);

  it('does not send again a paper listed again two days later', async () => {
    const { rt } = pipeline;
    // Monday lists Saturday's top paper again, next to a new one.
    api.setDay('2025-11-24', items('2025-11-24', { '2511.22001': 55, '2511.24001': 6 }));
    const started = await startMorningEdition(rt, new Date('2025-11-25T07:00:00Z'));
    expect(started).toMatchObject({ kind: 'new', edition: '2025-11-24', days: ['2025-11-24'] });
    expect((await editionOutcome(rt, '2025-11-24')).state).toBe('completed');

    const edition = await loadEdition(rt.redis, rt.keyspace, '2025-11-24');
    expect(idsOf(edition)).toEqual(['2511.24001']);
    expect(edition?.repeats).toEqual(['2511.22001']);
    for (const reader of READERS) {
      expect(mailsTo(reader)).toHaveLength(3);
      expect(mailsTo(reader)[2]?.html).toContain('https://huggingface.co/papers/2511.24001');
      expect(mailsTo(reader)[2]?.html).not.toContain('2511.22001');
    }
  }, 60_000);

  it('gives the days of a morning whose fetch failed to the next morning: no day is skipped', async () => {
    const { rt } = pipeline;
    api.setDay('2025-11-25', items('2025-11-25', { '2511.25001': 14 }));
    api.setDay('2025-11-26', items('2025-11-26', { '2511.26001': 21 }));
    api.fail({ kind: 'status', status: 404 });
    await startMorningEdition(rt, new Date('2025-11-26T07:00:00Z'));
    expect((await editionOutcome(rt, '2025-11-25')).state).toBe('failed');
    expect(await editionDays(rt.redis, rt.keyspace, '2025-11-25')).toBeNull();

    const next = await startMorningEdition(rt, new Date('2025-11-27T07:00:00Z'));
    expect(next).toMatchObject({ kind: 'new', edition: '2025-11-26', days: ['2025-11-25', '2025-11-26'] });
    expect((await editionOutcome(rt, '2025-11-26')).state).toBe('completed');
    expect(idsOf(await loadEdition(rt.redis, rt.keyspace, '2025-11-26'))).toEqual(['2511.25001', '2511.26001']);
    for (const reader of READERS) expect(mailsTo(reader)).toHaveLength(4);
  }, 60_000);
});
