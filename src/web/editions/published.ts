import { LRUCache } from 'lru-cache';
import { editionCount, editionDatesPage, editionFreezeTimes, loadEdition } from '../../editions/index.ts';
import type { Keyspace } from '../../shared/keyspace.ts';
import type { RedisClient } from '../../shared/redis.ts';
import type { Edition } from '../../themes/index.ts';

/** An edition whose sending has started: what readers received, never changed again. */
export type PublishedEdition = Edition & { frozenAt: string };

/**
 * The public editions: those whose sending has started (frozen). An edition still being built may change and
 * has reached nobody, so it is not shown. Frozen editions never change, so each is loaded (gunzipped, parsed) once
 * per process and kept in a small LRU keyed by date and freeze time; every request still asks Redis whether the
 * edition is there (one HGET), so an edition that expired (EDITION_RETENTION_DAYS) is gone from the web too.
 */
export class PublishedEditions {
  private readonly cache: LRUCache<string, PublishedEdition>;

  constructor(
    private readonly redis: RedisClient,
    private readonly keyspace: Keyspace,
    options: { cached?: number } = {},
  ) {
    this.cache = new LRUCache({ max: options.cached ?? 32 });
  }

  /** The published edition of `date`, or undefined (not stored, expired, or not sent yet). */
  async get(date: string): Promise<PublishedEdition | undefined> {
    const [frozenAt] = await editionFreezeTimes(this.redis, this.keyspace, [date]);
    return frozenAt ? this.load(date, frozenAt) : undefined;
  }

  /**
   * One page of the archive, newest first: `count` index positions from `offset` (an edition not sent yet takes
   * its position but is left out), and how many positions there are in all.
   */
  async page(offset: number, count: number): Promise<{ total: number; editions: PublishedEdition[] }> {
    const [total, dates] = await Promise.all([
      editionCount(this.redis, this.keyspace),
      editionDatesPage(this.redis, this.keyspace, offset, count),
    ]);
    return { total, editions: await this.loadMany(dates) };
  }

  /** The newest published editions (for the feeds), newest first, from the newest `count` stored. */
  async latest(count: number): Promise<PublishedEdition[]> {
    return this.loadMany(await editionDatesPage(this.redis, this.keyspace, 0, count));
  }

  private async loadMany(dates: readonly string[]): Promise<PublishedEdition[]> {
    const frozen = await editionFreezeTimes(this.redis, this.keyspace, dates);
    const loaded = await Promise.all(
      dates.map((date, i) => {
        const frozenAt = frozen[i];
        return frozenAt ? this.load(date, frozenAt) : Promise.resolve(undefined);
      }),
    );
    return loaded.filter((e): e is PublishedEdition => e !== undefined);
  }

  private async load(date: string, frozenAt: string): Promise<PublishedEdition | undefined> {
    const key = `${date}@${frozenAt}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const edition = await loadEdition(this.redis, this.keyspace, date);
    if (!edition?.frozenAt) return undefined;
    const published: PublishedEdition = { ...edition, frozenAt: edition.frozenAt };
    this.cache.set(`${date}@${edition.frozenAt}`, published);
    return published;
  }
}
