import type { Job, Worker } from 'bullmq';
import { transactionalJobSchema } from '../src/queue/index.ts';
import type { Runtime } from '../src/runtime/index.ts';
import type { Logger } from '../src/shared/logger.ts';
import { sendTransactionalEmail } from '../src/transactional/index.ts';
import { toJobError } from './job-errors.ts';
import { providerLimitError } from './provider-limits.ts';

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
    const limited = await providerLimitError(error, { pacer: rt.pacer, worker, queue: rt.queues.transactional, log });
    if (limited) throw limited;
    log.warn(
      { kind: data.kind, attempt: job.attemptsMade + 1, error: error instanceof Error ? error.message : String(error) },
      'transactional email attempt failed',
    );
    throw toJobError(error);
  }
}
