import type { Job, Queue, Worker } from 'bullmq';
import { sendBatch } from '../src/deliveries/index.ts';
import { sendJobSchema } from '../src/queue/index.ts';
import type { Runtime } from '../src/runtime/index.ts';
import type { Logger } from '../src/shared/logger.ts';
import { toJobError } from './job-errors.ts';
import { providerLimitError } from './provider-limits.ts';

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
        readers: rt.readers,
        transport: rt.transport,
        pacer: rt.pacer,
      },
      data,
      finalAttempt,
    );
    log.info({ batchId: data.batchId, ...result }, 'batch sent');
    return result;
  } catch (error) {
    throw (await providerLimitError(error, { pacer: rt.pacer, worker, queue: sendQueue, log })) ?? toJobError(error);
  }
}
