import type { Command } from 'commander';
import {
  assertTimeZone,
  getDailySchedule,
  getHourlySchedule,
  nextRuns,
  openQueues,
  removeDailySchedule,
  removeHourlySchedule,
  upsertDailySchedule,
  upsertHourlySchedule,
} from '../../src/queue/index.ts';
import { sendBucketCounts } from '../../src/subscribers/index.ts';
import { ValidationError } from '../../src/shared/errors.ts';
import { CliError, EXIT } from '../cli-error.ts';
import { withContext } from '../context.ts';

interface ScheduleOptions {
  show?: boolean;
  runHour?: string;
  remove?: boolean;
  cron?: string;
  tz?: string;
  count: number;
}

/** `Mon 2025-11-24 07:00 Europe/Berlin (06:00 UTC)`: a run time as the operator thinks of it, and in UTC. */
export function formatRun(at: Date, tz: string): string {
  const local = new Intl.DateTimeFormat('en-GB', {
    timeZone: tz,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => local.find((p) => p.type === type)?.value ?? '';
  const text = `${get('weekday')} ${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${tz}`;
  return tz === 'UTC' ? text : `${text} (${at.toISOString().slice(11, 16)} UTC)`;
}

function usage(error: unknown): never {
  if (error instanceof ValidationError) throw new CliError(error.message, EXIT.usage);
  throw error;
}

/**
 * `paperboy schedule`: build and send the edition every day at DIGEST_SCHEDULE in DIGEST_TZ (a BullMQ job
 * scheduler; running it again changes nothing). `--show` prints the next runs, `--remove` removes it.
 */
export function register(program: Command): void {
  program
    .command('schedule')
    .description('send the edition every day on DIGEST_SCHEDULE in DIGEST_TZ (safe to run again after each deploy)')
    .option('--show', 'print the current schedule and its next runs')
    .option('--remove', 'remove the schedule')
    .option('--cron <pattern>', 'cron pattern (default: DIGEST_SCHEDULE)')
    .option('--tz <zone>', 'IANA time zone (default: DIGEST_TZ)')
    .option('--count <n>', 'how many next runs --show prints', (v) => Number.parseInt(v, 10), 5)
    .option(
      '--run-hour <time>',
      'send the readers due at this UTC hour now (e.g. 2026-03-29T05), then print what it did',
    )
    .action(async (opts: ScheduleOptions) => {
      if (opts.runHour !== undefined) return runHour(opts.runHour);
      if (opts.show && opts.remove) throw new CliError('use --show or --remove, not both', EXIT.usage);
      if (!Number.isInteger(opts.count) || opts.count < 1 || opts.count > 100)
        throw new CliError('--count must be a whole number from 1 to 100', EXIT.usage);
      await withContext(async (ctx) => {
        const out = process.stdout;
        const queues = openQueues(ctx.redis(), ctx.keyspace);
        try {
          if (opts.remove) {
            const removed = await removeDailySchedule(queues);
            const hourly = await removeHourlySchedule(queues);
            out.write(removed ? 'Removed the daily schedule.\n' : 'There was no daily schedule to remove.\n');
            out.write(hourly ? 'Removed the hourly sends.\n' : 'There were no hourly sends to remove.\n');
            return;
          }
          if (opts.show) {
            const current = await getDailySchedule(queues);
            const buckets = await sendBucketCounts(ctx.redis(), ctx.keyspace);
            const hourly = await getHourlySchedule(queues);
            out.write(showBuckets(buckets, hourly?.next));
            if (!current?.pattern) {
              out.write('No daily schedule is set (run `paperboy schedule` to set it).\n');
              return;
            }
            const tz = current.tz ?? 'UTC';
            out.write(`Daily schedule: "${current.pattern}" in ${tz}\nNext runs:\n`);
            let runs: Date[];
            try {
              runs = nextRuns(current.pattern, tz, opts.count);
            } catch (error) {
              return usage(error);
            }
            for (const run of runs) out.write(`  ${formatRun(run, tz)}\n`);
            return;
          }
          const cron = opts.cron ?? ctx.config.schedule.cron;
          const tz = opts.tz ?? ctx.config.schedule.tz;
          let next: Date;
          try {
            assertTimeZone(tz);
            next = await upsertDailySchedule(queues, { cron, tz });
          } catch (error) {
            return usage(error);
          }
          out.write(`Daily schedule set: "${cron}" in ${tz}. Next run: ${formatRun(next, tz)}\n`);
          const nextHour = await upsertHourlySchedule(queues);
          out.write(`Hourly sends set (readers with their own delivery time). Next: ${formatRun(nextHour, 'UTC')}\n`);
          const workers = await queues.edition.getWorkers().catch(() => []);
          if (workers.length === 0)
            process.stderr.write(
              'note: no worker is connected; the schedule fires only while `paperboy worker` runs\n',
            );
        } finally {
          await queues.close();
        }
      });
    });
}

/** What `--show` says about local delivery times: the hourly job and how many readers each bucket holds. */
function showBuckets(buckets: Map<string, number>, next: number | undefined): string {
  const readers = [...buckets.values()].reduce((a, b) => a + b, 0);
  const head = next
    ? `Hourly sends: next ${formatRun(new Date(next), 'UTC')}; ${readers} readers with their own delivery time in ${buckets.size} buckets\n`
    : `No hourly sends are set; ${readers} readers with their own delivery time wait for them (run \`paperboy schedule\`)\n`;
  const top = [...buckets].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10);
  return head + top.map(([id, n]) => `  ${id.replaceAll('|', ' ')}  ${n}\n`).join('');
}

/** `--run-hour`: one tick of the hourly sends, now, in this process (the send jobs go to the workers). */
async function runHour(value: string): Promise<void> {
  const at = new Date(/^\d{4}-\d{2}-\d{2}T\d{2}$/.test(value) ? `${value}:00:00Z` : value);
  if (Number.isNaN(at.getTime()))
    throw new CliError(`--run-hour must be a UTC time such as 2026-03-29T05 (got "${value}")`, EXIT.usage);
  const { createRuntime } = await import('../../src/runtime/index.ts');
  const { sendHour } = await import('../../src/pipeline/index.ts');
  await withContext(async (ctx) => {
    const rt = createRuntime(ctx.config, ctx.logger);
    try {
      const s = await sendHour(rt, at, ctx.logger);
      const editions = [s.editions.daily, s.editions.weekly].filter(Boolean).join(' and ') || 'none';
      process.stdout.write(
        `Hour ${s.tick}: ${s.due} of ${s.buckets} buckets due; editions ${editions}; planned ${s.planned}, skipped ${s.skipped}, ` +
          `already had it ${s.alreadyHad}, had one today ${s.notToday}; ${s.batches} send jobs\n`,
      );
    } finally {
      await rt.close();
    }
  });
}
