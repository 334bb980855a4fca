import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import { ConfigError } from './errors.ts';
import { parseRedisUrl, RedisUrlError, type RedisTarget } from './redis-url.ts';

/**
 * A connection to what `REDIS_URL` names: one server (`Redis`) or a Redis Cluster (`Cluster`). Both speak the same
 * commands, and BullMQ takes either as its `connection`, so callers never need to know which one they hold.
 */
export type RedisClient = Redis | Cluster;

/**
 * How the cluster client rides out a reshard. Every key of an installation shares one hash slot (`{prefix}`), so
 * moving that slot moves the whole installation: while its keys are split between two masters, commands are
 * answered ASK (the key already moved: ask the new master), TRYAGAIN (a script or multi-key command whose keys are
 * on both sides, or not created yet) or MOVED (the slot has moved: the client updates its slot table and re-sends).
 * ioredis follows all three, retrying TRYAGAIN every `retryDelayOnTryAgain` ms on a random master, which costs about
 * 17 redirections a second; `maxRedirections` of 1000 lets a command wait through about a minute of migration
 * (ioredis' default of 16 gives up within a second) before it fails and its job is retried.
 */
export const CLUSTER_DEFAULTS = {
  /** Reads go to masters: the ledger and the locks must read their own writes, which a replica may not have yet. */
  scaleReads: 'master',
  maxRedirections: 1000,
  retryDelayOnTryAgain: 100,
  retryDelayOnMoved: 0,
  retryDelayOnClusterDown: 300,
  retryDelayOnFailover: 300,
  slotsRefreshTimeout: 2000,
  slotsRefreshInterval: 5000,
} as const satisfies ClusterOptions;

/** The cluster options for `target`, with `options` applied to every node connection. */
function clusterOptions(target: Extract<RedisTarget, { kind: 'cluster' }>, options: RedisOptions): ClusterOptions {
  // These options belong to the cluster as a whole in ioredis (it refuses them per node).
  const {
    enableOfflineQueue,
    lazyConnect,
    retryStrategy,
    readOnly: _readOnly,
    host: _host,
    port: _port,
    path: _path,
    sentinels: _sentinels,
    ...node
  } = options;
  return {
    ...CLUSTER_DEFAULTS,
    enableOfflineQueue: enableOfflineQueue ?? true,
    lazyConnect: lazyConnect ?? false,
    ...(retryStrategy === undefined ? {} : { clusterRetryStrategy: retryStrategy }),
    redisOptions: {
      maxRetriesPerRequest: null,
      ...(target.username === undefined ? {} : { username: target.username }),
      ...(target.password === undefined ? {} : { password: target.password }),
      ...(target.tls ? { tls: {} } : {}),
      ...node,
    },
  };
}

/**
 * The one place a Redis connection is made. `url` is `REDIS_URL`: a single server gets `Redis`, a cluster (a list
 * of nodes, or `redis+cluster://`) gets ioredis' `Cluster` seeded with every node given. `maxRetriesPerRequest` is
 * null so commands wait through a Redis restart instead of failing (BullMQ requires it for workers). `options` go to
 * every node connection (e.g. `commandTimeout`); `enableOfflineQueue`, `lazyConnect` and `retryStrategy` also
 * govern the cluster as a whole. Throws ConfigError for a malformed `url`.
 */
export function connectRedis(url: string, options: RedisOptions = {}): RedisClient {
  let target: RedisTarget;
  try {
    target = parseRedisUrl(url);
  } catch (error) {
    if (error instanceof RedisUrlError) throw new ConfigError(`Invalid configuration:\n  REDIS_URL: ${error.message}`);
    throw error;
  }
  if (target.kind === 'single') return new Redis(target.url, { maxRetriesPerRequest: null, ...options });
  return new Cluster(
    target.nodes.map(({ host, port }) => ({ host, port })),
    clusterOptions(target, options),
  );
}

/** True when `url` names a Redis Cluster rather than one server. */
export function isClusterUrl(url: string): boolean {
  return parseRedisUrl(url).kind === 'cluster';
}

/**
 * The masters to run a per-node command on (SCAN, INFO): every master of a cluster (once the client knows them), or
 * the one server.
 */
export async function masterNodes(redis: RedisClient): Promise<Redis[]> {
  if (!(redis instanceof Cluster)) return [redis];
  if (redis.status === 'wait') await redis.connect();
  if (redis.status !== 'ready') {
    await new Promise<void>((resolve, reject) => {
      const onReady = () => {
        redis.off('end', onEnd);
        resolve();
      };
      const onEnd = () => {
        redis.off('ready', onReady);
        reject(new Error('the Redis Cluster connection ended before it was ready'));
      };
      redis.once('ready', onReady);
      redis.once('end', onEnd);
    });
  }
  return redis.nodes('master');
}

/** How long the web waits for any one Redis command before it answers 503. */
export const WEB_REDIS_COMMAND_TIMEOUT_MS = 1500;

/**
 * The web server's connection: a command that gets no answer within WEB_REDIS_COMMAND_TIMEOUT_MS (Redis down,
 * restarting or hung) fails, so a request answers 503 at once instead of hanging until Redis returns. The
 * connection itself keeps reconnecting in the background. Workers and the CLI keep `connectRedis`, which waits.
 */
export function connectWebRedis(url: string, options: RedisOptions = {}): RedisClient {
  return connectRedis(url, {
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
