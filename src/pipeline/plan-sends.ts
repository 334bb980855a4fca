import { planEdition } from '../deliveries/index.ts';
import { freezeEdition, loadEdition, recordSentPapers } from '../editions/index.ts';
import type { Runtime } from '../runtime/index.ts';
import { isMorningReader } from '../subscribers/index.ts';
import { PermanentError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { enqueueSendBatches, type SendJobParent } from './send-jobs.ts';

export interface PlanSendsResult {
  planned: number;
  skipped: number;
  batches: number;
  /** Set when nothing was planned because the day had no papers. */
  reason?: string;
}

/**
 * Freezes the edition, records its papers as sent, plans the delivery of every reader of the morning run (daily,
 * no delivery time of their own) in the ledger and adds one send job per batch (children of `parent`,
 * when given). Running it again adds nothing twice: recipients keep their ledger records and job ids are fixed.
 */
export async function planSends(
  rt: Pick<Runtime, 'redis' | 'keyspace' | 'store' | 'ledger' | 'config' | 'transport' | 'queues'>,
  date: string,
  log: Logger,
  parent?: SendJobParent,
): Promise<PlanSendsResult> {
  const edition = await loadEdition(rt.redis, rt.keyspace, date);
  if (!edition) throw new PermanentError(`edition ${date} is not stored`, 'edition_missing');
  const retentionMs = rt.config.retention.deliverySeconds * 1000;
  if (edition.frozenAt && Date.parse(edition.frozenAt) + retentionMs <= Date.now()) {
    // Its ledger (who already got it) may have expired: planning it again could send it twice.
    throw new PermanentError(
      `edition ${date} was first planned at ${edition.frozenAt}, longer ago than DELIVERY_RETENTION_DAYS ` +
        `(${rt.config.retention.deliverySeconds / 86_400} days): its delivery records may be gone, so it is not planned or sent again`,
      'edition_past_retention',
    );
  }
  const frozenAt = await freezeEdition(rt.redis, rt.keyspace, date);
  // From here on the edition's papers count as sent: the next editions leave them out (README, "No repeats").
  await recordSentPapers(rt.redis, rt.keyspace, edition, new Date(frozenAt));
  if (edition.counts.papers === 0) {
    log.warn({ days: edition.days }, 'the edition has no papers: nothing to send');
    return { planned: 0, skipped: 0, batches: 0, reason: 'no papers that day' };
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
      // Readers with a delivery time (or a weekly round-up) are planned by the hourly send job (send-hour.ts).
      include: isMorningReader,
    },
    { ...edition, frozenAt },
  );
  await enqueueSendBatches(rt.queues, date, plan.batches, parent);
  log.info({ planned: plan.planned, skipped: plan.skipped, batches: plan.batches.length }, 'send batches queued');
  return { planned: plan.planned, skipped: plan.skipped, batches: plan.batches.length };
}
