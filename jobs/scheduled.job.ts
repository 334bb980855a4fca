import { startEdition } from '../src/pipeline/index.ts';
import { editionDateIn, scheduledJobSchema } from '../src/queue/index.ts';
import type { JobContext } from './processor.ts';

/**
 * The daily scheduler fired: enqueue today's edition (today in the scheduler's time zone). Enqueuing is idempotent
 * per date, so a second firing on the same day (a retry, a re-deployed scheduler) adds nothing.
 */
export async function processScheduled({ rt, job, log }: JobContext, now: Date = new Date()) {
  const data = scheduledJobSchema.parse(job.data);
  const date = editionDateIn(data.tz, now);
  const { node, restarted } = await startEdition(rt.queues, date);
  log.info({ date, tz: data.tz, finishJobId: node.job.id, restarted }, 'scheduled edition enqueued');
  return { date, tz: data.tz };
}
