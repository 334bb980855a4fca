import type { Keyspace } from '../shared/keyspace.ts';
import type { RedisClient } from '../shared/redis.ts';
import { subscriberKeys } from './keys.ts';
import { DEFAULT_SEND_HOUR, DEFAULT_WEEKDAY, type Cadence, type Preferences } from './preferences.ts';
import type { Subscriber } from './subscriber.ts';

/**
 * A send bucket: the readers who get their digest at the same local hour in the same time zone (and, for weekly
 * readers, on the same weekday). The hourly send job works out which buckets are due and reads only those, so no
 * job is ever made per subscriber. Its id is `d|<zone>|<hh>` or `w<weekday>|<zone>|<hh>`.
 */
export interface SendBucket {
  cadence: Cadence;
  timeZone: string;
  hour: number;
  /** ISO weekday of a weekly bucket (1 = Monday). */
  weekday?: number;
}

export function sendBucketId(b: SendBucket): string {
  const hh = String(b.hour).padStart(2, '0');
  return b.cadence === 'weekly' ? `w${b.weekday ?? DEFAULT_WEEKDAY}|${b.timeZone}|${hh}` : `d|${b.timeZone}|${hh}`;
}

const BUCKET_ID = /^(d|w[1-7])\|([^|]{1,64})\|([01]\d|2[0-3])$/;

/** The bucket an id names, or undefined for anything else. */
export function parseSendBucketId(id: string): SendBucket | undefined {
  const m = BUCKET_ID.exec(id);
  if (!m) return undefined;
  const [, kind = 'd', timeZone = 'UTC', hh = '0'] = m;
  return kind === 'd'
    ? { cadence: 'daily', timeZone, hour: Number(hh) }
    : { cadence: 'weekly', timeZone, hour: Number(hh), weekday: Number(kind.slice(1)) };
}

/** The bucket of a set of (normalised) preferences, or undefined for a reader of the morning edition run. */
export function bucketOfPreferences(p: Preferences): SendBucket | undefined {
  const weekly = p.cadence === 'weekly';
  if (!p.timeZone && !weekly) return undefined;
  const base = { timeZone: p.timeZone ?? 'UTC', hour: p.hour ?? DEFAULT_SEND_HOUR };
  return weekly ? { ...base, cadence: 'weekly', weekday: p.weekday ?? DEFAULT_WEEKDAY } : { ...base, cadence: 'daily' };
}

/** The bucket id an (active) subscriber belongs in, or '' (inactive, or sent with the morning edition run). */
export function sendBucketOf(s: Pick<Subscriber, 'status' | 'preferences'>): string {
  if (s.status !== 'active') return '';
  const bucket = bucketOfPreferences(s.preferences);
  return bucket ? sendBucketId(bucket) : '';
}

/** A daily reader without a delivery time: sent by the morning edition run, as before time zones existed. */
export function isMorningReader(s: Pick<Subscriber, 'preferences'>): boolean {
  return bucketOfPreferences(s.preferences) === undefined;
}

/** Every bucket that holds someone, with how many (one HGETALL: a few thousand entries at most). */
export async function sendBucketCounts(redis: RedisClient, ks: Keyspace): Promise<Map<string, number>> {
  const raw = await redis.hgetall(subscriberKeys(ks).bucketRegistry());
  const out = new Map<string, number>();
  for (const [id, n] of Object.entries(raw)) if (Number(n) > 0) out.set(id, Number(n));
  return out;
}

/** Pages through one bucket's subscriber ids in id order, `batchSize` at a time. */
export async function* scanSendBucket(
  redis: RedisClient,
  ks: Keyspace,
  bucketId: string,
  batchSize = 1000,
): AsyncGenerator<string[]> {
  const key = subscriberKeys(ks).bucketPrefix() + bucketId;
  let min = '-';
  for (;;) {
    const ids = await redis.zrangebylex(key, min, '+', 'LIMIT', 0, batchSize);
    if (ids.length > 0) yield ids;
    if (ids.length < batchSize) return;
    min = `(${ids[ids.length - 1]}`;
  }
}

/**
 * Lua: moves subscriber ARGV id into bucket `bucket` ('' = none). KEYS members hash, registry hash; the bucket sets
 * are `prefix .. id` (found inside the script, as the subscribe script finds records; every key shares the
 * installation's hash tag). Appended to the store's create, compare-and-set and erase scripts, so the index changes
 * in the same atomic step as the record.
 */
export const SYNC_BUCKET_LUA = `
local function sync_bucket(members, registry, prefix, id, bucket)
  local old = redis.call('HGET', members, id)
  if old == bucket or (not old and bucket == '') then return end
  if old then
    if redis.call('ZREM', prefix .. old, id) == 1 and redis.call('HINCRBY', registry, old, -1) <= 0 then
      redis.call('HDEL', registry, old)
    end
  end
  if bucket == '' then
    redis.call('HDEL', members, id)
  else
    redis.call('HSET', members, id, bucket)
    if redis.call('ZADD', prefix .. bucket, 0, id) == 1 then redis.call('HINCRBY', registry, bucket, 1) end
  end
end`;
