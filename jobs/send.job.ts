import { Worker, type Job, type Queue } from 'bullmq';
import { sendBatch } from '../src/deliveries/index.ts';
import { sendJobSchema } from '../src/queue/index.ts';
import type { Runtime } from '../src/runtime/index.ts';
import { QuotaExceededError, RateLimitedError } from '../src/shared/errors.ts';
import type { Logger } from '../src/shared/logger.ts';
import { toJobError } from './job-errors.ts';

/** How long a paused send queue waits before a worker looks again after a quota error. */
const QUOTA_BACKOFF_MS = 60_000;

/**
 * Sends one batch. A provider 429 pauses every worker of the queue for the time the provider asked (no attempt
 * burnt); a used-up quota pauses the queue and logs an error; permanent errors fail the job at once.
 */
export async function processSend(rt: Runtime, worker: Worker, sendQueue: Queue, job: Job, log: Logger) {
  const data = sendJobSchema.parse(job.data);
  const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  try {
    const result = await sendBatch(
      {
        redis: rt.redis,
        config: rt.config,
        logger: log,
        store: rt.store,
        ledger: rt.ledger,
        renderer: rt.renderer,
        transport: rt.transport,
        pacer: rt.pacer,
      },
      data,
      finalAttempt,
    );
    log.info({ batchId: data.batchId, ...result }, 'batch sent');
    return result;
  } catch (error) {
    if (error instanceof RateLimitedError) {
      log.warn({ retryAfterMs: error.retryAfterMs }, 'provider rate limit: pausing every worker');
      await rt.pacer.pushBack(error.retryAfterMs);
      await worker.rateLimit(Math.max(1, error.retryAfterMs));
      throw Worker.RateLimitError();
    }
    if (error instanceof QuotaExceededError) {
      log.error(
        { code: error.code, error: error.message },
        'provider quota used up: the send queue is paused; resume it once the quota resets',
      );
      await sendQueue.pause();
      await worker.rateLimit(QUOTA_BACKOFF_MS);
      throw Worker.RateLimitError();
    }
    throw toJobError(error);
  }
}
