import type { RedisClient as Redis } from '../../src/shared/redis.ts';
import type { Keyspace } from '../../src/shared/keyspace.ts';

/** Everything a key holds, as text: strings, hashes, lists, sets, sorted sets (with scores) and streams. */
export async function dumpKey(redis: Redis, key: string): Promise<string> {
  const type = await redis.type(key);
  switch (type) {
    case 'string':
      return (await redis.get(key)) ?? '';
    case 'hash':
      return JSON.stringify(await redis.hgetall(key));
    case 'list':
      return JSON.stringify(await redis.lrange(key, 0, -1));
    case 'set':
      return JSON.stringify(await redis.smembers(key));
    case 'zset':
      return JSON.stringify(await redis.zrange(key, 0, -1, 'WITHSCORES'));
    case 'stream':
      return JSON.stringify(await redis.xrange(key, '-', '+'));
    case 'none':
      return '';
    default:
      throw new Error(`${key}: a ${type} key, which this dump cannot read`);
  }
}

/** The installation's keys whose name or contents mention any of `needles` (case-insensitive), with the mention. */
export async function keysMentioning(
  redis: Redis,
  ks: Keyspace,
  needles: readonly string[],
): Promise<{ key: string; excerpt: string }[]> {
  const lowered = needles.map((n) => n.toLowerCase());
  const found: { key: string; excerpt: string }[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', ks.pattern, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      const text = `${key} ${await dumpKey(redis, key)}`;
      const lower = text.toLowerCase();
      const at = lowered.map((n) => lower.indexOf(n)).find((i) => i >= 0);
      if (at !== undefined) found.push({ key, excerpt: text.slice(Math.max(0, at - 60), at + 60) });
    }
  } while (cursor !== '0');
  return found;
}
