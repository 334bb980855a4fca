import type { RedisClient } from '../shared/redis.ts';
import type { Edition } from '../themes/index.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import { PermanentError } from '../shared/errors.ts';

const editionKey = (ks: Keyspace, date: string) => ks.key('edition', date);
const indexKey = (ks: Keyspace) => ks.key('editions');

// Writes the edition only while it is not frozen, in one step, so a late rebuild can never replace what was sent.
const SAVE_UNLESS_FROZEN = `
if redis.call('HEXISTS', KEYS[1], 'frozenAt') == 1 then return 0 end
redis.call('HSET', KEYS[1], 'json', ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1`;

export type SaveEditionResult = 'saved' | 'frozen';

/** Stores (or rebuilds) an edition; refuses once sending has started. */
export async function saveEdition(redis: RedisClient, ks: Keyspace, edition: Edition): Promise<SaveEditionResult> {
  const score = Date.parse(`${edition.date}T00:00:00Z`) / 1000;
  const { frozenAt: _ignored, ...body } = edition;
  const ok = await redis.eval(
    SAVE_UNLESS_FROZEN,
    2,
    editionKey(ks, edition.date),
    indexKey(ks),
    JSON.stringify(body),
    score,
    edition.date,
  );
  return ok === 1 ? 'saved' : 'frozen';
}

/** The stored edition (with `frozenAt` when sending has started), or null. */
export async function loadEdition(redis: RedisClient, ks: Keyspace, date: string): Promise<Edition | null> {
  const [json, frozenAt] = await redis.hmget(editionKey(ks, date), 'json', 'frozenAt');
  if (json === null || json === undefined) return null;
  let stored: Omit<Edition, 'days'> & { days?: string[] };
  try {
    stored = JSON.parse(json) as typeof stored;
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
