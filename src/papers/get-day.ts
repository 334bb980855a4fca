import type { RedisClient } from '../shared/redis.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import { loadDay, saveDay, type StoredDay } from './day-store.ts';
import type { PapersClient } from './papers-client.ts';

/** The day's papers from Redis, fetching (and storing) them first when absent or when `refresh` is set. */
export async function getDay(
  client: PapersClient,
  redis: RedisClient,
  ks: Keyspace,
  date: string,
  options: { refresh?: boolean; retentionSeconds?: number } = {},
): Promise<{ day: StoredDay; fetched: boolean }> {
  if (!options.refresh) {
    const stored = await loadDay(redis, ks, date);
    if (stored) return { day: stored, fetched: false };
  }
  const fetched = await client.fetchDay(date);
  const day: StoredDay = { ...fetched, source: 'api' };
  await saveDay(redis, ks, day, options.retentionSeconds);
  return { day, fetched: true };
}
