import type { Command } from 'commander';
import { startWorkers } from '../../jobs/workers.ts';
import { createRuntime } from '../../src/runtime/index.ts';
import { withContext } from '../context.ts';

/** `paperboy worker`: process the edition, send and transactional queues until SIGINT/SIGTERM, then shut down gracefully. */
export function register(program: Command): void {
  program
    .command('worker')
    .description('start the workers (run as many processes, on as many machines, as you like)')
    .option('--concurrency <n>', 'concurrent send batches in this process', (v) => Number.parseInt(v, 10))
    .action(async (opts: { concurrency?: number }) => {
      await withContext(async (ctx) => {
        const rt = createRuntime(ctx.config, ctx.logger);
        const workers = startWorkers(rt, opts.concurrency ? { sendConcurrency: opts.concurrency } : {});
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
        await workers.close();
        await rt.close();
        ctx.logger.info('workers stopped');
      });
    });
}
