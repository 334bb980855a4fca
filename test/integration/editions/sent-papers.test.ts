// What the "no repeats" rule reads: the papers of the last N editions in the order they went out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recentlySentPapers, recordSentPapers, SENT_PAPERS_KEPT } from '../../../src/editions/index.ts';
import { editionOf, entry } from '../../fixtures/themes/edition.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';

const at = (minute: number) => new Date(Date.UTC(2025, 10, 24, 8, minute));

describe('papers of the editions that went out', () => {
  let t: TestRedis;
  beforeAll(async () => {
    t = await openTestRedis('sent-papers');
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('are the last N editions in the order they went out, not counting the edition being built', async () => {
    const { redis, keyspace: ks } = t;
    await recordSentPapers(
      redis,
      ks,
      editionOf([entry('a', 'robotics', 5), entry('x', 'other', 1)], '2025-11-20'),
      at(1),
    );
    await recordSentPapers(redis, ks, editionOf([entry('b', 'robotics', 5)], '2025-11-21'), at(2));
    // An older day sent by hand after the others counts as the most recent.
    await recordSentPapers(redis, ks, editionOf([entry('c', 'visual-rl', 5)], '2025-11-10'), at(3));
    // Recorded again (a re-planned edition): it keeps its place.
    await recordSentPapers(
      redis,
      ks,
      editionOf([entry('a', 'robotics', 5), entry('x', 'other', 1)], '2025-11-20'),
      at(9),
    );

    expect([...(await recentlySentPapers(redis, ks, '2025-11-24', 2))].sort()).toEqual(['b', 'c']);
    expect([...(await recentlySentPapers(redis, ks, '2025-11-24', 3))].sort()).toEqual(['a', 'b', 'c', 'x']);
    expect([...(await recentlySentPapers(redis, ks, '2025-11-10', 2))].sort()).toEqual(['a', 'b', 'x']);
    expect((await recentlySentPapers(redis, ks, '2025-11-24', 0)).size).toBe(0);
  });

  it(`forgets all but the last ${SENT_PAPERS_KEPT} editions`, async () => {
    const { redis, keyspace: ks } = t;
    for (let i = 0; i < SENT_PAPERS_KEPT + 2; i += 1) {
      const date = new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
      await recordSentPapers(redis, ks, editionOf([entry(`p${i}`, 'robotics', 5)], date), at(10 + i));
    }
    expect(await redis.hlen(ks.key('sent-papers'))).toBe(SENT_PAPERS_KEPT);
    const all = await recentlySentPapers(redis, ks, 'none', 1000);
    expect(all.size).toBe(SENT_PAPERS_KEPT);
    expect(all.has('p0')).toBe(false);
    expect(all.has(`p${SENT_PAPERS_KEPT + 1}`)).toBe(true);
  });
});
