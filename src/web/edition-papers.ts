import { loadEdition } from '../editions/index.ts';
import type { Paper } from '../papers/index.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import type { RedisClient } from '../shared/redis.ts';

/** What a feedback link's paper turned out to be. */
export type PaperLookup = { found: true; paper: Paper } | { found: false; reason: 'no-edition' | 'not-in-edition' };

/** How many frozen editions are kept in memory, and for how long (a retention expiry is seen after at most this). */
const CACHE_SIZE = 4;
const CACHE_MS = 5 * 60 * 1000;

/**
 * Finds the papers of stored editions by id. A mail gateway opens every feedback link of every digest when an
 * edition goes out (tens per email), so a frozen edition (one that was sent, and so never changes) is parsed once
 * and kept briefly rather than gunzipped and parsed for each request. An edition not frozen yet is never cached.
 */
export class EditionPapers {
  private readonly cache = new Map<string, { papers: Map<string, Paper>; loadedAt: number }>();

  constructor(
    private readonly redis: RedisClient,
    private readonly ks: Keyspace,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async find(date: string, paperId: string): Promise<PaperLookup> {
    const papers = await this.papersOf(date);
    if (!papers) return { found: false, reason: 'no-edition' };
    const paper = papers.get(paperId);
    return paper ? { found: true, paper } : { found: false, reason: 'not-in-edition' };
  }

  private async papersOf(date: string): Promise<Map<string, Paper> | undefined> {
    const at = this.now().getTime();
    const cached = this.cache.get(date);
    if (cached && at - cached.loadedAt < CACHE_MS) return cached.papers;
    this.cache.delete(date);
    const edition = await loadEdition(this.redis, this.ks, date);
    if (!edition) return undefined;
    const papers = new Map<string, Paper>();
    for (const section of edition.sections) for (const ep of section.papers) papers.set(ep.paper.id, ep.paper);
    for (const ep of edition.other) papers.set(ep.paper.id, ep.paper);
    if (edition.frozenAt) {
      this.cache.set(date, { papers, loadedAt: at });
      // Oldest first out (Map keeps insertion order).
      while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    }
    return papers;
  }
}
