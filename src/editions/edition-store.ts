import { gunzipSync, gzipSync } from 'node:zlib';
import type { RedisClient } from '../shared/redis.ts';
import type { Edition } from '../themes/index.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import { PermanentError } from '../shared/errors.ts';

const editionKey = (ks: Keyspace, date: string) => ks.key('edition', date);
const indexKey = (ks: Keyspace) => ks.key('editions');

// Writes the edition only while it is not frozen, in one step, so a late rebuild can never replace what was sent.
// The body is gzipped JSON (field `gz`; `json` is the plain form editions were stored in before). With a retention
// (ARGV[4] seconds, 0 = forever) the edition expires and the archive index forgets dates older than it.
const SAVE_UNLESS_FROZEN = `
if redis.call('HEXISTS', KEYS[1], 'frozenAt') == 1 then return 0 end
redis.call('HSET', KEYS[1], 'gz', ARGV[1])
redis.call('HDEL', KEYS[1], 'json')
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
local ttl = tonumber(ARGV[4])
if ttl > 0 then
  redis.call('EXPIRE', KEYS[1], ttl)
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. (tonumber(ARGV[5]) - ttl))
else
  redis.call('PERSIST', KEYS[1])
end
return 1`;

export type SaveEditionResult = 'saved' | 'frozen';

/**
 * Stores (or rebuilds) an edition, gzipped (a quarter of its JSON size); refuses once sending has started. With
 * `retentionSeconds` > 0 (EDITION_RETENTION_DAYS) it expires that long after this build; 0 keeps it forever.
 */
export async function saveEdition(
  redis: RedisClient,
  ks: Keyspace,
  edition: Edition,
  retentionSeconds = 0,
): Promise<SaveEditionResult> {
  const score = Date.parse(`${edition.date}T00:00:00Z`) / 1000;
  const { frozenAt: _ignored, ...body } = edition;
  const ok = await redis.eval(
    SAVE_UNLESS_FROZEN,
    2,
    editionKey(ks, edition.date),
    indexKey(ks),
    gzipSync(JSON.stringify(body)),
    score,
    edition.date,
    retentionSeconds,
    Math.floor(Date.now() / 1000),
  );
  return ok === 1 ? 'saved' : 'frozen';
}

/** The stored edition (with `frozenAt` when sending has started), or null. */
export async function loadEdition(redis: RedisClient, ks: Keyspace, date: string): Promise<Edition | null> {
  const [gz, plain, frozen] = await redis.hmgetBuffer(editionKey(ks, date), 'gz', 'json', 'frozenAt');
  if (!gz && !plain) return null;
  const frozenAt = frozen?.toString('utf8');
  let stored: Omit<Edition, 'days'> & { days?: string[] };
  try {
    stored = JSON.parse((gz ? gunzipSync(gz) : plain!).toString('utf8')) as typeof stored;
  } catch (error) {
    throw new PermanentError(`stored edition ${date} is not valid JSON`, 'edition_corrupt', error);
  }
  // Editions stored before they covered several days carry only their own date.
  const edition: Edition = { ...stored, days: stored.days ?? [date] };
  return frozenAt ? { ...edition, frozenAt } : edition;
}

/** Freezes the edition: from now on it is what the record shows. Returns the freeze time (the first one wins). */
export async function freezeEdition(redis: RedisClient, ks: Keyspace, date: string, at = new Date()): Promise<string> {
  await redis.hsetnx(editionKey(ks, date), 'frozenAt', at.toISOString());
  return (await redis.hget(editionKey(ks, date), 'frozenAt')) ?? at.toISOString();
}

/** The most recent edition dates, newest first. */
export async function recentEditionDates(redis: RedisClient, ks: Keyspace, count = 14): Promise<string[]> {
  return redis.zrevrange(indexKey(ks), 0, count - 1);
}

/**
 * When sending started for each date (`frozenAt`), or null for an edition that is not stored or not frozen yet:
 * one small read per date, so a cache of frozen (never changing) editions can be checked without loading them.
 */
export async function editionFreezeTimes(
  redis: RedisClient,
  ks: Keyspace,
  dates: readonly string[],
): Promise<(string | null)[]> {
  if (dates.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const date of dates) pipeline.hget(editionKey(ks, date), 'frozenAt');
  const results = (await pipeline.exec()) ?? [];
  return results.map(([error, value]) => {
    if (error) throw error;
    return typeof value === 'string' ? value : null;
  });
}

/** How many editions the index holds (stored, within the retention). */
export async function editionCount(redis: RedisClient, ks: Keyspace): Promise<number> {
  return redis.zcard(indexKey(ks));
}

/** Edition dates newest first, `count` of them from position `offset` (for paging through the archive). */
export async function editionDatesPage(
  redis: RedisClient,
  ks: Keyspace,
  offset: number,
  count: number,
): Promise<string[]> {
  return redis.zrevrange(indexKey(ks), offset, offset + count - 1);
}
