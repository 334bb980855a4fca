import type { Job, Queue } from 'bullmq';
import type { SubscriberStore } from '../subscribers/index.ts';

/** Job states an operator reads on the transactional queue. */
const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;

export interface TransactionalFailure {
  jobId: string;
  kind: string;
  subscriberId: string;
  /** The address now, or null when the subscriber was erased. */
  email: string | null;
  issuedAt: string;
  attempts: number;
  reason: string;
  failedAt: string | null;
}

export interface TransactionalStatus {
  counts: Record<(typeof STATES)[number], number>;
  paused: boolean;
  /** The most recent failed emails (newest first), at most `limit`. */
  failures: TransactionalFailure[];
}

/** A field of a job's data as text, for display (the worker validates the data; this only shows what is there). */
function field(job: Job, name: string): string {
  const value = (job.data as Record<string, unknown> | null)?.[name];
  return typeof value === 'string' ? value : '';
}

async function describeFailure(job: Job, store: Pick<SubscriberStore, 'get'>): Promise<TransactionalFailure> {
  const subscriberId = field(job, 'subscriberId');
  const subscriber = subscriberId ? await store.get(subscriberId) : undefined;
  return {
    jobId: job.id ?? '',
    kind: field(job, 'kind') || job.name,
    subscriberId,
    email: subscriber?.email ?? null,
    issuedAt: field(job, 'issuedAt'),
    attempts: job.attemptsMade,
    reason: job.failedReason ?? '',
    failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  };
}

/** The transactional queue as an operator needs it: counts by state, paused or not, and the latest failures. */
export async function transactionalStatus(
  queue: Queue,
  store: Pick<SubscriberStore, 'get'>,
  limit = 50,
): Promise<TransactionalStatus> {
  const raw = await queue.getJobCounts(...STATES);
  const counts = Object.fromEntries(STATES.map((s) => [s, raw[s] ?? 0])) as TransactionalStatus['counts'];
  const failed = await queue.getFailed(0, Math.max(0, limit - 1));
  return {
    counts,
    paused: await queue.isPaused(),
    failures: await Promise.all(failed.map((job) => describeFailure(job, store))),
  };
}
