import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDay, loadDay, PapersClient, type PapersClientOptions } from '../../../src/papers/index.ts';
import { TransientError, ValidationError } from '../../../src/shared/errors.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import { makeDayItems, startFakePapersApi, withField, type FakePapersApi } from '../../support/fake-papers-api.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';

const DATE = '2025-11-24';

describe('PapersClient against a local Daily Papers API', () => {
  let api: FakePapersApi;

  const client = (overrides: Partial<PapersClientOptions> = {}) =>
    new PapersClient({
      apiUrl: api.url,
      timeoutMs: 2_000,
      retries: 3,
      baseDelayMs: 5,
      logger: silentLogger(),
      ...overrides,
    });

  beforeAll(async () => {
    api = await startFakePapersApi();
  });
  afterEach(() => api.reset());
  afterAll(async () => {
    await api.close();
  });

  it('pages across a full first page with limit=100 until the empty page and returns every item', async () => {
    const items = makeDayItems(DATE, 130);
    api.setDay(DATE, items);
    const day = await client().fetchDay(DATE);

    expect(day.papers).toHaveLength(130);
    expect(new Set(day.papers.map((p) => p.id)).size).toBe(130);
    expect(day.skipped).toEqual([]);
    expect(day.pages).toBe(2);
    expect(api.requests.map((r) => [r.path, r.date, r.limit, r.p])).toEqual([
      ['/daily_papers', DATE, '100', '0'],
      ['/daily_papers', DATE, '100', '1'],
      ['/daily_papers', DATE, '100', '2'],
    ]);
    // In the order the API listed them.
    expect(day.papers.map((p) => p.id)).toEqual(items.map((i) => (i as { paper: { id: string } }).paper.id));
  });

  it('pages the same way with a smaller page size (a day of exactly two full pages)', async () => {
    api.setDay(DATE, makeDayItems(DATE, 100));
    const day = await client({ pageSize: 50 }).fetchDay(DATE);
    expect(day.papers).toHaveLength(100);
    expect(api.requests.map((r) => r.p)).toEqual(['0', '1', '2']);
  });

  it('retries a 429 after the Retry-After it was given, then succeeds', async () => {
    api.setDay(DATE, makeDayItems(DATE, 3));
    api.fail({ kind: 'status', status: 429, retryAfter: '1' });
    const day = await client().fetchDay(DATE);

    expect(day.papers).toHaveLength(3);
    expect(api.requests.map((r) => [r.p, r.status])).toEqual([
      ['0', 429],
      ['0', 200],
      ['1', 200],
    ]);
  });

  it('retries 5xx, network errors, timeouts and non-JSON bodies, then succeeds', async () => {
    api.setDay(DATE, makeDayItems(DATE, 2));
    api.fail({ kind: 'status', status: 502 }, { kind: 'drop' }, { kind: 'delay', ms: 1_500 }, { kind: 'garbage' });
    const day = await client({ retries: 4, timeoutMs: 300 }).fetchDay(DATE);
    expect(day.papers).toHaveLength(2);
    expect(api.requests.filter((r) => r.p === '0')).toHaveLength(5);
  });

  it('gives up with a TransientError once 500s have used every retry', async () => {
    api.setDay(DATE, makeDayItems(DATE, 2));
    api.failNext(10, { kind: 'status', status: 500 });
    const error = await client({ retries: 2 })
      .fetchDay(DATE)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).retryable).toBe(true);
    expect((error as Error).message).toMatch(/500/);
    expect(api.requests).toHaveLength(3);
  });

  it('turns a 400 into a ValidationError about the date, without retrying', async () => {
    api.fail({ kind: 'status', status: 400, body: JSON.stringify({ error: 'Invalid date' }) });
    const error = await client()
      .fetchDay(DATE)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).retryable).toBe(false);
    expect((error as Error).message).toMatch(/400/);
    expect((error as Error).message).toContain(DATE);
    expect((error as Error).message).toMatch(/date/i);
    expect(api.requests).toHaveLength(1);
  });

  it('refuses a date that is not a calendar date before asking the API', async () => {
    const error = await client()
      .fetchDay('2025-13-40')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain('2025-13-40');
    expect((error as Error).message).toMatch(/YYYY-MM-DD/);
    expect(api.requests).toHaveLength(0);
  });

  it('the fake answers 400 for 2025-13-40 as the real API does', async () => {
    const response = await fetch(`${api.url}/daily_papers?date=2025-13-40&limit=100&p=0`);
    expect(response.status).toBe(400);
  });

  it('skips one malformed item among good ones, reporting its index and field, and keeps the rest', async () => {
    const items = makeDayItems(DATE, 5);
    const broken = withField(items[2], 'paper.title', undefined);
    api.setDay(DATE, [items[0], items[1], broken, items[3], items[4]]);
    const day = await client().fetchDay(DATE);

    const ids = items.map((i) => (i as { paper: { id: string } }).paper.id);
    expect(day.papers.map((p) => p.id)).toEqual([ids[0], ids[1], ids[3], ids[4]]);
    expect(day.skipped).toHaveLength(1);
    expect(day.skipped[0]).toMatchObject({ page: 0, index: 2, id: ids[2] });
    expect(day.skipped[0]!.reason).toContain('paper.title');
  });

  it('skips an item whose field has the wrong type (upvotes "12"), naming paper.upvotes', async () => {
    const items = makeDayItems(DATE, 3);
    api.setDay(DATE, [items[0], withField(items[1], 'paper.upvotes', '12'), items[2]]);
    const day = await client().fetchDay(DATE);

    expect(day.papers).toHaveLength(2);
    expect(day.skipped).toHaveLength(1);
    expect(day.skipped[0]).toMatchObject({ page: 0, index: 1 });
    expect(day.skipped[0]!.reason).toContain('paper.upvotes');
  });

  it('skips items that are not objects or lack the paper, without sinking the day', async () => {
    const items = makeDayItems(DATE, 2);
    api.setDay(DATE, [null, items[0], { title: 'no paper here' }, items[1]]);
    const day = await client().fetchDay(DATE);
    expect(day.papers).toHaveLength(2);
    expect(day.skipped.map((s) => s.index)).toEqual([0, 2]);
    expect(day.skipped[1]!.id).toBeUndefined();
    expect(day.skipped[1]!.reason).toContain('paper');
  });

  it('treats an empty day as a valid, empty day', async () => {
    const day = await client().fetchDay('2025-11-22');
    expect(day).toMatchObject({ date: '2025-11-22', papers: [], skipped: [], pages: 0 });
    expect(api.requests).toHaveLength(1);
  });

  it('collapses arXiv hard wraps in titles and abstracts', async () => {
    const [item] = makeDayItems(DATE, 1);
    const wrapped = withField(
      withField(item, 'paper.title', 'A Title With\n  A Hard Wrap'),
      'paper.summary',
      'An abstract that\nwraps  at\n\nodd places. ',
    );
    api.setDay(DATE, [wrapped]);
    const [paper] = (await client().fetchDay(DATE)).papers;
    expect(paper!.title).toBe('A Title With A Hard Wrap');
    expect(paper!.abstract).toBe('An abstract that wraps at odd places.');
  });

  it('uses paper.submittedOnDailyAt for the submission time, not the top-level publishedAt', async () => {
    const [item] = makeDayItems(DATE, 1) as {
      paper: { submittedOnDailyAt: string; publishedAt: string };
      publishedAt: string;
    }[];
    api.setDay(DATE, [item]);
    const [paper] = (await client().fetchDay(DATE)).papers;
    expect(item!.publishedAt).not.toBe(item!.paper.submittedOnDailyAt);
    expect(paper!.submittedAt).toBe(item!.paper.submittedOnDailyAt);
    expect(paper!.submittedAt.slice(0, 10)).toBe(DATE);
    expect(paper!.publishedAt).toBe(item!.paper.publishedAt);
  });

  it('normalises optional fields: absent stays absent, present ones are kept', async () => {
    const [full] = makeDayItems(DATE, 1);
    let bare: unknown = full;
    for (const f of ['ai_summary', 'ai_keywords', 'githubRepo', 'githubStars', 'projectPage', 'organization']) {
      bare = withField(bare, `paper.${f}`, undefined);
    }
    // The organisation may also sit at the top level of the item (the normaliser falls back to it).
    bare = withField(withField(bare, 'organization', undefined), 'paper.id', '2511.00001');
    api.setDay(DATE, [full, bare]);
    const [a, b] = (await client().fetchDay(DATE)).papers;
    expect(a).toMatchObject({
      aiSummary: expect.any(String),
      aiKeywords: expect.any(Array),
      githubRepo: expect.stringMatching(/^https:\/\/github\.com\//),
      githubStars: expect.any(Number),
      organization: { name: expect.any(String), fullname: expect.any(String) },
    });
    expect(a!.links.page).toBe(`https://huggingface.co/papers/${a!.id}`);
    for (const f of ['aiSummary', 'aiKeywords', 'githubRepo', 'githubStars', 'projectPage', 'organization']) {
      expect(b).not.toHaveProperty(f);
    }
    expect(b!.links).toEqual({
      page: 'https://huggingface.co/papers/2511.00001',
      abs: 'https://arxiv.org/abs/2511.00001',
      pdf: 'https://arxiv.org/pdf/2511.00001',
    });
  });
});

describe('getDay: the fetched day is stored in Redis', () => {
  let api: FakePapersApi;
  let t: TestRedis;

  beforeAll(async () => {
    api = await startFakePapersApi();
    t = await openTestRedis('papers');
  });
  afterAll(async () => {
    await api.close();
    await t.cleanup();
  });

  it('fetches once, then serves the stored day until asked to refresh', async () => {
    const client = new PapersClient({ apiUrl: api.url, timeoutMs: 2_000, retries: 0, logger: silentLogger() });
    api.setDay(DATE, makeDayItems(DATE, 4));

    const first = await getDay(client, t.redis, t.keyspace, DATE);
    expect(first.fetched).toBe(true);
    expect(first.day.papers).toHaveLength(4);
    expect(first.day.source).toBe('api');
    const afterFirst = api.requests.length;
    expect(afterFirst).toBe(2);
    expect((await loadDay(t.redis, t.keyspace, DATE))?.papers.map((p) => p.id)).toEqual(
      first.day.papers.map((p) => p.id),
    );
    expect(await t.redis.exists(t.keyspace.key('papers', DATE))).toBe(1);

    // The API now has more papers, but a re-run does not ask.
    api.setDay(DATE, makeDayItems(DATE, 6));
    const second = await getDay(client, t.redis, t.keyspace, DATE);
    expect(second.fetched).toBe(false);
    expect(second.day.papers).toHaveLength(4);
    expect(api.requests.length).toBe(afterFirst);

    const refreshed = await getDay(client, t.redis, t.keyspace, DATE, { refresh: true });
    expect(refreshed.fetched).toBe(true);
    expect(refreshed.day.papers).toHaveLength(6);
    expect(api.requests.length).toBe(afterFirst + 2);
    expect((await loadDay(t.redis, t.keyspace, DATE))?.papers).toHaveLength(6);
  });

  it('stores an empty day too, so it is not fetched again', async () => {
    const client = new PapersClient({ apiUrl: api.url, timeoutMs: 2_000, retries: 0, logger: silentLogger() });
    const before = api.requests.length;
    expect((await getDay(client, t.redis, t.keyspace, '2025-11-23')).fetched).toBe(true);
    const again = await getDay(client, t.redis, t.keyspace, '2025-11-23');
    expect(again).toMatchObject({ fetched: false, day: { papers: [] } });
    expect(api.requests.length).toBe(before + 1);
  });
});
