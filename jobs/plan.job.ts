import { WaitingChildrenError } from 'bullmq';
import { planSends } from '../src/pipeline/index.ts';
import { editionJobSchema } from '../src/queue/index.ts';
import type { JobContext } from './processor.ts';

/**
 * Plans the edition's deliveries and adds one send job per batch as this job's children, then waits for them
 * (BullMQ's "process step jobs" pattern). Re-running it adds nothing twice: ids are deterministic.
 */
export async function processPlan({ rt, job, token, log }: JobContext) {
  const data = editionJobSchema.parse(job.data);
  let result: object = { done: true };
  if (data.step === 'plan') {
    result = await planSends(rt, data.date, log, { id: job.id ?? '', queue: job.queueQualifiedName });
    await job.updateData({ ...data, step: 'wait' });
  }
  if (await job.moveToWaitingChildren(token)) throw new WaitingChildrenError();
  return result;
}
