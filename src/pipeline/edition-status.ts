import { Job } from 'bullmq';
import type { RedisClient } from '../shared/redis.ts';
import { DeliveryLedger, summariseDeliveries, type DeliverySummary } from '../deliveries/index.ts';
import { loadEdition, recentEditionDates } from '../editions/index.ts';
import { EDITION_STAGES, stageJobId, type Queues } from '../queue/index.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import { SubscriberStore } from '../subscribers/index.ts';

/** An edition's delivery status (`deliveries status --json`): the ledger's counts and each failure with its address. */
export interface EditionStatus extends Omit<DeliverySummary, 'failures'> {
  /** Papers in the stored edition; null when no edition is stored for the date. */
  papers: number | null;
  failures: {
    subscriberId: string;
    email: string | null;
    status: 'failed' | 'unknown';
    attempts: number;
    reason: string;
  }[];
}

/** Reads an edition's delivery status from the ledger, with each failed delivery's address (null once erased). */
export async function editionStatus(redis: RedisClient, ks: Keyspace, date: string): Promise<EditionStatus> {
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

/** The state of an edition's flow: its finish job's BullMQ state, or `not queued`. */
export async function editionFlowState(queues: Pick<Queues, 'edition'>, date: string): Promise<string> {
  const job = await Job.fromId(queues.edition, stageJobId(date, 'finish'));
  return job ? await job.getState() : 'not queued';
}

/**
 * Why a failed edition failed: the reason of its first failed stage in flow order (fetch, build, plan, finish),
 * rather than the "child ... failed" that BullMQ writes on each parent. Undefined when no stage failed.
 */
export async function editionFailure(queues: Pick<Queues, 'edition'>, date: string): Promise<string | undefined> {
  for (const stage of EDITION_STAGES) {
    const job = await Job.fromId(queues.edition, stageJobId(date, stage));
    if (job && (await job.getState()) === 'failed') return `${stage}: ${job.failedReason ?? 'unknown'}`;
  }
  return undefined;
}

/** One row of the operators' list of recent editions. */
export interface EditionOverview {
  date: string;
  papers: number | undefined;
  counts: Record<string, number>;
  state: string;
}

/** The most recent `limit` editions, newest first, each with its paper count, flow state and delivery counts. */
export async function recentEditions(
  redis: RedisClient,
  ks: Keyspace,
  queues: Pick<Queues, 'edition'>,
  limit: number,
): Promise<EditionOverview[]> {
  const ledger = new DeliveryLedger(redis, ks);
  const dates = await recentEditionDates(redis, ks, limit);
  return Promise.all(
    dates.map(async (date) => {
      const [edition, counts, state] = await Promise.all([
        loadEdition(redis, ks, date),
        ledger.counts(date),
        editionFlowState(queues, date),
      ]);
      return { date, papers: edition?.counts.papers, counts, state };
    }),
  );
}
