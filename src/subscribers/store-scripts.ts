import type { RedisClient } from '../shared/redis.ts';
import { SYNC_BUCKET_LUA } from './send-buckets.ts';

// Lua keeps each multi-key change atomic. We use compare-and-set scripts rather than WATCH/MULTI because WATCH is
// per connection: on one shared ioredis client, concurrent WATCHes from different callers would mix.

/**
 * KEYS: email index, record, status index, suppressed hashes, bucket members, bucket registry. ARGV: email key, id,
 * record JSON, the address's suppression hash ('' for none), bucket prefix, send bucket ('' for none). Returns
 * [1, id] when created, [0, existing id] when the address is already a subscriber, [2, status] when it was erased
 * while suppressed.
 */
const CREATE = `${SYNC_BUCKET_LUA}
local existing = redis.call('HGET', KEYS[1], ARGV[1])
if existing then return {0, existing} end
if ARGV[4] ~= '' then
  local suppressed = redis.call('HGET', KEYS[4], ARGV[4])
  if suppressed then return {2, suppressed} end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[3])
redis.call('ZADD', KEYS[3], 0, ARGV[2])
sync_bucket(KEYS[5], KEYS[6], ARGV[5], ARGV[2], ARGV[6])
return {1, ARGV[2]}
`;

/**
 * KEYS: record, old status index, new status index, bucket members, bucket registry. ARGV: expected JSON, new JSON,
 * id, bucket prefix, the new record's send bucket ('' for none). Writes only if the record is still exactly what the
 * caller read. Returns 1 on success, 0 on conflict.
 */
const COMPARE_AND_SET = `${SYNC_BUCKET_LUA}
local current = redis.call('GET', KEYS[1])
if current ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
if KEYS[2] ~= KEYS[3] then
  redis.call('ZREM', KEYS[2], ARGV[3])
  redis.call('ZADD', KEYS[3], 0, ARGV[3])
end
sync_bucket(KEYS[4], KEYS[5], ARGV[4], ARGV[3], ARGV[5])
return 1
`;

/**
 * KEYS: record, email index, notice markers, suppressed hashes, bucket members, bucket registry, last-sent markers,
 * then every status index. ARGV: id, email key, the address's suppression hash ('' to keep nothing), bucket prefix. Deletes the record and its index entries; when the record
 * was suppressed, keeps its hash and status (never weakening one already kept). Returns 1 if erased.
 */
const ERASE = `${SYNC_BUCKET_LUA}
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local status = cjson.decode(raw).status
redis.call('DEL', KEYS[1], KEYS[3])
if redis.call('HGET', KEYS[2], ARGV[2]) == ARGV[1] then redis.call('HDEL', KEYS[2], ARGV[2]) end
for i = 8, #KEYS do redis.call('ZREM', KEYS[i], ARGV[1]) end
sync_bucket(KEYS[5], KEYS[6], ARGV[4], ARGV[1], '')
redis.call('HDEL', KEYS[7], ARGV[1])
local rank = {unsubscribed = 1, bounced = 2, complained = 3}
if ARGV[3] ~= '' and rank[status] then
  local kept = redis.call('HGET', KEYS[4], ARGV[3])
  if not kept or (rank[kept] or 0) < rank[status] then redis.call('HSET', KEYS[4], ARGV[3], status) end
end
return 1
`;

/**
 * A subscribe request from the web form, decided in one round trip whatever state the address is in (so the work,
 * and its time, tells nothing about the state). KEYS: email index, suppressed hashes, the new record, the pending
 * index. ARGV: email key, suppression hash ('' for none), new id, new record JSON, preferences JSON, now (ISO),
 * record key prefix (records are found by id inside the script, as BullMQ's scripts do; every key shares the
 * installation's hash tag, so this stays legal in a Redis Cluster).
 * Returns [outcome, record JSON]: `created` (a new pending subscriber), `updated` (a pending or unsubscribed one
 * takes the new choices), `existing` (active, bounced or complained: unchanged), or `suppressed` (erased after a
 * bounce or complaint).
 */
const REQUEST_SUBSCRIPTION = `
local id = redis.call('HGET', KEYS[1], ARGV[1])
local raw = false
if id then raw = redis.call('GET', ARGV[7] .. id) end
local suppressed = false
if ARGV[2] ~= '' then suppressed = redis.call('HGET', KEYS[2], ARGV[2]) end
if not raw then
  if suppressed == 'bounced' or suppressed == 'complained' then return {'suppressed', ''} end
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
  redis.call('SET', KEYS[3], ARGV[4])
  redis.call('ZADD', KEYS[4], 0, ARGV[3])
  return {'created', ARGV[4]}
end
local s = cjson.decode(raw)
if s.status == 'pending' or s.status == 'unsubscribed' then
  s.preferences = cjson.decode(ARGV[5])
  s.updatedAt = ARGV[6]
  local json = cjson.encode(s)
  redis.call('SET', ARGV[7] .. id, json)
  return {'updated', json}
end
return {'existing', raw}
`;

export interface StoreScripts {
  create(keys: string[], args: string[]): Promise<[number, string]>;
  compareAndSet(keys: string[], args: string[]): Promise<number>;
  erase(keys: string[], args: string[]): Promise<number>;
  requestSubscription(keys: [string, string, string, string], args: string[]): Promise<[string, string]>;
}

/** EVALSHA with a fallback to EVAL (ioredis `defineCommand` does this), defined once per client. */
export function storeScripts(redis: RedisClient): StoreScripts {
  const r = redis as RedisClient & Record<string, unknown>;
  if (typeof r.paperboySubCreate !== 'function') {
    redis.defineCommand('paperboySubCreate', { numberOfKeys: 6, lua: CREATE });
    redis.defineCommand('paperboySubCas', { numberOfKeys: 5, lua: COMPARE_AND_SET });
    redis.defineCommand('paperboySubErase', { lua: ERASE });
    redis.defineCommand('paperboySubRequest', { numberOfKeys: 4, lua: REQUEST_SUBSCRIPTION });
  }
  type Call = (...args: (string | number)[]) => Promise<unknown>;
  const call = (name: string) => (r[name] as Call).bind(redis);
  return {
    create: async (keys, args) => (await call('paperboySubCreate')(...keys, ...args)) as [number, string],
    compareAndSet: async (keys, args) => (await call('paperboySubCas')(...keys, ...args)) as number,
    erase: async (keys, args) => (await call('paperboySubErase')(keys.length, ...keys, ...args)) as number,
    requestSubscription: async (keys, args) => (await call('paperboySubRequest')(...keys, ...args)) as [string, string],
  };
}
