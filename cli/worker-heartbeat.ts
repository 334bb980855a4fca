import type { Keyspace } from '../src/shared/keyspace.ts';
import type { RedisClient } from '../src/shared/redis.ts';

/** How often a running worker process says it is alive, and how long that lasts without a renewal. */
export const HEARTBEAT_EVERY_MS = 10_000;
export const HEARTBEAT_TTL_MS = 3 * HEARTBEAT_EVERY_MS;

const heartbeatKey = (keyspace: Keyspace, host: string) => keyspace.key('worker-heartbeat', host);

/**
 * Writes this host's worker heartbeat now and every HEARTBEAT_EVERY_MS (a key that expires after HEARTBEAT_TTL_MS),
 * so `paperboy worker --check` (the container's readiness check) sees a live worker that reaches Redis.
 * `stop()` removes it first thing on shutdown: a draining worker is no longer ready.
 */
export function startHeartbeat(
  redis: RedisClient,
  keyspace: Keyspace,
  host: string,
): { ready: Promise<void>; stop(): Promise<void> } {
  const key = heartbeatKey(keyspace, host);
  const beat = async () => {
    await redis.set(key, String(Date.now()), 'PX', HEARTBEAT_TTL_MS);
  };
  // A missed beat (Redis briefly away) is not fatal: the next one renews it, and the check reports the gap.
  const timer = setInterval(() => void beat().catch(() => undefined), HEARTBEAT_EVERY_MS);
  timer.unref();
  return {
    ready: beat(),
    stop: async () => {
      clearInterval(timer);
      await redis.del(key).catch(() => undefined);
    },
  };
}

/** How long ago this host's worker last beat, in milliseconds, or undefined when none has within the TTL. */
export async function heartbeatAge(redis: RedisClient, keyspace: Keyspace, host: string): Promise<number | undefined> {
  const value = await redis.get(heartbeatKey(keyspace, host));
  return value === null ? undefined : Math.max(0, Date.now() - Number(value));
}
