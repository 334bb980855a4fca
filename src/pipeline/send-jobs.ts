import type { FlowJob, JobsOptions } from 'bullmq';
import type { SendBatchRef } from '../deliveries/index.ts';
import { DEFAULT_JOB_OPTIONS, sendJobSchema, type Queues, type SendJobData } from '../queue/index.ts';

/**
 * The one place a send job's id is made: `<date>-send-<batchId>`, the same on every retry and in every process; a
 * replay of a stored batch is `<date>-send-<batchId>-replay-<tag>`, the tag naming the attempt it follows (so two
 * operator retries in a row add one replay).
 */
export function sendJobId(date: string, batchId: string, replayTag?: string): string {
  return replayTag === undefined ? `${date}-send-${batchId}` : `${date}-send-${batchId}-replay-${replayTag}`;
}

/** The parent a planned send job reports to (the plan job waits for its children). */
export interface SendJobParent {
  id: string;
  queue: string;
}

/**
 * Adds one send job per batch (in bulks of 500). Ids are deterministic, so adding the same batches again adds
 * nothing. With a parent, a failed send job does not fail the parent: the finish step reports it instead.
 */
export async function enqueueSendBatches(
  queues: Pick<Queues, 'send'>,
  date: string,
  batches: readonly SendBatchRef[],
  parent?: SendJobParent,
): Promise<string[]> {
  const jobs = batches.map((b) => {
    const data: SendJobData = sendJobSchema.parse({ ...b, date });
    const opts: JobsOptions & { jobId: string } = {
      ...DEFAULT_JOB_OPTIONS,
      jobId: sendJobId(date, b.batchId, b.replay),
      ...(parent ? { parent, ignoreDependencyOnFailure: true } : {}),
    };
    return { name: 'send', data, opts } satisfies Omit<FlowJob, 'queueName'>;
  });
  for (let i = 0; i < jobs.length; i += 500) await queues.send.addBulk(jobs.slice(i, i + 500));
  return jobs.map((j) => j.opts.jobId);
}
