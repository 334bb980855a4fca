import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, PaperboyError } from './errors.ts';
import { isClusterUrl } from './redis.ts';
import { probeRedis } from './redis-probe.ts';
import { redactRedisUrl } from './redis-url.ts';

export interface RedisHandle {
  url: string;
  /** True when we started a private server for this process. */
  started: boolean;
  stop(): Promise<void>;
}

/** Answers PING within a short timeout, and is what REDIS_URL says it is (one server, or a cluster)? */
export async function redisAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  return (await probeRedis(url, timeoutMs)).ok;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Makes sure a Redis answers: the one at `url` if it does, otherwise a private `redis-server` on a free port in a
 * temporary directory (stopped by `stop()`), otherwise a clear error that says how to get one.
 */
export async function ensureRedis(url: string): Promise<RedisHandle> {
  const probe = await probeRedis(url);
  if (probe.ok) return { url, started: false, stop: () => Promise.resolve() };
  if (probe.reason !== 'unreachable') throw new ConfigError(probe.message);
  if (isClusterUrl(url)) {
    // A private single server would quietly stand in for the cluster that was asked for.
    throw new PaperboyError(probe.message, { code: 'redis_unavailable', retryable: false });
  }
  if (!hasRedisServer()) {
    throw new PaperboyError(
      `Nothing answers at REDIS_URL=${redactRedisUrl(url)} and redis-server is not installed.\n` +
        `Start one with:  docker compose up -d redis   (or install redis-server and run it)`,
      { code: 'redis_unavailable', retryable: false },
    );
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-redis-'));
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore', detached: false },
  );
  const privateUrl = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i += 1) {
    if (await redisAnswers(privateUrl, 500)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!(await redisAnswers(privateUrl, 1000))) {
    child.kill('SIGKILL');
    throw new PaperboyError(`Could not start a private redis-server on port ${port}`, {
      code: 'redis_unavailable',
      retryable: false,
    });
  }
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: privateUrl, started: true, stop };
}
