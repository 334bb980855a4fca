import { startMorningEdition } from '../src/pipeline/index.ts';
import { scheduledJobSchema } from '../src/queue/index.ts';
import type { JobContext } from './processor.ts';

/**
 * The daily scheduler fired: start the morning edition (the complete list days no edition carries yet; see
 * `startMorningEdition`). A second firing on the same morning (a retry, a re-deployed scheduler) adds nothing.
 */
export async function processScheduled({ rt, job, log }: JobContext, now: Date = new Date()) {
  const data = scheduledJobSchema.parse(job.data);
  const started = await startMorningEdition(rt, now);
  if (started.kind === 'none') {
    log.info({ lastDay: started.lastDay, tz: data.tz }, 'no list day to send this morning');
    return { edition: null, days: [], tz: data.tz };
  }
  const { kind, edition, days, restarted, missedBefore } = started;
  if (missedBefore)
    log.warn(
      { edition, missedBefore, maxDays: rt.config.editions.maxDays },
      'list days older than EDITION_MAX_DAYS were not covered: send them with `paperboy run --date D`',
    );
  log.info(
    { edition, days, kind, tz: data.tz, finishJobId: started.node.job.id, restarted },
    'morning edition enqueued',
  );
  return { edition, days, tz: data.tz };
}
