import { WaitingChildrenError, type Job } from 'bullmq';
import { planEdition } from '../src/deliveries/index.ts';
import { freezeEdition, loadEdition } from '../src/editions/index.ts';
import { DEFAULT_JOB_OPTIONS, editionJobSchema, type SendJobData } from '../src/queue/index.ts';
import type { Runtime } from '../src/runtime/index.ts';
import { PermanentError } from '../src/shared/errors.ts';
import type { Logger } from '../src/shared/logger.ts';

/**
 * Freezes the edition, plans every delivery and adds one send job per batch as this job's children, then waits
 * for them (BullMQ's "process step jobs" pattern). Re-running it adds nothing twice: ids are deterministic.
 */
export async function processPlan(rt: Runtime, job: Job, token: string, log: Logger) {
  const data = editionJobSchema.parse(job.data);
  if (data.step === 'plan') {
    const edition = await loadEdition(rt.redis, rt.keyspace, data.date);
    if (!edition) throw new PermanentError(`edition ${data.date} is not stored`, 'edition_missing');
    const frozenAt = await freezeEdition(rt.redis, rt.keyspace, data.date);
    if (edition.counts.papers === 0) {
      log.warn('the day has no papers: nothing to send');
      return { planned: 0, batches: 0, reason: 'no papers that day' };
    }
    const plan = await planEdition(
      {
        redis: rt.redis,
        ks: rt.keyspace,
        store: rt.store,
        ledger: rt.ledger,
        logger: log,
        skipEmptyDigest: rt.config.send.skipEmptyDigest,
        batchSize: Math.min(rt.config.send.batchSize, rt.transport.maxBatchSize),
      },
      { ...edition, frozenAt },
    );
    const parent = { id: job.id ?? '', queue: job.queueQualifiedName };
    for (let i = 0; i < plan.batches.length; i += 500) {
      await rt.queues.send.addBulk(
        plan.batches.slice(i, i + 500).map((b) => ({
          name: 'send',
          data: { ...b, date: data.date } satisfies SendJobData,
          opts: {
            ...DEFAULT_JOB_OPTIONS,
            jobId: `${data.date}-send-${b.batchId}`,
            parent,
            ignoreDependencyOnFailure: true,
          },
        })),
      );
    }
    await job.updateData({ ...data, step: 'wait' });
    log.info({ planned: plan.planned, skipped: plan.skipped, batches: plan.batches.length }, 'send batches queued');
  }
  if (await job.moveToWaitingChildren(token)) throw new WaitingChildrenError();
  return { done: true };
}
