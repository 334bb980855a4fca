import { Redis, type RedisOptions } from 'ioredis';

/**
 * A connection for BullMQ workers and long-lived clients: `maxRetriesPerRequest: null` so commands wait through
 * a Redis restart instead of failing (BullMQ requires it for workers).
 */
export function connectRedis(url: string, options: RedisOptions = {}): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, ...options });
  return redis;
}
