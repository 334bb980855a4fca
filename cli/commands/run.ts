import type { Command } from 'commander';
import { startWorkers } from '../../jobs/workers.ts';
import { startEdition } from '../../src/pipeline/index.ts';
import { createRuntime } from '../../src/runtime/index.ts';
import { todayUtc } from '../../src/shared/dates.ts';
import { CliError, EXIT } from '../cli-error.ts';
import { withContext } from '../context.ts';
import { connectedWorkers, printSummary, runAndWait } from '../run-edition.ts';
import { checkDate } from './papers.ts';

/** How long `run --wait` waits for a worker to connect before it gives up. */
const DEFAULT_WORKER_GRACE_S = 30;

interface RunOpts {
  date: string;
  refresh?: boolean;
  wait?: boolean;
  inline?: boolean;
  workerGrace: string;
}

/**
 * `paperboy run --date D`: enqueue an edition; in a terminal (or with --wait, or --inline) wait with a progress bar.
 */
export function register(program: Command): void {
  program
    .command('run')
    .description('build and send the edition of a day through the queue')
    .option('--date <YYYY-MM-DD>', 'the edition date', todayUtc())
    .option('--refresh', 'fetch the papers again even when stored')
    .option('--wait', 'wait for the edition to finish and print the summary (default in a terminal)')
    .option('--no-wait', 'only enqueue')
    .option('--inline', 'run the workers in this process and wait for the whole edition (implies --wait)')
    .option(
      '--worker-grace <seconds>',
      'with --wait and no --inline: fail when no worker has been connected for this long',
      String(DEFAULT_WORKER_GRACE_S),
    )
    .action(async (opts: RunOpts) => {
      const date = checkDate(opts.date);
      const graceS = Number(opts.workerGrace);
      if (!Number.isFinite(graceS) || graceS < 0)
        throw new CliError('--worker-grace must be seconds (>= 0)', EXIT.usage);
      // Workers in this process stop when the command returns, so --inline must wait for the edition to finish.
      if (opts.inline && opts.wait === false) throw new CliError('--inline needs to wait: drop --no-wait', EXIT.usage);
      await withContext(async (ctx) => {
        const rt = createRuntime(ctx.config, ctx.logger);
        const workers = opts.inline ? startWorkers(rt) : undefined;
        try {
          const wait = opts.wait ?? (opts.inline === true || process.stdout.isTTY === true);
          if (!wait) {
            const { restarted } = await startEdition(rt.queues, date, { refresh: opts.refresh ?? false });
            process.stdout.write(`${restarted ? 'restarted failed' : 'queued'} edition ${date}\n`);
            return;
          }
          if (!workers && (await connectedWorkers(rt)) === 0) {
            process.stderr.write(
              `no worker is connected: start one with \`paperboy worker\` (or use --inline); giving up in ${graceS} s unless one connects\n`,
            );
          }
          const outcome = await runAndWait(rt, date, {
            refresh: opts.refresh ?? false,
            live: process.stdout.isTTY === true,
            out: process.stdout,
            ...(workers ? {} : { noWorkerGraceMs: graceS * 1000 }),
          });
          if (outcome.state === 'failed') throw new CliError(`edition ${date} failed: ${outcome.reason}`, EXIT.failure);
          printSummary(process.stdout, outcome.summary);
          if (Number(outcome.summary.failed ?? 0) + Number(outcome.summary.unknown ?? 0) > 0)
            process.exitCode = EXIT.partial;
        } finally {
          await workers?.close();
          await rt.close();
        }
      });
    });
}
