import type { Job } from 'bullmq';
import { summariseDeliveries } from '../src/deliveries/index.ts';
import { loadEdition } from '../src/editions/index.ts';
import { editionJobSchema } from '../src/queue/index.ts';
import type { Runtime } from '../src/runtime/index.ts';
import type { Logger } from '../src/shared/logger.ts';

/** The edition's summary: papers, recipients, sent, failed, skipped; an error log when failures pass the threshold. */
export async function processFinish(rt: Runtime, job: Job, log: Logger) {
  const data = editionJobSchema.parse(job.data);
  const edition = await loadEdition(rt.redis, rt.keyspace, data.date);
  const s = await summariseDeliveries(rt.ledger, data.date, 20);
  const summary = {
    date: data.date,
    papers: edition?.counts.papers ?? 0,
    recipients: s.total,
    sent: s.sent,
    failed: s.failed,
    skipped: s.skipped,
    pending: s.pending,
  };
  await rt.redis.hset(
    rt.keyspace.key('edition', data.date),
    'summary',
    JSON.stringify({ ...summary, finishedAt: new Date().toISOString() }),
  );
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
