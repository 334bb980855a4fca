import type { Command } from 'commander';
import { hostname } from 'node:os';
import { startWorkers } from '../../jobs/workers.ts';
import { createRuntime } from '../../src/runtime/index.ts';
import { CliError, EXIT } from '../cli-error.ts';
import { withContext } from '../context.ts';
import { HEARTBEAT_TTL_MS, heartbeatAge, startHeartbeat } from '../worker-heartbeat.ts';

/** `paperboy worker`: process the edition, send and transactional queues until SIGINT/SIGTERM, then shut down gracefully. */
export function register(program: Command): void {
  program
    .command('worker')
    .description('start the workers (run as many processes, on as many machines, as you like)')
    .option('--concurrency <n>', 'concurrent send batches in this process', (v) => Number.parseInt(v, 10))
    .option('--check', "readiness: exit 0 if Redis answers and this host's worker is running, 4 otherwise")
    .action(async (opts: { concurrency?: number; check?: boolean }) => {
      if (opts.check) return checkWorker();
      await withContext(async (ctx) => {
        const rt = createRuntime(ctx.config, ctx.logger);
        const workers = startWorkers(rt, opts.concurrency ? { sendConcurrency: opts.concurrency } : {});
        const heartbeat = startHeartbeat(ctx.redis(), ctx.keyspace, hostname());
        await heartbeat.ready;
        await new Promise<void>((resolve) => {
          const stop = (signal: string) => {
            ctx.logger.info({ signal }, 'shutting down: finishing active jobs');
            resolve();
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
          // Said once the signals are handled: a supervisor that stops the worker right after this line gets a
          // graceful shutdown, not Node's default (instant) exit.
          ctx.logger.info({ prefix: ctx.keyspace.bullPrefix, transport: rt.transport.name }, 'workers started');
        });
        await heartbeat.stop();
        await workers.close();
        await rt.close();
        ctx.logger.info('workers stopped');
      });
    });
}

/** `paperboy worker --check`: the container's readiness check (Redis was already probed before the action). */
async function checkWorker(): Promise<void> {
  await withContext(async (ctx) => {
    const host = hostname();
    const age = await heartbeatAge(ctx.redis(), ctx.keyspace, host);
    if (age === undefined) {
      throw new CliError(`no worker heartbeat from ${host} in the last ${HEARTBEAT_TTL_MS / 1000} s`, EXIT.unavailable);
    }
    process.stdout.write(`worker on ${host} is ready (last heartbeat ${Math.round(age / 1000)} s ago)\n`);
  });
}
