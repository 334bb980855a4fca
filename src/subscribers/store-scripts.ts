import type { RedisClient } from '../shared/redis.ts';

// Lua keeps each multi-key change atomic. We use compare-and-set scripts rather than WATCH/MULTI because WATCH is
// per connection: on one shared ioredis client, concurrent WATCHes from different callers would mix.

/** KEYS: email index, record, status index. ARGV: email key, id, record JSON. Returns [created 0|1, id]. */
const CREATE = `
local existing = redis.call('HGET', KEYS[1], ARGV[1])
if existing then return {0, existing} end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[3])
redis.call('ZADD', KEYS[3], 0, ARGV[2])
return {1, ARGV[2]}
`;

/**
 * KEYS: record, old status index, new status index. ARGV: expected JSON, new JSON, id.
 * Writes only if the record is still exactly what the caller read. Returns 1 on success, 0 on conflict.
 */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if current ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
if KEYS[2] ~= KEYS[3] then
  redis.call('ZREM', KEYS[2], ARGV[3])
  redis.call('ZADD', KEYS[3], 0, ARGV[3])
end
return 1
`;

/** KEYS: record, email index, then every status index. ARGV: id, email key. Returns 1 if erased. */
const ERASE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('DEL', KEYS[1])
if redis.call('HGET', KEYS[2], ARGV[2]) == ARGV[1] then redis.call('HDEL', KEYS[2], ARGV[2]) end
for i = 3, #KEYS do redis.call('ZREM', KEYS[i], ARGV[1]) end
return 1
`;

export interface StoreScripts {
  create(keys: [string, string, string], emailKey: string, id: string, json: string): Promise<[number, string]>;
  compareAndSet(keys: [string, string, string], expected: string, next: string, id: string): Promise<number>;
  erase(keys: string[], id: string, emailKey: string): Promise<number>;
}

/** EVALSHA with a fallback to EVAL (ioredis `defineCommand` does this), defined once per client. */
export function storeScripts(redis: RedisClient): StoreScripts {
  const r = redis as RedisClient & Record<string, unknown>;
  if (typeof r.paperboySubCreate !== 'function') {
    redis.defineCommand('paperboySubCreate', { numberOfKeys: 3, lua: CREATE });
    redis.defineCommand('paperboySubCas', { numberOfKeys: 3, lua: COMPARE_AND_SET });
    redis.defineCommand('paperboySubErase', { lua: ERASE });
  }
  type Call = (...args: (string | number)[]) => Promise<unknown>;
  const call = (name: string) => (r[name] as Call).bind(redis);
  return {
    create: async (keys, emailKey, id, json) =>
      (await call('paperboySubCreate')(...keys, emailKey, id, json)) as [number, string],
    compareAndSet: async (keys, expected, next, id) =>
      (await call('paperboySubCas')(...keys, expected, next, id)) as number,
    erase: async (keys, id, emailKey) => (await call('paperboySubErase')(keys.length, ...keys, id, emailKey)) as number,
  };
}
