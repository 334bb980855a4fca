import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stageJobId, type Queues } from '../../src/queue/index.ts';
import { SAFE_PRODUCTION_ENV } from './production-env.ts';

const cli = fileURLToPath(new URL('../../bin/paperboy.js', import.meta.url));

/** A `paperboy worker` child process with its own environment, for crash and multi-process tests. */
export interface WorkerProcess {
  child: ChildProcess;
  /** SIGKILL: no graceful shutdown, jobs in flight are left to stall. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the graceful exit. */
  stop(): Promise<void>;
  output(): string;
}

export function spawnWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, [cli, 'worker'], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    output: () => out,
  };
}

/** Polls `check` until it returns true or the time is up. */
export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
  everyMs = 100,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/**
 * The environment of a worker that sends through a (fake) Resend, under a test's own Redis prefix. A real transport
 * is outside development, so it starts from the settings a deployment would use (the guard refuses the defaults).
 */
export function resendWorkerEnv(
  redis: { url: string; prefix: string },
  resend: { apiKey: string; url: string },
  settings: Record<string, string>,
): Record<string, string> {
  return {
    ...SAFE_PRODUCTION_ENV,
    REDIS_URL: redis.url,
    REDIS_PREFIX: redis.prefix,
    MAIL_TRANSPORT: 'resend',
    RESEND_API_KEY: resend.apiKey,
    RESEND_BASE_URL: resend.url,
    ...settings,
  };
}

/** Waits until an edition's finish job has completed. */
export function waitForEditionFinish(queues: Queues, date: string, timeoutMs: number): Promise<void> {
  return waitFor(
    async () => (await queues.edition.getJobState(stageJobId(date, 'finish'))) === 'completed',
    timeoutMs,
    `the edition ${date} to finish`,
    250,
  );
}
