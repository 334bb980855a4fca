import { planEdition } from '../deliveries/index.ts';
import {
  buildStoredWeekly,
  isWeeklyEditionId,
  freezeEdition,
  loadEdition,
  recordSentPapers,
  weeklyEditionId,
} from '../editions/index.ts';
import type { Runtime } from '../runtime/index.ts';
import { PermanentError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { utcHour } from '../shared/local-time.ts';
import { sendBucketCounts } from '../subscribers/index.ts';
import { dueBuckets, type DueBucket } from './due-buckets.ts';
import { assertMorningSettled, newestDailyEdition } from './hour-editions.ts';
import { dueReaders, type ReaderCounts } from './hour-readers.ts';
import { enqueueSendBatches } from './send-jobs.ts';

/** The editions an hour sends; fixed by its first attempt so every retry sends the same ones. */
export interface HourEditions {
  daily?: string | undefined;
  weekly?: string | undefined;
}

/** What one hourly tick did (the hour job's return value; `paperboy schedule --run-hour` prints it). */
export interface HourSummary extends ReaderCounts {
  tick: string;
  /** Buckets that hold someone, and those due now. */
  buckets: number;
  due: number;
  editions: HourEditions;
  planned: number;
  skipped: number;
  batches: number;
}

export interface SendHourOptions {
  /** Editions a previous attempt of the same hour chose. */
  pinned?: HourEditions | undefined;
  /** Wait (a retryable error) while this morning's edition run is still going; off on the last attempt. */
  waitForMorning?: boolean;
  /** Called with the chosen editions before anything is planned (the job stores them for its retries). */
  onChosen?: (editions: HourEditions) => Promise<void>;
}

type Rt = Pick<Runtime, 'redis' | 'keyspace' | 'store' | 'ledger' | 'config' | 'transport' | 'queues'>;

/**
 * One hourly tick of local delivery times (README, "Delivery times"): finds the send buckets whose local hour the
 * tick serves, and plans their readers into the newest daily edition (daily readers) or the weekly round-up of the
 * week up to it (weekly readers, on their weekday) with the same ledger, batches and send jobs as the morning run.
 * Readers who already had the edition, or a digest this local day, are left out. Running the same tick again
 * (a retry, a second scheduler firing, an operator) sends nobody anything twice.
 */
export async function sendHour(rt: Rt, at: Date, log: Logger, options: SendHourOptions = {}): Promise<HourSummary> {
  const tick = utcHour(at);
  const counts = await sendBucketCounts(rt.redis, rt.keyspace);
  const due = dueBuckets(counts.keys(), tick);
  const summary: HourSummary = {
    tick: tick.toISOString(),
    buckets: counts.size,
    due: due.length,
    editions: {},
    planned: 0,
    skipped: 0,
    batches: 0,
    notToday: 0,
    alreadyHad: 0,
  };
  if (due.length === 0) return summary;
  const daily = due.filter((d) => d.bucket.cadence === 'daily');
  const weekly = due.filter((d) => d.bucket.cadence === 'weekly');
  let editions = options.pinned;
  if (!editions) {
    if (options.waitForMorning) await assertMorningSettled(rt, tick);
    const newest = await newestDailyEdition(rt, tick);
    editions = newest ? { daily: newest, ...(weekly.length > 0 ? { weekly: weeklyEditionId(newest) } : {}) } : {};
    await options.onChosen?.(editions);
  }
  summary.editions = editions;
  if (editions.weekly && weekly.length > 0) {
    await buildStoredWeekly(rt.redis, rt.keyspace, rt.config, editions.weekly.slice(0, 10), tick);
  }
  for (const [edition, buckets] of [
    [editions.daily, daily],
    [editions.weekly, weekly],
  ] as const) {
    if (!edition || buckets.length === 0) continue;
    const result = await planHour(rt, edition, buckets, tick, log, summary);
    summary.planned += result.planned;
    summary.skipped += result.skipped;
    summary.batches += result.batches;
  }
  log.info(summary, 'hour planned');
  return summary;
}

async function planHour(
  rt: Rt,
  id: string,
  buckets: readonly DueBucket[],
  tick: Date,
  log: Logger,
  counts: ReaderCounts,
) {
  const edition = await loadEdition(rt.redis, rt.keyspace, id);
  if (!edition) throw new PermanentError(`edition ${id} is not stored`, 'edition_missing');
  if (edition.counts.papers === 0) return { planned: 0, skipped: 0, batches: 0 };
  const retentionMs = rt.config.retention.deliverySeconds * 1000;
  if (edition.frozenAt && Date.parse(edition.frozenAt) + retentionMs <= tick.getTime()) {
    log.warn({ edition: id }, 'the newest edition is past DELIVERY_RETENTION_DAYS: not sent again');
    return { planned: 0, skipped: 0, batches: 0 };
  }
  const frozenAt = await freezeEdition(rt.redis, rt.keyspace, id);
  // A daily edition's papers count as sent from its first send (README, "No repeats"); a round-up repeats them.
  if (!isWeeklyEditionId(id)) await recordSentPapers(rt.redis, rt.keyspace, edition, new Date(frozenAt));
  const tag = `h${tick.toISOString().slice(0, 13).replace(/[-T]/g, '')}`;
  const plan = await planEdition(
    {
      redis: rt.redis,
      ks: rt.keyspace,
      store: rt.store,
      ledger: rt.ledger,
      logger: log.child({ edition: id }),
      skipEmptyDigest: rt.config.send.skipEmptyDigest,
      batchSize: Math.min(rt.config.send.batchSize, rt.transport.maxBatchSize),
      source: dueReaders(
        { redis: rt.redis, ks: rt.keyspace, store: rt.store, ledgerKey: rt.ledger.keys(id).ledger },
        buckets,
        id,
        counts,
      ),
      listId: (profile) => `${tag}.${profile}`,
    },
    { ...edition, frozenAt },
  );
  await enqueueSendBatches(rt.queues, id, plan.batches);
  return { planned: plan.planned, skipped: plan.skipped, batches: plan.batches.length };
}
