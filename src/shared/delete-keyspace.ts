import type { Redis } from 'ioredis';
import type { Keyspace } from './keyspace.ts';

/** Deletes every key of one installation (SCAN + UNLINK). Never FLUSHDB: a Redis may be shared. */
export async function deleteKeyspace(redis: Redis, ks: Keyspace): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', ks.pattern, 'COUNT', 2000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
}
