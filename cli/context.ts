import type { RedisClient } from '../src/shared/redis.ts';
import { loadConfig, type Config } from '../src/config/index.ts';
import { createKeyspace, type Keyspace } from '../src/shared/keyspace.ts';
import { createLogger, type Logger } from '../src/shared/logger.ts';
import { connectRedis } from '../src/shared/redis.ts';

/** What every command gets: the config read once, a logger, and (lazily) Redis under the configured prefix. */
export interface CliContext {
  readonly config: Config;
  readonly logger: Logger;
  readonly keyspace: Keyspace;
  /** Opens the connection on first use. */
  redis(): RedisClient;
  close(): Promise<void>;
}

function createCliContext(env: Record<string, string | undefined> = process.env): CliContext {
  const config = loadConfig(env);
  const pretty = config.log.format === 'pretty' || (config.log.format === 'auto' && process.stderr.isTTY === true);
  const logger = createLogger({ level: config.log.level, pretty });
  const keyspace = createKeyspace(config.redis.prefix);
  let client: RedisClient | undefined;
  return {
    config,
    logger,
    keyspace,
    redis: () => {
      client ??= connectRedis(config.redis.url);
      return client;
    },
    close: async () => {
      if (client) await client.quit().catch(() => client?.disconnect());
    },
  };
}

/** Runs a command body with a context and always closes it. */
export async function withContext<T>(body: (ctx: CliContext) => Promise<T>): Promise<T> {
  const ctx = createCliContext();
  try {
    return await body(ctx);
  } finally {
    await ctx.close();
  }
}
