import { Job } from 'bullmq';
import {
  catchUpWindow,
  coveringEditions,
  firstCoveredDay,
  lastCompleteDay,
  loadEdition,
  planMorning,
  recentEditionDates,
} from '../editions/index.ts';
import { stageJobId } from '../queue/index.ts';
import type { Runtime } from '../runtime/index.ts';
import { TransientError } from '../shared/errors.ts';

/**
 * The newest daily edition a reader can get at `tick`: the newest stored edition of a complete list day (an edition
 * sent by hand for today, before the day ended, is not offered). Undefined before the first edition.
 */
export async function newestDailyEdition(
  rt: Pick<Runtime, 'redis' | 'keyspace'>,
  tick: Date,
): Promise<string | undefined> {
  const last = lastCompleteDay(tick);
  for (const id of await recentEditionDates(rt.redis, rt.keyspace, 14)) {
    if (id > last) continue;
    if (await loadEdition(rt.redis, rt.keyspace, id)) return id;
  }
  return undefined;
}

/**
 * Throws a retryable error while this morning's edition run is still going (its flow is queued or running): the
 * hour then waits for it, so readers due in the same hour as DIGEST_SCHEDULE get the new edition, not yesterday's,
 * and its finish step never counts their deliveries as its own. A failed or finished run does not hold the hour.
 */
export async function assertMorningSettled(
  rt: Pick<Runtime, 'redis' | 'keyspace' | 'queues' | 'config'>,
  tick: Date,
): Promise<void> {
  const lastDay = lastCompleteDay(tick);
  const maxDays = rt.config.editions.maxDays;
  const coveredBy = await coveringEditions(rt.redis, rt.keyspace, catchUpWindow(lastDay, maxDays + 1));
  const plan = planMorning({ lastDay, maxDays, coveredBy, firstCovered: await firstCoveredDay(rt.redis, rt.keyspace) });
  if (plan.kind === 'none') return;
  const finish = await Job.fromId(rt.queues.edition, stageJobId(plan.edition, 'finish'));
  const state = finish ? await finish.getState() : 'none';
  if (state === 'none' || state === 'completed' || state === 'failed' || state === 'unknown') return;
  throw new TransientError(
    `the morning edition ${plan.edition} is still ${state}; the hour's readers wait for it`,
    'morning_in_progress',
  );
}
