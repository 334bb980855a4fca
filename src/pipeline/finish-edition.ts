import { summariseDeliveries } from '../deliveries/index.ts';
import { loadEdition } from '../editions/index.ts';
import type { Runtime } from '../runtime/index.ts';
import type { Logger } from '../shared/logger.ts';

/** What a finished edition reports (the finish job's return value, printed by `paperboy run`). */
export interface EditionSummary {
  date: string;
  papers: number;
  recipients: number;
  sent: number;
  failed: number;
  skipped: number;
  pending: number;
}

/**
 * Sums up an edition once its send batches are done, and logs one error (the alert) when the failed share of the
 * attempted deliveries is above FAILURE_ALERT_SHARE.
 */
export async function finishEdition(
  rt: Pick<Runtime, 'redis' | 'keyspace' | 'ledger' | 'config'>,
  date: string,
  log: Logger,
): Promise<EditionSummary> {
  const edition = await loadEdition(rt.redis, rt.keyspace, date);
  // The edition's delivery records live a full retention from its finish (webhooks, retries, status).
  await rt.ledger.retain(date);
  const s = await summariseDeliveries(rt.ledger, date, 20);
  const summary: EditionSummary = {
    date,
    papers: edition?.counts.papers ?? 0,
    recipients: s.total,
    sent: s.sent,
    failed: s.failed,
    skipped: s.skipped,
    pending: s.pending,
  };
  const attempted = s.sent + s.failed;
  if (attempted > 0 && s.failed / attempted > rt.config.failureAlertShare) {
    log.error(
      { ...summary, share: s.failed / attempted, threshold: rt.config.failureAlertShare, failures: s.failures },
      'edition finished with too many failed deliveries',
    );
  } else {
    log.info(summary, 'edition finished');
  }
  return summary;
}
