import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../../src/config/index.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import { buildWebApp } from '../../../src/web/index.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';

export const BASE_URL = 'https://paperboy.test';

/** The web app on its own key prefix, with links under BASE_URL. */
export async function startEditionsWeb(
  name: string,
): Promise<{ app: FastifyInstance; t: TestRedis; close(): Promise<void> }> {
  const t = await openTestRedis(name);
  const config = loadConfig({
    REDIS_URL: t.url,
    REDIS_PREFIX: t.prefix,
    PUBLIC_BASE_URL: BASE_URL,
    LOG_LEVEL: 'silent',
  });
  const app = await buildWebApp({ config, logger: silentLogger(), redis: t.redis, keyspace: t.keyspace });
  return {
    app,
    t,
    close: async () => {
      await app.close();
      await t.cleanup();
    },
  };
}

/** The text of every match of `pattern`'s first group, in order. */
export function allMatches(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((m) => m[1]!);
}
