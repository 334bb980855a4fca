import { ensureRedis, type RedisHandle } from '../../src/shared/ensure-redis.ts';

let handle: RedisHandle | undefined;

/** Finds the Redis the tests talk to, starting a private one when none answers (see README). */
export async function setup(): Promise<void> {
  handle = await ensureRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  process.env.PAPERBOY_TEST_REDIS_URL = handle.url;
}

export async function teardown(): Promise<void> {
  await handle?.stop();
}
