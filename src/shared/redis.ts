import { Redis, type RedisOptions } from 'ioredis';

/**
 * A connection for BullMQ workers and long-lived clients: `maxRetriesPerRequest: null` so commands wait through
 * a Redis restart instead of failing (BullMQ requires it for workers).
 */
export function connectRedis(url: string, options: RedisOptions = {}): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, ...options });
  return redis;
}

/** How long the web waits for any one Redis command before it answers 503. */
export const WEB_REDIS_COMMAND_TIMEOUT_MS = 1500;

/**
 * The web server's connection: a command that gets no answer within WEB_REDIS_COMMAND_TIMEOUT_MS (Redis down,
 * restarting or hung) fails, so a request answers 503 at once instead of hanging until Redis returns. The
 * connection itself keeps reconnecting in the background. Workers and the CLI keep `connectRedis`, which waits.
 */
export function connectWebRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    commandTimeout: WEB_REDIS_COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    ...options,
  });
}

// The errors ioredis raises when Redis cannot be reached in time (no typed classes for most of them).
const UNAVAILABLE_MESSAGES = [
  'Command timed out',
  'Connection is closed.',
  "Stream isn't writeable and enableOfflineQueue options is false",
];

/** True for an error that means "Redis did not answer" (as opposed to a bad command or a script error). */
export function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  if (UNAVAILABLE_MESSAGES.includes(error.message)) return true;
  const code = (error as { code?: string }).code;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT';
}
