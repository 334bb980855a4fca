import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PapersClient } from '../../../src/papers/index.ts';
import { startEdition } from '../../../src/pipeline/index.ts';
import { PermanentError } from '../../../src/shared/errors.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import { runPaperboy } from '../../support/cli-process.ts';
import { makeDayItems, startFakePapersApi, withField, type FakePapersApi } from '../../support/fake-papers-api.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { editionOutcome } from '../pipeline/edition-helpers.ts';
import { addSubscribers, ScriptedTransport, startPipeline, testConfig } from '../operators/support.ts';

const DATE = '2025-11-24';
const REJECTED = '2025-11-26';

/** Every optional field of an item (../shared/notes/hf-daily-papers-api.md), nested ones by dotted path. */
const OPTIONAL_FIELDS = [
  'thumbnail',
  'numComments',
  'organization',
  'submittedBy',
  'submitterOrganization',
  'isAuthorParticipating',
  'mediaUrls',
  'title',
  'summary',
  'publishedAt',
  'paper.ai_summary',
  'paper.ai_keywords',
  'paper.ai_summary_model',
  'paper.githubRepo',
  'paper.githubStars',
  'paper.githubRepoAddedBy',
  'paper.projectPage',
  'paper.organization',
  'paper.submittedOnDailyAt',
  'paper.submittedOnDailyBy',
  'paper.discussionId',
  'paper.mediaUrls',
  'paper.authors.0.hidden',
] as const;

describe('the Daily Papers API sends null', () => {
  let api: FakePapersApi;
  let t: TestRedis;
  const client = () =>
    new PapersClient({ apiUrl: api.url, timeoutMs: 2_000, retries: 0, baseDelayMs: 5, logger: silentLogger() });

  beforeAll(async () => {
    api = await startFakePapersApi();
    t = await openTestRedis('papers-nulls');
  });
  afterAll(async () => {
    await api.close();
    await t.cleanup();
  });

  it.each(OPTIONAL_FIELDS)('keeps the paper when %s is null, and reads it as absent', async (field) => {
    const [item] = makeDayItems(DATE, 1);
    api.setDay(DATE, [withField(item, field, null)]);
    const day = await client().fetchDay(DATE);
    expect(day.skipped).toEqual([]);
    expect(day.papers).toHaveLength(1);
    const paper = day.papers[0]!;
    if (field === 'thumbnail') expect(paper.thumbnail).toBeUndefined();
    if (field === 'paper.githubStars') expect(paper.githubStars).toBeUndefined();
    if (field === 'paper.ai_keywords') expect(paper.aiKeywords).toBeUndefined();
    if (field === 'numComments') expect(paper.comments).toBe(0);
  });

  it('fails a day whose every item was rejected, instead of returning an empty day', async () => {
    api.setDay(
      REJECTED,
      makeDayItems(REJECTED, 3).map((i) => withField(i, 'paper.upvotes', 'many')),
    );
    const error: unknown = await client()
      .fetchDay(REJECTED)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ code: 'papers_rejected', retryable: false });
    expect((error as Error).message).toContain('paper.upvotes');
  });

  it('`paperboy papers --json`: pure JSON on stdout, and a non-zero exit on an all-rejected day', async () => {
    const env = { REDIS_URL: t.url, REDIS_PREFIX: t.prefix, PAPERS_API_URL: api.url, PAPERS_RETRIES: '0' };
    const res = await runPaperboy(['papers', '--date', REJECTED, '--json'], env);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('rejected');
    // A day with papers and one malformed item exits 0; the skip warning goes to stderr, stdout stays pure JSON.
    const [good, bad] = makeDayItems(DATE, 2);
    api.setDay(DATE, [good, withField(bad, 'paper.upvotes', 'many')]);
    const ok = await runPaperboy(['papers', '--date', DATE, '--json'], env);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain('skipping a malformed Daily Papers item');
    const body = JSON.parse(ok.stdout) as { papers: unknown[]; skipped: unknown[] };
    expect([body.papers.length, body.skipped.length]).toEqual([1, 1]);
  }, 60_000);

  it('fails the fetch job, and the edition, with an error log (the alert)', async () => {
    const lines: { level: number; msg: string }[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split('\n'))
          if (l) lines.push(JSON.parse(l) as { level: number; msg: string });
        done();
      },
    });
    const { config, cleanup } = testConfig(t, { PAPERS_API_URL: api.url, PAPERS_RETRIES: '0' });
    const transport = new ScriptedTransport();
    const pipeline = startPipeline(config, transport, pino({ level: 'info' }, sink));
    try {
      await addSubscribers(pipeline.rt, ['reader@example.org']);
      await startEdition(pipeline.rt.queues, REJECTED);
      const outcome = await editionOutcome(pipeline.rt, REJECTED, 30_000);
      expect(outcome.state).toBe('failed');
      expect(outcome.reason).toMatch(/rejected/);
      expect(transport.accepted).toHaveLength(0);
      expect(lines.filter((l) => l.level >= 50).map((l) => l.msg)).toContain(
        'papers could not be used: the edition failed',
      );
    } finally {
      await pipeline.stop();
      cleanup();
    }
  }, 60_000);
});
