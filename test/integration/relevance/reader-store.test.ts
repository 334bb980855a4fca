import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildProfile,
  MAX_VECTOR_BYTES,
  personalDigest,
  ReaderStore,
  readerKeys,
  withTerms,
} from '../../../src/relevance/index.ts';
import { subscriberKeys } from '../../../src/subscribers/index.ts';
import { preferencesSchema } from '../../../src/subscribers/preferences.ts';
import { THEMES } from '../../../src/themes/index.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { mixedEdition, paperOn } from '../../unit/relevance/papers.ts';

let t: TestRedis;
let store: ReaderStore;
beforeAll(async () => {
  t = await openTestRedis('reader-store');
  store = new ReaderStore(t.redis, t.keyspace);
  // The store writes a reader's signals only while their subscriber record exists: stand-in records.
  for (const id of ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10'])
    await t.redis.set(subscriberKeys(t.keyspace).record(id), '{}');
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
    const keys = readerKeys(t.keyspace, 's1');
    expect(await t.redis.exists(keys.profile)).toBe(1);
    await store.erase('s1');
    expect(await t.redis.exists(keys.votes, keys.interests, keys.profile)).toBe(0);
  });

  it('keeps the profile in step with the votes: recorded, changed, removed', async () => {
    const robot = paperOn('humanoid', 'old-h4', 3, 7);
    const table = paperOn('tables', 'old-t4', 3, 7);
    await store.recordVote('s4', voteFor(robot.id, robot.title), robot);
    await store.recordVote('s4', voteFor(table.id, table.title, 'less', '2025-11-21T10:00:00.000Z'), table);
    expect(await store.profile('s4')).toEqual(buildProfile(await store.votes('s4')));
    expect(await store.profile('s4')).toMatchObject({ likes: 1, dislikes: 1, liked: [['old-h4', expect.any(String)]] });
    await store.recordVote('s4', voteFor(table.id, table.title, 'more', '2025-11-22T10:00:00.000Z'), table);
    expect(await store.profile('s4')).toMatchObject({ likes: 2, dislikes: 0 });
    await store.removeVote('s4', robot.id);
    await store.removeVote('s4', table.id);
    expect(await store.profile('s4')).toEqual({ likes: 0, dislikes: 0, terms: '', liked: [] });
  });

  it('ends with the profile of every vote when votes arrive at once', async () => {
    const papers = Array.from({ length: 8 }, (_, i) => paperOn(i % 2 ? 'speech' : 'image', `old-c${i}`, 1, i));
    await Promise.all(papers.map((p) => store.recordVote('s5', voteFor(p.id, p.title), p)));
    expect((await store.profile('s5'))?.likes).toBe(8);
    expect(await store.profile('s5')).toEqual(buildProfile(await store.votes('s5')));
  });

  it('never lets a profile from an earlier snapshot of the votes replace a later one', async () => {
    const keys = readerKeys(t.keyspace, 's6');
    const later = { likes: 5, dislikes: 0, terms: 'later=5,0,0', liked: [['x', 'Later']] };
    await t.redis.hset(keys.profile, 'seq', '0', 'gen', '1000', 'data', JSON.stringify(later));
    const paper = paperOn('speech', 'old-s6', 1, 1);
    await store.recordVote('s6', voteFor(paper.id, paper.title), paper);
    expect(await store.profile('s6')).toEqual(later);
  });

  it('loads what a digest needs without the votes, building a profile the votes never had', async () => {
    const paper = paperOn('humanoid', 'old-h7', 3, 8);
    // A vote stored before profiles existed: no profile key.
    const legacy = withTerms(voteFor(paper.id, paper.title), paper);
    await t.redis.hset(readerKeys(t.keyspace, 's7').votes, paper.id, JSON.stringify(legacy));
    const states = await store.digestStates(['s7', 'nobody']);
    expect(states.get('s7')).toEqual({
      votes: [],
      interests: { keywords: [], authors: [], organizations: [], mutes: [] },
      profile: buildProfile([legacy]),
    });
    expect(await store.profile('s7')).toEqual(buildProfile([legacy]));
    expect(states.get('nobody')).toEqual({
      votes: [],
      interests: { keywords: [], authors: [], organizations: [], mutes: [] },
    });
    const d = personalDigest({ edition, prefs, reader: states.get('s7'), skipEmpty: true });
    expect(d.kind === 'digest' && d.digest.why?.['n-hum1']).toMatch(/^Like "Humanoid locomotion/);
  });

  it('writes nothing for a reader whose record is gone, even from a vote that was already under way', async () => {
    const keys = readerKeys(t.keyspace, 's8');
    const paper = paperOn('humanoid', 'old-h8', 3, 2);
    await store.recordVote('s8', voteFor(paper.id, paper.title), paper);
    // Erased between a change and its profile rebuild: the rebuild must not bring the profile back.
    await t.redis.hincrby(keys.profile, 'seq', 1);
    await store.erase('s8');
    await t.redis.del(subscriberKeys(t.keyspace).record('s8'));
    await store.refreshProfile('s8');
    const other = paperOn('speech', 'old-s8', 1, 1);
    expect(await store.recordVote('s8', voteFor(other.id, other.title), other)).toBe(false);
    await store.saveInterests('s8', { keywords: ['speech synthesis'], authors: [], organizations: [], mutes: [] });
    expect(await t.redis.exists(keys.votes, keys.interests, keys.profile)).toBe(0);
  });

  it('rebuilds at send time a profile older than the votes (its rebuild failed after a change)', async () => {
    const keys = readerKeys(t.keyspace, 's9');
    const robot = paperOn('humanoid', 'old-h9', 3, 3);
    const speech = paperOn('speech', 'old-s9', 3, 3);
    await store.recordVote('s9', voteFor(robot.id, robot.title), robot);
    const before = await store.profile('s9');
    // An undo whose rebuild never happened: the vote is gone, the stored profile still has it.
    await t.redis.hdel(keys.votes, robot.id);
    await t.redis.hincrby(keys.profile, 'seq', 1);
    await t.redis.hset(keys.votes, speech.id, JSON.stringify(withTerms(voteFor(speech.id, speech.title), speech)));
    expect(await store.profile('s9')).toEqual(before);
    const states = await store.digestStates(['s9']);
    expect(states.get('s9')?.profile).toEqual(buildProfile(await store.votes('s9')));
    expect(await store.profile('s9')).toEqual(buildProfile(await store.votes('s9')));
    // An unreadable profile is rebuilt and written again, not rebuilt on every send.
    await t.redis.hset(keys.profile, 'data', '{not json');
    await store.digestStates(['s9']);
    expect(await store.profile('s9')).toEqual(buildProfile(await store.votes('s9')));
  });
});
