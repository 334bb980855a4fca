import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalDigest, ReaderStore, readerKeys, MAX_VECTOR_BYTES } from '../../../src/relevance/index.ts';
import { preferencesSchema } from '../../../src/subscribers/preferences.ts';
import { THEMES } from '../../../src/themes/index.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { mixedEdition, paperOn } from '../../unit/relevance/papers.ts';

let t: TestRedis;
let store: ReaderStore;
beforeAll(async () => {
  t = await openTestRedis('reader-store');
  store = new ReaderStore(t.redis, t.keyspace);
});
afterAll(() => t.cleanup());

const prefs = preferencesSchema.parse({ topics: THEMES.map((th) => th.id), perTopic: 5, alsoTrending: true });
const edition = mixedEdition();
const voteFor = (id: string, title: string, vote: 'more' | 'less' = 'more', at = '2025-11-20T10:00:00.000Z') => ({
  paperId: id,
  date: '2025-11-20',
  vote,
  title,
  at,
});

describe('ReaderStore (real Redis)', () => {
  it("stores a vote with its paper's terms, once, and a digest learns from it", async () => {
    const liked = paperOn('humanoid', 'old-h1', 3, 5);
    expect(await store.recordVote('s1', voteFor(liked.id, liked.title), liked)).toBe(true);
    expect(await store.recordVote('s1', voteFor(liked.id, liked.title), liked)).toBe(false);
    const [stored] = await store.votes('s1');
    expect(stored?.terms).toContain('humanoid');
    expect(Buffer.byteLength(stored?.terms ?? '')).toBeLessThanOrEqual(MAX_VECTOR_BYTES);
    const reader = await store.get('s1');
    const d = personalDigest({ edition, prefs, reader, skipEmpty: true });
    expect(d.kind === 'digest' && d.digest.why?.['n-hum1']).toMatch(/^Like "Humanoid locomotion/);
  });

  it('undoes a vote: the digest is again what it was before', async () => {
    const first = paperOn('humanoid', 'old-h2', 3, 6);
    const second = paperOn('speech', 'old-s2', 3, 6);
    await store.recordVote('s2', voteFor(first.id, first.title), first);
    const before = personalDigest({ edition, prefs, reader: await store.get('s2'), skipEmpty: true });
    await store.recordVote('s2', voteFor(second.id, second.title, 'more', '2025-11-21T10:00:00.000Z'), second);
    const during = personalDigest({ edition, prefs, reader: await store.get('s2'), skipEmpty: true });
    expect(during).not.toEqual(before);
    expect(await store.removeVote('s2', second.id)).toBe(true);
    expect(personalDigest({ edition, prefs, reader: await store.get('s2'), skipEmpty: true })).toEqual(before);
  });

  it("loads many readers in one call, and erases a reader's keys", async () => {
    await store.saveInterests('s3', { keywords: ['speech synthesis'], authors: [], organizations: [], mutes: [] });
    const many = await store.getMany(['s1', 's3', 'nobody']);
    expect(many.get('s1')?.votes).toHaveLength(1);
    expect(many.get('s3')?.interests.keywords).toEqual(['speech synthesis']);
    expect(many.get('nobody')).toEqual({
      votes: [],
      interests: { keywords: [], authors: [], organizations: [], mutes: [] },
    });
    await store.erase('s1');
    const keys = readerKeys(t.keyspace, 's1');
    expect(await t.redis.exists(keys.votes, keys.interests)).toBe(0);
  });
});
