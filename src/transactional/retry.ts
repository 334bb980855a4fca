import type { Queue } from 'bullmq';
import { ValidationError } from '../shared/errors.ts';

/**
 * Moves failed transactional emails back to waiting: one job (`jobId`) or every failed one. Each keeps its data, so it
 * sends the same content under the same idempotency key; its attempts start again from zero. Returns how many moved.
 */
export async function retryTransactional(queue: Queue, options: { jobId?: string } = {}): Promise<number> {
  const jobs = options.jobId === undefined ? await queue.getFailed() : [await queue.getJob(options.jobId)];
  let moved = 0;
  for (const job of jobs) {
    if (!job) throw new ValidationError(`no transactional email job with the id ${options.jobId ?? ''}`, 'id');
    if ((await job.getState()) !== 'failed') continue;
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    moved++;
  }
  return moved;
}
