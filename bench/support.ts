import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RedisClient } from '../src/shared/redis.ts';
import type { Preferences } from '../src/subscribers/index.ts';
import { THEMES } from '../src/themes/index.ts';

export const repoFile = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** Peak resident set size of a process so far (Linux VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Redis `used_memory`, in MB. */
export async function redisUsedMb(redis: RedisClient): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0) / 1024 / 1024;
}

export { deleteKeyspace as dropKeyspace } from '../src/shared/delete-keyspace.ts';

/** Starts `node <script> args` and resolves once it prints a line matching `ready`. */
export function startProcess(
  args: string[],
  env: Record<string, string>,
  ready?: RegExp,
): Promise<{ child: ChildProcess; firstLine: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffer = '';
    if (!ready) resolve({ child, firstLine: '' });
    child.stdout?.on('data', (d: Buffer) => {
      buffer += d.toString();
      const line = buffer.split('\n').find((l) => ready?.test(l));
      if (line && ready) {
        ready = undefined;
        resolve({ child, firstLine: line });
      }
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  return exited;
}

/**
 * The preferences of bench subscriber `n`: a deterministic spread over every non-empty subset of topics, a few page
 * sizes, with and without "Also trending".
 */
export function benchPreferences(n: number): Preferences {
  const ids = THEMES.map((t) => t.id);
  const mask = (n % (2 ** ids.length - 1)) + 1;
  return {
    topics: ids.filter((_, i) => mask & (1 << i)),
    perTopic: [3, 5, 10][Math.floor(n / 15) % 3] ?? 5,
    alsoTrending: Math.floor(n / 45) % 2 === 0,
  };
}
