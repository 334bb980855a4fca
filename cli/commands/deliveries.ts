import type { Command } from 'commander';
import { DeliveryLedger } from '../../src/deliveries/index.ts';
import { editionStatus, followEdition, retryFailed, type EditionStatus } from '../../src/pipeline/index.ts';
import { openQueues } from '../../src/queue/index.ts';
import { createRuntime } from '../../src/runtime/index.ts';
import { ValidationError } from '../../src/shared/errors.ts';
import { parseEditionId, todayUtc } from '../../src/shared/dates.ts';
import { CliError, EXIT } from '../cli-error.ts';
import { withContext } from '../context.ts';
import { progressLine } from '../progress.ts';

/** Validates --date: an edition id (a weekly round-up's `YYYY-MM-DD-weekly` too), or a usage error. */
function checkDate(value: string): string {
  try {
    return parseEditionId(value, '--date');
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error), EXIT.usage);
  }
}

/** The status as lines for a person. */
export function formatStatus(r: EditionStatus): string {
  const lines = [
    `Edition ${r.date}: ${r.papers === null ? 'not built' : `${r.papers} papers`}`,
    `  total ${r.total}  sent ${r.sent}  failed ${r.failed}  unknown ${r.unknown}  pending ${r.pending}  skipped ${r.skipped}`,
  ];
  if (r.papers === 0) lines.push('  No papers that day: nothing was sent.');
  if (r.failures.length > 0) {
    lines.push(`Failed or unknown deliveries (${r.failed + r.unknown}):`);
    for (const f of r.failures)
      lines.push(`  ${f.email ?? '(erased)'}  ${f.subscriberId}  ${f.status}  attempts ${f.attempts}  ${f.reason}`);
    lines.push(`Retry them with: paperboy deliveries retry --date ${r.date}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `paperboy deliveries status|retry`: what happened to an edition's deliveries, and re-sending the failed ones. */
export function register(program: Command): void {
  const deliveries = program.command('deliveries').description("an edition's deliveries: status and retry");
  deliveries
    .command('status')
    .description('counts by status and the failed deliveries with their reasons')
    .option('--date <YYYY-MM-DD>', 'the edition date (YYYY-MM-DD-weekly for a weekly round-up)', todayUtc())
    .option('--json', 'print {"date","total","sent","failed","pending","skipped","papers","failures"}')
    .option('--watch', 'show live progress and the send rate until nothing is pending, then the status')
    .action(async (opts: { date: string; json?: boolean; watch?: boolean }) => {
      const date = checkDate(opts.date);
      await withContext(async (ctx) => {
        const redis = ctx.redis();
        if (opts.watch) {
          const queues = openQueues(redis, ctx.keyspace);
          const live = process.stderr.isTTY === true;
          try {
            const ledger = new DeliveryLedger(redis, ctx.keyspace);
            const draw = (counts: Record<string, number>, rate: number) =>
              process.stderr.write(live ? `\r${progressLine(counts, rate)}` : `${progressLine(counts, rate)}\n`);
            await followEdition({ queues, ledger }, date, draw, { untilSettled: true });
          } finally {
            if (live) process.stderr.write('\n');
            await queues.close();
          }
        }
        const report = await editionStatus(redis, ctx.keyspace, date);
        if (report.papers === null && report.total === 0)
          throw new CliError(
            `nothing is recorded for ${date}: no edition was built and nothing was sent`,
            EXIT.failure,
          );
        process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatStatus(report));
      });
    });
  deliveries
    .command('retry')
    .description('re-send the failed deliveries of an edition without sending anyone a second copy')
    .option('--date <YYYY-MM-DD>', 'the edition date (YYYY-MM-DD-weekly for a weekly round-up)', todayUtc())
    .option('--email <address>', "only this subscriber's delivery")
    .option('--reason <text>', 'only deliveries whose last error contains this text')
    .option(
      '--include-unknown',
      'also re-send unknown deliveries older than the 23 h replay window (a reader whose first copy went out gets two)',
    )
    .action(async (opts: { date: string; email?: string; reason?: string; includeUnknown?: boolean }) => {
      const date = checkDate(opts.date);
      await withContext(async (ctx) => {
        const rt = createRuntime(ctx.config, ctx.logger);
        try {
          const filter = { email: opts.email, reason: opts.reason, includeUnknown: opts.includeUnknown };
          const result = await retryFailed(rt, date, filter).catch((error: unknown) => {
            if (error instanceof ValidationError) throw new CliError(error.message, EXIT.usage);
            throw error;
          });
          const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
          if (result.leftUnknown > 0)
            process.stderr.write(
              `${plural(result.leftUnknown, 'unknown delivery is', 'unknown deliveries are')} past the replay window and left alone (re-send with --include-unknown)\n`,
            );
          if (result.batches === 0) {
            process.stdout.write(`Nothing to retry: no failed deliveries of ${date} match.\n`);
            return;
          }
          const replayed =
            result.replayed > 0
              ? ` and replayed ${plural(result.replayed, 'batch', 'batches')} of unknown deliveries as first sent`
              : '';
          process.stdout.write(
            `Re-queued ${plural(result.requeued, 'failed delivery', 'failed deliveries')}${replayed} of ${date} in ${plural(result.batches, 'send job', 'send jobs')} (retry #${result.retry}).\n`,
          );
          const workers = await rt.queues.send.getWorkers().catch(() => []);
          if (workers.length === 0)
            process.stderr.write('note: no worker is connected; start `paperboy worker` to send them\n');
        } finally {
          await rt.close();
        }
      });
    });
}
