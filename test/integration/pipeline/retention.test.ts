import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStoredEdition, freezeEdition, loadEdition } from '../../../src/editions/index.ts';
import { getDay, loadSampleDay, saveDay } from '../../../src/papers/index.ts';
import { enqueueEdition, stageJobId } from '../../../src/queue/index.ts';
import { finishEdition, followEdition, planSends, retryFailed } from '../../../src/pipeline/index.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import { makeDayItems, startFakePapersApi, type FakePapersApi } from '../../support/fake-papers-api.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { addSubscribers, ScriptedTransport, startPipeline, testConfig, waitFor } from '../operators/support.ts';

// Retention: every key an edition writes expires as configured, except the ones designed to persist (listed below
// with the reason), and the finish step and operator retries give the delivery records a full retention again.

const DAY = 86_400;
const DATE = '2025-11-24';
const OLD_DATE = '2025-11-20';
const UNFINISHED_DATE = '2025-11-21';
const OK = ['ok1@example.org', 'ok2@example.org', 'ok3@example.org'];
/** Fails the first send, then is accepted on the retry. */
const BAD = 'bad@example.org';
/** Keeps failing, so a later retry has something to re-queue. */
const WORSE = 'worse@example.org';
/** Slack for the time the test itself takes between a TTL being set and read. */
const SLACK = 600;

/** Keys designed to have no expiry, and why. Anything else must expire. */
const PERSISTENT: [RegExp, string][] = [
  [/^sub:/, 'a subscriber: kept until they are erased'],
  [/^subs:/, 'the subscriber indexes (by address, by status)'],
  [/^editions$/, 'the archive index: one small member per edition (trimmed when editions expire)'],
  [/^metrics:provider:/, 'provider counters behind /metrics: a fixed set of keys, not one per edition'],
  [/^metrics:last-edition$/, 'the last finished edition behind /metrics: one small hash, overwritten each time'],
  [/^send:pacer$/, 'the shared send pacer: it sets its own expiry of about a minute'],
  [
    /^coverage:(days|editions)$/,
    'which edition carried each list day: two short fields a day, so no day is sent twice',
  ],
  [/^sent-papers(:order)?$/, 'the papers of the last 60 editions that went out (trimmed as editions are added)'],
  [
    /^(send|edition|transactional):/,
    'BullMQ queues: finished jobs are removed by removeOnComplete/removeOnFail (age and count)',
  ],
];

/** The keys an edition writes that must expire, by what configures them. */
type Kind = 'delivery' | 'papers' | 'edition';
const EXPIRING: [RegExp, Kind, string][] = [
  [/^ledger:[\d-]+$/, 'delivery', 'ledger'],
  [/^ledger:[\d-]+:counts$/, 'delivery', 'counts'],
  [/^ledger:[\d-]+:failed$/, 'delivery', 'failed set'],
  [/^ledger:[\d-]+:retries$/, 'delivery', 'retry counter'],
  [/^plan:[\d-]+:profiles$/, 'delivery', 'profiles'],
  [/^plan:[\d-]+:lists$/, 'delivery', 'set of plan lists'],
  [/^plan:[\d-]+:retry-\d+-\w+$/, 'delivery', 'retry list'],
  [/^plan:[\d-]+:\w+$/, 'delivery', 'plan list'],
  [/^batch:[\d-]+:/, 'delivery', 'batch key'],
  [/^batch-key:[\d-]+:/, 'delivery', 'batch send key'],
  [/^orders:[\d-]+$/, 'delivery', 'reader orders'],
  [/^provider:/, 'delivery', 'provider index'],
  [/^papers:[\d-]+$/, 'papers', 'stored papers'],
  [/^edition:[\d-]+$/, 'edition', 'edition'],
];

interface Expected {
  delivery: number;
  papers: number;
  /** 0: the edition is kept forever. */
  edition: number;
}

/** Every key under the test's prefix with its TTL (-1: none). */
async function keysWithTtl(t: TestRedis): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  let cursor = '0';
  do {
    const [next, keys] = await t.redis.scan(cursor, 'MATCH', t.keyspace.pattern, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) out.set(key.slice(`{${t.prefix}}:`.length), await t.redis.ttl(key));
  } while (cursor !== '0');
  return out;
}

/** Checks every key: persistent by design, or expiring within (expected - SLACK, expected]. Returns the kinds seen. */
async function checkTtls(t: TestRedis, expected: Expected): Promise<Set<string>> {
  const seen = new Set<string>();
  const wrong: string[] = [];
  for (const [key, ttl] of await keysWithTtl(t)) {
    const expiring = EXPIRING.find(([re]) => re.test(key));
    const kind = expiring?.[1];
    if (expiring && !(kind === 'edition' && expected.edition === 0)) {
      seen.add(expiring[2]);
      const want = expected[kind!];
      if (!(ttl > want - SLACK && ttl <= want)) wrong.push(`${key}: TTL ${ttl}, expected about ${want}`);
    } else if (expiring) {
      seen.add(expiring[2]);
      if (ttl !== -1) wrong.push(`${key}: TTL ${ttl}, expected none (editions kept forever)`);
    } else if (!PERSISTENT.some(([re]) => re.test(key))) {
      wrong.push(`${key}: not a key this test knows (TTL ${ttl})`);
    }
  }
  expect(wrong).toEqual([]);
  return seen;
}

const CASES: { name: string; env: Record<string, string>; expected: Expected }[] = [
  { name: 'the defaults', env: {}, expected: { delivery: 14 * DAY, papers: 7 * DAY, edition: 0 } },
  {
    name: 'a configured retention',
    env: { DELIVERY_RETENTION_DAYS: '3', PAPERS_RETENTION_DAYS: '2', EDITION_RETENTION_DAYS: '400' },
    expected: { delivery: 3 * DAY, papers: 2 * DAY, edition: 400 * DAY },
  },
];

describe.each(CASES)('retention with $name', ({ env, expected }) => {
  let t: TestRedis;
  let api: FakePapersApi;
  let pipeline: ReturnType<typeof startPipeline>;
  let cleanupConfig: () => void;
  const transport = new ScriptedTransport();

  beforeAll(async () => {
    t = await openTestRedis('retention');
    api = await startFakePapersApi({
      days: {
        [DATE]: makeDayItems(DATE, 28),
        [OLD_DATE]: makeDayItems(OLD_DATE, 5),
        [UNFINISHED_DATE]: makeDayItems(UNFINISHED_DATE, 5),
      },
    });
    const { config, cleanup } = testConfig(t, { PAPERS_API_URL: api.url, SEND_BATCH_SIZE: '2', ...env });
    cleanupConfig = cleanup;
    pipeline = startPipeline(config, transport);
    await addSubscribers(pipeline.rt, [...OK, BAD, WORSE]);
    transport.failing.add(BAD);
    transport.failing.add(WORSE);
  });

  afterAll(async () => {
    await pipeline?.stop();
    await api?.close();
    await t?.cleanup();
    cleanupConfig?.();
  });

  it('after planning, sending and a retry, every key the edition wrote expires as configured', async () => {
    const { rt } = pipeline;
    await enqueueEdition(rt.queues, DATE);
    expect((await followEdition(rt, DATE, () => undefined, { intervalMs: 100 })).state).toBe('completed');
    transport.failing.delete(BAD);
    expect((await retryFailed(rt, DATE)).requeued).toBe(2);
    await waitFor(async () => (await rt.ledger.counts(DATE)).failed === 1, 'the retry to be sent');
    expect(await rt.ledger.counts(DATE)).toMatchObject({ sent: 4, failed: 1, queued: 0, sending: 0 });

    const seen = await checkTtls(t, expected);
    // Every kind of key was written, so no check above passed for want of keys.
    expect([...seen].sort()).toEqual(
      [
        'ledger',
        'counts',
        'failed set',
        'retry counter',
        'profiles',
        'set of plan lists',
        'plan list',
        'retry list',
        'batch key',
        'batch send key',
        'reader orders',
        'provider index',
        'stored papers',
        'edition',
      ].sort(),
    );
  });

  it('keys expire from the moment they are written: planned and sent, but never finished', async () => {
    const { rt } = pipeline;
    // No flow and no finish step (as after a crash before it): the use case plans and adds the send jobs alone.
    await getDay(rt.papers, rt.redis, rt.keyspace, UNFINISHED_DATE, {
      retentionSeconds: rt.config.retention.papersSeconds,
    });
    await buildStoredEdition(rt.redis, rt.keyspace, rt.config, UNFINISHED_DATE);
    expect((await planSends(rt, UNFINISHED_DATE, silentLogger())).planned).toBe(5);
    await waitFor(async () => {
      const c = await rt.ledger.counts(UNFINISHED_DATE);
      return c.queued + c.sending === 0;
    }, 'the sends');
    expect(await rt.ledger.counts(UNFINISHED_DATE)).toMatchObject({ sent: 4, failed: 1 });
    const seen = await checkTtls(t, expected);
    for (const kind of [
      'ledger',
      'counts',
      'failed set',
      'profiles',
      'set of plan lists',
      'plan list',
      'batch key',
      'batch send key',
      'reader orders',
    ])
      expect(seen).toContain(kind);
  });

  it('the finish step and an operator retry give the delivery records a full retention again', async () => {
    const { rt } = pipeline;
    const deliveryKeys = async () =>
      [...(await keysWithTtl(t))].filter(([key]) => /^(ledger|plan|orders):/.test(key) && key.includes(DATE));
    const age = async () => {
      for (const [key] of await deliveryKeys()) await t.redis.expire(`{${t.prefix}}:${key}`, 1000);
    };

    await age();
    await finishEdition(rt, DATE, silentLogger());
    for (const [key, ttl] of await deliveryKeys()) expect(ttl, key).toBeGreaterThan(expected.delivery - SLACK);

    await age();
    expect((await retryFailed(rt, DATE)).requeued).toBe(1);
    for (const [key, ttl] of await deliveryKeys()) expect(ttl, key).toBeGreaterThan(expected.delivery - SLACK);
    await waitFor(async () => (await rt.ledger.counts(DATE)).failed === 1, 'the second retry to fail again');
  });

  it('a stored day of papers lives PAPERS_RETENTION_DAYS from its fetch, and again from its build', async () => {
    const { rt } = pipeline;
    const papersKey = t.keyspace.key('papers', DATE);
    await t.redis.del(papersKey);
    await getDay(rt.papers, rt.redis, rt.keyspace, DATE, { retentionSeconds: rt.config.retention.papersSeconds });
    expect(await t.redis.ttl(papersKey)).toBeGreaterThan(expected.papers - SLACK);
    await t.redis.expire(papersKey, 1000);
    await buildStoredEdition(rt.redis, rt.keyspace, rt.config, DATE);
    expect(await t.redis.ttl(papersKey)).toBeGreaterThan(expected.papers - SLACK);
  });

  it('an edition first planned longer ago than DELIVERY_RETENTION_DAYS is never planned or sent again', async () => {
    const { rt } = pipeline;
    // The old edition was built and frozen (planned) longer ago than the retention: its ledger is gone.
    await getDay(rt.papers, rt.redis, rt.keyspace, OLD_DATE);
    await buildStoredEdition(rt.redis, rt.keyspace, rt.config, OLD_DATE);
    await freezeEdition(rt.redis, rt.keyspace, OLD_DATE, new Date(Date.now() - (expected.delivery + DAY) * 1000));
    const before = transport.accepted.length;
    await enqueueEdition(rt.queues, OLD_DATE);
    const outcome = await followEdition(rt, OLD_DATE, () => undefined, { intervalMs: 100 });

    expect(outcome.state).toBe('failed');
    const plan = await rt.queues.edition.getJob(stageJobId(OLD_DATE, 'plan'));
    expect(plan?.failedReason).toMatch(/DELIVERY_RETENTION_DAYS/);
    expect(transport.accepted.length).toBe(before);
    expect(await rt.ledger.counts(OLD_DATE)).toMatchObject({ queued: 0, sent: 0 });
  });
});

describe('editions are stored compactly and read back whole', () => {
  let t: TestRedis;

  beforeAll(async () => {
    t = await openTestRedis('retention-editions');
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('a built edition is gzipped JSON, at most a third of its JSON size, and loads as it was built', async () => {
    const { config, cleanup } = testConfig(t);
    try {
      const day = loadSampleDay();
      await saveDay(t.redis, t.keyspace, day);
      const { edition } = await buildStoredEdition(t.redis, t.keyspace, config, day.date);
      const key = t.keyspace.key('edition', day.date);
      expect(await t.redis.hstrlen(key, 'gz')).toBeLessThan(JSON.stringify(edition).length / 3);
      expect(await t.redis.hexists(key, 'json')).toBe(0);
      expect(await loadEdition(t.redis, t.keyspace, day.date)).toEqual(edition);
    } finally {
      cleanup();
    }
  });

  it('an edition stored as plain JSON (before compression) still loads', async () => {
    const key = t.keyspace.key('edition', '2024-01-02');
    const plain = { date: '2024-01-02', builtAt: '2024-01-02T06:00:00.000Z', sections: [], other: [] };
    await t.redis.hset(key, 'json', JSON.stringify(plain), 'frozenAt', '2024-01-02T07:00:00.000Z');
    expect(await loadEdition(t.redis, t.keyspace, '2024-01-02')).toEqual({
      ...plain,
      days: ['2024-01-02'], // stored before editions covered several days: its own date
      frozenAt: '2024-01-02T07:00:00.000Z',
    });
  });
});
