import { connectRedis, type RedisClient } from './redis.ts';
import { parseRedisUrl, redactRedisUrl } from './redis-url.ts';

/** What answers at `REDIS_URL`, and whether it is what the URL says it is. */
export type RedisProbe =
  | { readonly ok: true; readonly cluster: boolean }
  | {
      readonly ok: false;
      /** Nothing answers; one node of a cluster named as a single server; a cluster URL naming a plain server. */
      readonly reason: 'unreachable' | 'cluster-node' | 'not-a-cluster';
      /** One line for the operator, password redacted. */
      readonly message: string;
    };

/** Runs `body` on a fresh fail-fast connection, or gives undefined if it cannot connect, fails or takes too long. */
async function attempt<T>(
  open: () => RedisClient,
  body: (client: RedisClient) => Promise<T>,
  timeoutMs: number,
): Promise<T | undefined> {
  const client = open();
  client.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  try {
    return await Promise.race([client.connect().then(() => body(client)), timeout]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

/** `cluster_enabled` of one server: true, false, or undefined when it does not answer. */
function clusterEnabled(
  url: string,
  timeoutMs: number,
  credentials: { username?: string; password?: string } = {},
): Promise<boolean | undefined> {
  const open = () =>
    connectRedis(url, {
      ...credentials,
      lazyConnect: true,
      connectTimeout: timeoutMs,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
  return attempt(open, async (c) => /cluster_enabled:1/.test(await c.info('cluster')), timeoutMs);
}

/**
 * Checks `REDIS_URL` within about `timeoutMs`: a single server must answer PING and not be a cluster node (which
 * would answer MOVED for most keys); a cluster must be reachable through its seed nodes with every slot served.
 */
export async function probeRedis(url: string, timeoutMs = 1500): Promise<RedisProbe> {
  const target = parseRedisUrl(url);
  const shown = redactRedisUrl(url);
  if (target.kind === 'single') {
    const enabled = await clusterEnabled(target.url, timeoutMs);
    if (enabled === undefined)
      return { ok: false, reason: 'unreachable', message: `Redis does not answer at REDIS_URL=${shown}` };
    if (enabled) {
      return {
        ok: false,
        reason: 'cluster-node',
        message:
          `REDIS_URL=${shown} is one node of a Redis Cluster: name the cluster instead, ` +
          `e.g. REDIS_URL=${shown.replace(/^redis(s?):\/\//i, 'redis$1+cluster://')} (see README, "Redis Cluster")`,
      };
    }
    return { ok: true, cluster: false };
  }
  const options = {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  };
  const answered = await attempt(
    () => connectRedis(url, options),
    async (c) => (await c.ping()) === 'PONG',
    timeoutMs,
  );
  if (answered === true) return { ok: true, cluster: true };
  const seed = target.nodes[0];
  if (seed) {
    const seedUrl = `${target.tls ? 'rediss' : 'redis'}://${seed.host.includes(':') ? `[${seed.host}]` : seed.host}:${seed.port}`;
    const enabled = await clusterEnabled(seedUrl, timeoutMs, {
      ...(target.username === undefined ? {} : { username: target.username }),
      ...(target.password === undefined ? {} : { password: target.password }),
    });
    if (enabled === false) {
      return {
        ok: false,
        reason: 'not-a-cluster',
        message: `REDIS_URL=${shown} names a Redis Cluster, but ${seed.host}:${seed.port} is a plain Redis (cluster support disabled); name it as redis://host:port`,
      };
    }
  }
  return {
    ok: false,
    reason: 'unreachable',
    message: `The Redis Cluster at REDIS_URL=${shown} does not answer (or does not serve every slot)`,
  };
}
