import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EditionPapers } from '../../../src/web/edition-papers.ts';
import { storeEdition, syntheticPaper } from '../../support/feedback-edition.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';

describe('EditionPapers: the papers a feedback link names', () => {
  let t: TestRedis;
  let clock = 0;
  let papers: EditionPapers;
  const editionKey = (date: string) => t.keyspace.key('edition', date);

  beforeAll(async () => {
    t = await openTestRedis('edition-papers');
    papers = new EditionPapers(t.redis, t.keyspace, () => new Date(clock));
  });
  afterAll(() => t?.cleanup());

  it('finds themed and "Also trending" papers, and says which of paper or edition is missing', async () => {
    await storeEdition(t.redis, t.keyspace, '2025-11-24', [syntheticPaper('p.1', 'One'), syntheticPaper('p.2', 'Two')]);
    expect(await papers.find('2025-11-24', 'p.1')).toMatchObject({ found: true, paper: { title: 'One' } });
    expect(await papers.find('2025-11-24', 'p.2')).toMatchObject({ found: true, paper: { title: 'Two' } });
    expect(await papers.find('2025-11-24', 'p.3')).toEqual({ found: false, reason: 'not-in-edition' });
    expect(await papers.find('2025-11-23', 'p.1')).toEqual({ found: false, reason: 'no-edition' });
  });

  it('keeps a frozen (sent) edition for a few minutes, and never one that may still be rebuilt', async () => {
    await storeEdition(t.redis, t.keyspace, '2025-11-25', [
      syntheticPaper('f.1', 'Frozen'),
      syntheticPaper('f.2', 'x'),
    ]);
    await storeEdition(t.redis, t.keyspace, '2025-11-26', [
      syntheticPaper('u.1', 'Unfrozen'),
      syntheticPaper('u.2', 'y'),
    ]);
    // Not sent yet: the edition may still be rebuilt.
    await t.redis.hdel(editionKey('2025-11-26'), 'frozenAt');
    expect((await papers.find('2025-11-25', 'f.1')).found).toBe(true);
    expect((await papers.find('2025-11-26', 'u.1')).found).toBe(true);

    await t.redis.del(editionKey('2025-11-25'), editionKey('2025-11-26'));
    expect((await papers.find('2025-11-25', 'f.1')).found).toBe(true);
    expect(await papers.find('2025-11-26', 'u.1')).toEqual({ found: false, reason: 'no-edition' });
    // After the cache's lifetime the frozen edition is read again (and found gone, e.g. by retention).
    clock += 5 * 60 * 1000;
    expect(await papers.find('2025-11-25', 'f.1')).toEqual({ found: false, reason: 'no-edition' });
  });

  it('keeps at most four editions, dropping the oldest loaded', async () => {
    const dates = ['2025-12-01', '2025-12-02', '2025-12-03', '2025-12-04', '2025-12-05'];
    for (const date of dates) {
      await storeEdition(t.redis, t.keyspace, date, [
        syntheticPaper(`${date}.a`, 'A'),
        syntheticPaper(`${date}.b`, 'B'),
      ]);
      expect((await papers.find(date, `${date}.a`)).found).toBe(true);
    }
    await t.redis.del(...dates.map(editionKey));
    expect((await papers.find('2025-12-01', '2025-12-01.a')).found).toBe(false);
    expect((await papers.find('2025-12-05', '2025-12-05.a')).found).toBe(true);
  });
});
