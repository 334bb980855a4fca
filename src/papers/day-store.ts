import type { RedisClient } from '../shared/redis.ts';
import { z } from 'zod';
import { DEFAULT_RETENTION } from '../config/index.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import { PermanentError } from '../shared/errors.ts';
import type { FetchedDay } from './papers-client.ts';

const storedDaySchema = z.object({
  date: z.string(),
  papers: z.array(z.looseObject({ id: z.string(), title: z.string() })),
  skipped: z.array(z.unknown()),
  pages: z.number(),
  fetchedAt: z.string(),
  source: z.enum(['api', 'sample']).default('api'),
});

export interface StoredDay extends FetchedDay {
  source: 'api' | 'sample';
}

const dayKey = (ks: Keyspace, date: string) => ks.key('papers', date);

/**
 * Stores a fetched day so a re-run does not fetch again (unless asked to refresh). It expires after
 * `retentionSeconds` (PAPERS_RETENTION_DAYS): once its edition is built, the edition holds every paper it needs.
 */
export async function saveDay(
  redis: RedisClient,
  ks: Keyspace,
  day: StoredDay,
  retentionSeconds = DEFAULT_RETENTION.papersSeconds,
): Promise<void> {
  await redis.set(dayKey(ks, day.date), JSON.stringify(day), 'EX', retentionSeconds);
}

/** Keeps a stored day another `retentionSeconds` from now (when its edition is built). */
export async function retainDay(
  redis: RedisClient,
  ks: Keyspace,
  date: string,
  retentionSeconds: number,
): Promise<void> {
  await redis.expire(dayKey(ks, date), retentionSeconds);
}

/** The stored day, or null when it was never fetched. */
export async function loadDay(redis: RedisClient, ks: Keyspace, date: string): Promise<StoredDay | null> {
  const raw = await redis.get(dayKey(ks, date));
  if (raw === null) return null;
  const parsed = storedDaySchema.safeParse(JSON.parse(raw));
  if (!parsed.success) {
    throw new PermanentError(
      `stored papers for ${date} are corrupt; fetch again with --refresh`,
      'papers_store_corrupt',
    );
  }
  return parsed.data as unknown as StoredDay;
}
