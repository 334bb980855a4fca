import { Worker, type Job } from 'bullmq';
import { transactionalJobSchema } from '../src/queue/index.ts';
import type { Runtime } from '../src/runtime/index.ts';
import { QuotaExceededError, RateLimitedError } from '../src/shared/errors.ts';
import type { Logger } from '../src/shared/logger.ts';
import { sendTransactionalEmail } from '../src/transactional/index.ts';
import { toJobError } from './job-errors.ts';

/** How long a paused transactional queue waits before a worker looks again after a quota error. */
const QUOTA_BACKOFF_MS = 60_000;

/**
 * Sends one transactional email. A provider 429 holds back every sender for the time the provider asked (no attempt
 * burnt); a used-up quota pauses the queue and logs an error; other errors retry with backoff (same payload, same
 * key) or, when they cannot pass, fail the job with the reason.
 */
export async function processTransactional(rt: Runtime, worker: Worker, job: Job, log: Logger) {
  const data = transactionalJobSchema.parse(job.data);
  try {
    const outcome = await sendTransactionalEmail(
      { config: rt.config, store: rt.store, transport: rt.transport, pacer: rt.pacer },
      data,
    );
    if (outcome.status === 'skipped') log.info({ kind: data.kind, reason: outcome.reason }, 'email skipped');
    else log.info({ kind: data.kind, key: outcome.idempotencyKey }, 'email sent');
    return outcome;
  } catch (error) {
    if (error instanceof RateLimitedError) {
      log.warn({ retryAfterMs: error.retryAfterMs }, 'provider rate limit: holding back every sender');
      await rt.pacer.pushBack(error.retryAfterMs);
      await worker.rateLimit(Math.max(1, error.retryAfterMs));
      throw Worker.RateLimitError();
    }
    if (error instanceof QuotaExceededError) {
      log.error(
        { code: error.code, error: error.message },
        'provider quota used up: the transactional queue is paused; resume it once the quota resets',
      );
      await rt.queues.transactional.pause();
      await worker.rateLimit(QUOTA_BACKOFF_MS);
      throw Worker.RateLimitError();
    }
    log.warn(
      { kind: data.kind, attempt: job.attemptsMade + 1, error: error instanceof Error ? error.message : String(error) },
      'transactional email attempt failed',
    );
    throw toJobError(error);
  }
}
