import type { Keyspace } from '../shared/keyspace.ts';
import type { RedisClient } from '../shared/redis.ts';

// Which edition carries each Daily Papers list day: `coverage:days` maps a list day to the edition that claimed it,
// `coverage:editions` an edition id to the days it holds (comma-joined, oldest first). Both change only in the
// scripts below, so a list day belongs to at most one edition and an edition keeps the days it first claimed.
const daysKey = (ks: Keyspace) => ks.key('coverage', 'days');
const editionsKey = (ks: Keyspace) => ks.key('coverage', 'editions');

// The first claim of an edition takes every proposed day no other edition holds; later claims return what it holds.
const CLAIM = `
local held = redis.call('HGET', KEYS[2], ARGV[1])
if held then return held end
local owned = {}
for i = 2, #ARGV do
  redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[1])
  if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[1] then owned[#owned + 1] = ARGV[i] end
end
local days = table.concat(owned, ',')
redis.call('HSET', KEYS[2], ARGV[1], days)
return days`;

// Gives an edition's days back (it failed before sending anything), so a later edition can carry them.
const RELEASE = `
local held = redis.call('HGET', KEYS[2], ARGV[1])
if not held then return 0 end
for day in string.gmatch(held, '[^,]+') do redis.call('HDEL', KEYS[1], day) end
redis.call('HDEL', KEYS[2], ARGV[1])
return 1`;

const split = (joined: string): string[] => (joined === '' ? [] : joined.split(','));

/**
 * Claims list days for an edition in one atomic step and returns the days it holds, oldest first. The first claim
 * takes each proposed day that no other edition holds (a day held elsewhere is left out: it was or will be sent
 * there); every later claim (a retry, a restarted flow) returns that same set whatever it proposes.
 */
export async function claimDays(
  redis: RedisClient,
  ks: Keyspace,
  edition: string,
  proposed: readonly string[],
): Promise<string[]> {
  const days = [...new Set(proposed)].sort();
  const held = (await redis.eval(CLAIM, 2, daysKey(ks), editionsKey(ks), edition, ...days)) as string;
  return split(held);
}

/** Releases the days an edition holds (its record goes too). Returns false when it held none. */
export async function releaseDays(redis: RedisClient, ks: Keyspace, edition: string): Promise<boolean> {
  return (await redis.eval(RELEASE, 2, daysKey(ks), editionsKey(ks), edition)) === 1;
}

/** The days an edition holds (oldest first), or null when it never claimed any. */
export async function editionDays(redis: RedisClient, ks: Keyspace, edition: string): Promise<string[] | null> {
  const held = await redis.hget(editionsKey(ks), edition);
  return held === null ? null : split(held);
}

/** Which edition holds each of `days` (days no edition holds are absent from the map). */
export async function coveringEditions(
  redis: RedisClient,
  ks: Keyspace,
  days: readonly string[],
): Promise<Map<string, string>> {
  const covered = new Map<string, string>();
  if (days.length === 0) return covered;
  const owners = await redis.hmget(daysKey(ks), ...days);
  days.forEach((day, i) => {
    const owner = owners[i];
    if (owner) covered.set(day, owner);
  });
  return covered;
}

/** The oldest list day any edition holds: where this installation started sending; undefined before that. */
export async function firstCoveredDay(redis: RedisClient, ks: Keyspace): Promise<string | undefined> {
  const days = await redis.hkeys(daysKey(ks));
  return days.sort()[0];
}
