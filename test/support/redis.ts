import { randomBytes } from 'node:crypto';
import { deleteKeyspace } from '../../src/shared/delete-keyspace.ts';
import { createKeyspace, type Keyspace } from '../../src/shared/keyspace.ts';
import { connectRedis, type RedisClient } from '../../src/shared/redis.ts';

/** The Redis the tests use: REDIS_URL, or the private one the global setup started. */
export function testRedisUrl(): string {
  return process.env.PAPERBOY_TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** A unique prefix for one test file, so tests never touch each other's (or anyone else's) keys. */
export function uniquePrefix(name: string): string {
  return `pbtest-${name}-${randomBytes(4).toString('hex')}`;
}

export interface TestRedis {
  redis: RedisClient;
  keyspace: Keyspace;
  prefix: string;
  url: string;
  /** Deletes this prefix's keys (and only those) and disconnects. */
  cleanup(): Promise<void>;
}

export { deleteKeyspace };

export function openTestRedis(name: string): Promise<TestRedis> {
  const url = testRedisUrl();
  const prefix = uniquePrefix(name);
  const keyspace = createKeyspace(prefix);
  const redis = connectRedis(url);
  return Promise.resolve({
    redis,
    keyspace,
    prefix,
    url,
    cleanup: async () => {
      await deleteKeyspace(redis, keyspace);
      redis.disconnect();
    },
  });
}
