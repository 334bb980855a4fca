import { setTimeout as sleep } from 'node:timers/promises';
import { Job } from 'bullmq';
import type { Command } from 'commander';
import type { Redis } from 'ioredis';
import { DeliveryLedger, retryFailed, summariseDeliveries, type DeliverySummary } from '../../src/deliveries/index.ts';
import { loadEdition } from '../../src/editions/index.ts';
import { openQueues, stageJobId, type Queues } from '../../src/queue/index.ts';
import { createRuntime } from '../../src/runtime/index.ts';
import { ValidationError } from '../../src/shared/errors.ts';
import type { Keyspace } from '../../src/shared/keyspace.ts';
import { todayUtc } from '../../src/shared/dates.ts';
import { SubscriberStore } from '../../src/subscribers/index.ts';
import { CliError, EXIT } from '../cli-error.ts';
import { withContext } from '../context.ts';
import { progressLine } from '../progress.ts';
import { checkDate } from './papers.ts';

/** `deliveries status --json`: the ledger's counts, the edition's paper count, and each failure with its address. */
export interface StatusReport extends Omit<DeliverySummary, 'failures'> {
  /** Papers in the stored edition; null when no edition is stored for the date. */
  papers: number | null;
  failures: { subscriberId: string; email: string | null; attempts: number; reason: string }[];
}

/** Reads an edition's delivery status from the ledger (failures with their subscriber's address). */
export async function deliveryStatus(redis: Redis, ks: Keyspace, date: string): Promise<StatusReport> {
  const summary = await summariseDeliveries(new DeliveryLedger(redis, ks), date);
  const edition = await loadEdition(redis, ks, date);
  const subs = await new SubscriberStore(redis, ks).getMany(summary.failures.map((f) => f.subscriberId));
  const emails = new Map(subs.map((s) => [s.id, s.email]));
  const { failures, ...counts } = summary;
  return {
    ...counts,
    papers: edition ? edition.counts.papers : null,
    failures: failures.map((f) => ({ ...f, email: emails.get(f.subscriberId) ?? null })),
  };
}

/** The status as lines for a person. */
export function formatStatus(r: StatusReport): string {
  const lines = [
    `Edition ${r.date}: ${r.papers === null ? 'not built' : `${r.papers} papers`}`,
    `  total ${r.total}  sent ${r.sent}  failed ${r.failed}  pending ${r.pending}  skipped ${r.skipped}`,
  ];
  if (r.papers === 0) lines.push('  No papers that day: nothing was sent.');
  if (r.failures.length > 0) {
    lines.push(`Failed deliveries (${r.failed}):`);
    for (const f of r.failures)
      lines.push(`  ${f.email ?? '(erased)'}  ${f.subscriberId}  attempts ${f.attempts}  ${f.reason}`);
    lines.push(`Retry them with: paperboy deliveries retry --date ${r.date}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Polls the ledger, calling `onTick` with the counts and the send rate, until nothing is pending and the
 * edition's flow (if any) has finished.
 */
export async function watchDeliveries(
  ledger: DeliveryLedger,
  queues: Pick<Queues, 'edition'>,
  date: string,
  onTick: (counts: Record<string, number>, rate: number) => void,
  intervalMs = 500,
): Promise<void> {
  let last = { sent: -1, at: Date.now() };
  let rate = 0;
  for (;;) {
    const counts = await ledger.counts(date);
    const now = Date.now();
    if (last.sent < 0) last = { sent: counts.sent, at: now };
    else if (now - last.at >= 1000) {
      rate = ((counts.sent - last.sent) * 1000) / (now - last.at);
      last = { sent: counts.sent, at: now };
    }
    onTick(counts, rate);
    const finish = await Job.fromId(queues.edition, stageJobId(date, 'finish'));
    const flowDone = !finish || ['completed', 'failed'].includes(await finish.getState());
    if (counts.queued + counts.sending === 0 && flowDone) return;
    await sleep(intervalMs);
  }
}

/** `paperboy deliveries status|retry`: what happened to an edition's deliveries, and re-sending the failed ones. */
export function register(program: Command): void {
  const deliveries = program.command('deliveries').description("an edition's deliveries: status and retry");
  deliveries
    .command('status')
    .description('counts by status and the failed deliveries with their reasons')
    .option('--date <YYYY-MM-DD>', 'the edition date', todayUtc())
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
            await watchDeliveries(new DeliveryLedger(redis, ctx.keyspace), queues, date, (counts, rate) => {
              process.stderr.write(live ? `\r${progressLine(counts, rate)}` : `${progressLine(counts, rate)}\n`);
            });
          } finally {
            if (live) process.stderr.write('\n');
            await queues.close();
          }
        }
        const report = await deliveryStatus(redis, ctx.keyspace, date);
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
    .description('re-queue the failed deliveries of an edition (never a sent one) and report how many')
    .option('--date <YYYY-MM-DD>', 'the edition date', todayUtc())
    .option('--email <address>', "only this subscriber's delivery")
    .option('--reason <text>', 'only deliveries whose last error contains this text')
    .action(async (opts: { date: string; email?: string; reason?: string }) => {
      const date = checkDate(opts.date);
      await withContext(async (ctx) => {
        const rt = createRuntime(ctx.config, ctx.logger);
        try {
          const result = await retryFailed(rt, date, { email: opts.email, reason: opts.reason }).catch(
            (error: unknown) => {
              if (error instanceof ValidationError) throw new CliError(error.message, EXIT.usage);
              throw error;
            },
          );
          if (result.requeued === 0) {
            process.stdout.write(`Nothing to retry: no failed deliveries of ${date} match.\n`);
            return;
          }
          process.stdout.write(
            `Re-queued ${result.requeued} failed ${result.requeued === 1 ? 'delivery' : 'deliveries'} of ${date} in ${result.batches} send ${result.batches === 1 ? 'job' : 'jobs'} (retry #${result.retry}).\n`,
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
