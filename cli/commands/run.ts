import type { Command } from 'commander';
import { startWorkers } from '../../jobs/workers.ts';
import { startDayEdition, startMorningEdition } from '../../src/pipeline/index.ts';
import { createRuntime, type Runtime } from '../../src/runtime/index.ts';
import { CliError, EXIT } from '../cli-error.ts';
import { withContext } from '../context.ts';
import { connectedWorkers, printSummary, runAndWait } from '../run-edition.ts';
import { checkDate } from './papers.ts';

interface Started {
  edition: string;
  days: string[];
  restarted: boolean;
}

/**
 * Without a date, the morning edition (as the daily scheduler starts it); with one, the edition of that list day.
 * Returns undefined when the morning has nothing to send.
 */
async function start(rt: Runtime, opts: { date?: string; refresh?: boolean }): Promise<Started | undefined> {
  if (opts.date !== undefined) {
    const date = checkDate(opts.date);
    const { restarted } = await startDayEdition(rt, date, { refresh: opts.refresh ?? false });
    return { edition: date, days: [date], restarted };
  }
  const morning = await startMorningEdition(rt);
  if (morning.kind === 'none') {
    process.stdout.write(`nothing to send: list day ${morning.lastDay} is older than the first edition\n`);
    return undefined;
  }
  if (morning.missedBefore) {
    process.stderr.write(
      `list days up to ${morning.missedBefore} are more than EDITION_MAX_DAYS=${rt.config.editions.maxDays} back and were left out; send them with \`paperboy run --date D\`\n`,
    );
  }
  if (morning.kind === 'existing' && !morning.restarted) {
    process.stdout.write(
      `every complete list day is already carried: this morning's edition is ${morning.edition} (list days ${morning.days.join(', ')})\n`,
    );
  }
  return morning;
}

/** How long `run --wait` waits for a worker to connect before it gives up. */
const DEFAULT_WORKER_GRACE_S = 30;

interface RunOpts {
  date?: string;
  refresh?: boolean;
  wait?: boolean;
  inline?: boolean;
  workerGrace: string;
}

/**
 * `paperboy run [--date D]`: enqueue an edition; in a terminal (or with --wait, or --inline) wait with a progress bar.
 */
export function register(program: Command): void {
  program
    .command('run')
    .description(
      'build and send the morning edition (the complete list days not sent yet), or with --date the edition of one list day',
    )
    .option('--date <YYYY-MM-DD>', 'send this list day alone (refused when another edition carried it)')
    .option('--refresh', 'with --date: fetch the day again even when stored (the morning edition always does)')
    .option('--wait', 'wait for the edition to finish and print the summary (default in a terminal)')
    .option('--no-wait', 'only enqueue')
    .option('--inline', 'run the workers in this process and wait for the whole edition (implies --wait)')
    .option(
      '--worker-grace <seconds>',
      'with --wait and no --inline: fail when no worker has been connected for this long',
      String(DEFAULT_WORKER_GRACE_S),
    )
    .action(async (opts: RunOpts) => {
      if (opts.date !== undefined) checkDate(opts.date);
      const graceS = Number(opts.workerGrace);
      if (!Number.isFinite(graceS) || graceS < 0)
        throw new CliError('--worker-grace must be seconds (>= 0)', EXIT.usage);
      // Workers in this process stop when the command returns, so --inline must wait for the edition to finish.
      if (opts.inline && opts.wait === false) throw new CliError('--inline needs to wait: drop --no-wait', EXIT.usage);
      await withContext(async (ctx) => {
        const rt = createRuntime(ctx.config, ctx.logger);
        const workers = opts.inline ? startWorkers(rt) : undefined;
        try {
          const started = await start(rt, opts);
          if (!started) return;
          const { edition, days, restarted } = started;
          const wait = opts.wait ?? (opts.inline === true || process.stdout.isTTY === true);
          if (!wait) {
            process.stdout.write(
              `${restarted ? 'restarted failed' : 'queued'} edition ${edition} (list days ${days.join(', ')})\n`,
            );
            return;
          }
          if (!workers && (await connectedWorkers(rt)) === 0) {
            process.stderr.write(
              `no worker is connected: start one with \`paperboy worker\` (or use --inline); giving up in ${graceS} s unless one connects\n`,
            );
          }
          const outcome = await runAndWait(rt, edition, {
            restarted,
            live: process.stdout.isTTY === true,
            out: process.stdout,
            ...(workers ? {} : { noWorkerGraceMs: graceS * 1000 }),
          });
          if (outcome.state === 'failed')
            throw new CliError(`edition ${edition} failed: ${outcome.reason}`, EXIT.failure);
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
