import { Queue, type ConnectionOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Keyspace } from '../shared/keyspace.ts';
import { QUEUES } from './names.ts';
import type { TransactionalJobData } from './payloads.ts';

/**
 * A transactional email is retried longer than a digest batch: someone is waiting for it. Ten attempts, doubling from
 * 2 s, keep trying for about 35 minutes, well inside Resend's 24-hour idempotency window.
 */
export const TRANSACTIONAL_JOB_OPTIONS = {
  attempts: 10,
  backoff: { type: 'exponential' as const, delay: 2000, jitter: 0.25 },
  removeOnComplete: { age: 14 * 24 * 3600, count: 50_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/**
 * The job id of one transactional email, `<kind>.<subscriberId>.<issuedAt ms>`: made once when the email is queued,
 * so the same request queued twice adds nothing and every retry (BullMQ's, or Bull Board's button) is the same job.
 */
export function transactionalJobId(data: TransactionalJobData): string {
  return `${data.kind}.${data.subscriberId}.${Date.parse(data.issuedAt)}`;
}

/** The transactional queue under the installation's hash-tagged prefix (a producer handle). */
export function openTransactionalQueue(connection: Redis | ConnectionOptions, ks: Keyspace): Queue {
  return new Queue(QUEUES.transactional, {
    connection,
    prefix: ks.bullPrefix,
    defaultJobOptions: TRANSACTIONAL_JOB_OPTIONS,
  });
}

/** Adds one transactional email; resolves once the job is stored in Redis. Returns its job id. */
export async function enqueueTransactional(queue: Queue, data: TransactionalJobData): Promise<string> {
  const jobId = transactionalJobId(data);
  await queue.add(data.kind, data, { jobId });
  return jobId;
}
