import { summariseDeliveries } from '../deliveries/index.ts';
import { loadEdition } from '../editions/index.ts';
import type { Runtime } from '../runtime/index.ts';
import { PermanentError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { recordLastEdition } from './last-edition.ts';

/** What a finished edition reports (the finish job's return value, printed by `paperboy run`). */
export interface EditionSummary {
  date: string;
  papers: number;
  recipients: number;
  sent: number;
  failed: number;
  unknown: number;
  skipped: number;
  pending: number;
}

/**
 * Sums up an edition once its send batches are done, and logs one error (the alert) when the failed share of the
 * attempted deliveries is above FAILURE_ALERT_SHARE. Records the summary as the last finished edition (/metrics).
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
    unknown: s.unknown,
    skipped: s.skipped,
    pending: s.pending,
  };
  // The job's logger already carries `date`: bind the counts only, so no line repeats the key.
  const { date: _date, ...counts } = summary;
  if (s.pending > 0) {
    // Every send job has ended, so a queued or sending record will never move by itself: never report that done.
    log.error({ ...counts, failures: s.failures }, 'edition finished with deliveries still pending');
    throw new PermanentError(
      `${s.pending} deliveries of ${date} are still queued or sending after every send job ended; run \`paperboy run --date ${date}\` to plan and send them`,
      'edition_incomplete',
    );
  }
  const notSent = s.failed + s.unknown;
  const attempted = s.sent + notSent;
  if (attempted > 0 && notSent / attempted > rt.config.failureAlertShare) {
    log.error(
      { ...counts, share: notSent / attempted, threshold: rt.config.failureAlertShare, failures: s.failures },
      'edition finished with too many failed deliveries',
    );
  } else {
    log.info(counts, 'edition finished');
  }
  await recordLastEdition(rt.redis, rt.keyspace, summary);
  return summary;
}
