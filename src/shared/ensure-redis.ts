import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { PaperboyError } from './errors.ts';

export interface RedisHandle {
  url: string;
  /** True when we started a private server for this process. */
  started: boolean;
  stop(): Promise<void>;
}

/** Answers PING within a short timeout? */
export async function redisAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
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
  if (await redisAnswers(url)) return { url, started: false, stop: () => Promise.resolve() };
  if (!hasRedisServer()) {
    throw new PaperboyError(
      `Nothing answers at REDIS_URL=${url} and redis-server is not installed.\n` +
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
