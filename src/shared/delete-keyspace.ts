import type { Keyspace } from './keyspace.ts';
import { masterNodes, type RedisClient } from './redis.ts';

/**
 * Deletes every key of one installation (SCAN + UNLINK). Never FLUSHDB: a Redis may be shared. SCAN sees one node's
 * keys only, so on a cluster it runs on every master; the UNLINK goes through the client, which routes it to the
 * slot's owner (all of an installation's keys share the `{prefix}` slot).
 */
export async function deleteKeyspace(redis: RedisClient, ks: Keyspace): Promise<void> {
  for (const node of await masterNodes(redis)) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', ks.pattern, 'COUNT', 2000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  }
}
