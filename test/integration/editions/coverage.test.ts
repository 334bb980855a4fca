// The coverage of list days in Redis: a day belongs to at most one edition, an edition keeps the days it first
// claimed, and released days can be claimed again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimDays, coveringEditions, editionDays, firstCoveredDay, releaseDays } from '../../../src/editions/index.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';

describe('list-day coverage', () => {
  let t: TestRedis;
  beforeAll(async () => {
    t = await openTestRedis('coverage');
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('gives each day to the first edition that claims it, and an edition keeps its first claim', async () => {
    const { redis, keyspace: ks } = t;
    expect(await firstCoveredDay(redis, ks)).toBeUndefined();
    expect(await claimDays(redis, ks, '2025-11-23', ['2025-11-23', '2025-11-21', '2025-11-22'])).toEqual([
      '2025-11-21',
      '2025-11-22',
      '2025-11-23',
    ]);
    // Another edition proposing a held day gets only the free ones.
    expect(await claimDays(redis, ks, '2025-11-24', ['2025-11-23', '2025-11-24'])).toEqual(['2025-11-24']);
    // A rerun of the first proposes something else and keeps what it holds.
    expect(await claimDays(redis, ks, '2025-11-23', ['2025-11-23'])).toEqual([
      '2025-11-21',
      '2025-11-22',
      '2025-11-23',
    ]);
    expect(await editionDays(redis, ks, '2025-11-24')).toEqual(['2025-11-24']);
    expect(await coveringEditions(redis, ks, ['2025-11-20', '2025-11-22', '2025-11-24'])).toEqual(
      new Map([
        ['2025-11-22', '2025-11-23'],
        ['2025-11-24', '2025-11-24'],
      ]),
    );
    expect(await firstCoveredDay(redis, ks)).toBe('2025-11-21');
  });

  it('releases only the days the edition holds, which another edition can then claim', async () => {
    const { redis, keyspace: ks } = t;
    expect(await releaseDays(redis, ks, '2025-11-23')).toBe(true);
    expect(await releaseDays(redis, ks, '2025-11-23')).toBe(false);
    expect(await editionDays(redis, ks, '2025-11-23')).toBeNull();
    expect(await editionDays(redis, ks, '2025-11-24')).toEqual(['2025-11-24']);
    expect(await claimDays(redis, ks, '2025-11-25', ['2025-11-22', '2025-11-24', '2025-11-25'])).toEqual([
      '2025-11-22',
      '2025-11-25',
    ]);
  });

  it('never gives a day to two editions, however many claim it at once', async () => {
    const { redis, keyspace: ks } = t;
    const days = ['2025-12-01', '2025-12-02', '2025-12-03', '2025-12-04'];
    const editions = Array.from({ length: 12 }, (_, i) => `2026-01-${String(i + 1).padStart(2, '0')}`);
    const held = await Promise.all(editions.map((e, i) => claimDays(redis, ks, e, i % 2 ? days : [...days].reverse())));
    const all = held.flat().sort();
    expect(all).toEqual(days);
    const owners = await coveringEditions(redis, ks, days);
    held.forEach((h, i) => {
      for (const day of h) expect(owners.get(day)).toBe(editions[i]);
    });
  });
});
