import { getNextMillis, type JobSchedulerJson } from 'bullmq';
import { ValidationError } from '../shared/errors.ts';
import type { Queues } from './connection.ts';
import { HOUR_JOB_NAME, SCHEDULED_JOB_NAME } from './names.ts';
import { hourJobSchema, scheduledJobSchema } from './payloads.ts';

/** The one job scheduler of an installation: upserting it again replaces it, never adds a second. */
export const DAILY_SCHEDULER_ID = 'daily-edition';

export interface DailySchedule {
  /** A cron pattern (5 fields, or 6 with seconds), e.g. `0 7 * * 1-5`. */
  cron: string;
  /** An IANA time zone, e.g. `Europe/Berlin`; the cron pattern is read in it. */
  tz: string;
}

/** Throws a ValidationError unless `tz` is a time zone this runtime knows. */
export function assertTimeZone(tz: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz;
  } catch (error) {
    throw new ValidationError(`unknown time zone "${tz}" (expected an IANA name such as Europe/Berlin)`, 'tz', error);
  }
}

/**
 * The next `n` run times of a cron pattern in a time zone, after `from`. Uses BullMQ's own next-time function,
 * so it agrees with what the scheduler will do. Throws a ValidationError for a pattern it cannot read.
 */
export function nextRuns(cron: string, tz: string, n: number, from: Date = new Date()): Date[] {
  assertTimeZone(tz);
  const runs: Date[] = [];
  let at = from.getTime();
  for (let i = 0; i < n; i += 1) {
    let next: number | undefined;
    try {
      next = getNextMillis(at, { pattern: cron, tz });
    } catch (error) {
      throw new ValidationError(`cannot read the cron pattern "${cron}": ${String(error)}`, 'cron', error);
    }
    if (next === undefined) break;
    runs.push(new Date(next));
    at = next;
  }
  return runs;
}

/**
 * Creates or updates the daily scheduler on the edition queue. Running it again with the same settings changes
 * nothing (one scheduler, same id); with new settings it replaces the pattern. Returns the scheduler's next run.
 */
export async function upsertDailySchedule(queues: Queues, schedule: DailySchedule): Promise<Date> {
  const [first] = nextRuns(schedule.cron, schedule.tz, 1);
  if (!first) throw new ValidationError(`the cron pattern "${schedule.cron}" never fires`, 'cron');
  const data = scheduledJobSchema.parse({ tz: schedule.tz });
  await queues.edition.upsertJobScheduler(
    DAILY_SCHEDULER_ID,
    { pattern: schedule.cron, tz: schedule.tz },
    { name: SCHEDULED_JOB_NAME, data, opts: { attempts: 3, backoff: { type: 'exponential', delay: 5000 } } },
  );
  const stored = await queues.edition.getJobScheduler(DAILY_SCHEDULER_ID);
  return stored?.next ? new Date(stored.next) : first;
}

/** Removes the daily scheduler (and its pending next job). Returns false when there was none. */
export async function removeDailySchedule(queues: Queues): Promise<boolean> {
  return queues.edition.removeJobScheduler(DAILY_SCHEDULER_ID);
}

/** The stored daily scheduler, or undefined when none is set. */
export async function getDailySchedule(queues: Queues): Promise<JobSchedulerJson | undefined> {
  return queues.edition.getJobScheduler(DAILY_SCHEDULER_ID);
}

/** The hourly send scheduler (local delivery times): one per installation, like the daily one. */
export const HOURLY_SCHEDULER_ID = 'hourly-sends';
/**
 * Every UTC hour at second 30: after the daily scheduler's job of the same minute has started the morning run, so
 * the hour sees it and waits for it (see `assertMorningSettled`).
 */
export const HOURLY_PATTERN = '30 0 * * * *';
/** Attempts of an hour job, a minute apart: how long readers due with the morning run wait for it (~30 min). */
export const HOUR_JOB_ATTEMPTS = 30;

/**
 * Creates (or leaves as it is) the hourly send scheduler on the edition queue. BullMQ keeps one job per scheduler
 * and names each `repeat:hourly-sends:<ms of the tick>`, so however many processes run, each UTC hour gets one job.
 */
export async function upsertHourlySchedule(queues: Queues): Promise<Date> {
  const [first] = nextRuns(HOURLY_PATTERN, 'UTC', 1);
  await queues.edition.upsertJobScheduler(
    HOURLY_SCHEDULER_ID,
    { pattern: HOURLY_PATTERN, tz: 'UTC' },
    {
      name: HOUR_JOB_NAME,
      data: hourJobSchema.parse({}),
      opts: { attempts: HOUR_JOB_ATTEMPTS, backoff: { type: 'fixed', delay: 60_000 } },
    },
  );
  const stored = await queues.edition.getJobScheduler(HOURLY_SCHEDULER_ID);
  return stored?.next ? new Date(stored.next) : (first ?? new Date());
}

export async function removeHourlySchedule(queues: Queues): Promise<boolean> {
  return queues.edition.removeJobScheduler(HOURLY_SCHEDULER_ID);
}

export async function getHourlySchedule(queues: Queues): Promise<JobSchedulerJson | undefined> {
  return queues.edition.getJobScheduler(HOURLY_SCHEDULER_ID);
}
