import type { Job } from 'bullmq';
import { buildStoredEdition } from '../src/editions/index.ts';
import { editionJobSchema } from '../src/queue/index.ts';
import type { Runtime } from '../src/runtime/index.ts';
import type { Logger } from '../src/shared/logger.ts';

/** Classifies and ranks the day into the edition (unless sending already froze it). */
export async function processBuild(rt: Runtime, job: Job, log: Logger) {
  const data = editionJobSchema.parse(job.data);
  const { edition, rebuilt } = await buildStoredEdition(rt.redis, rt.keyspace, rt.config, data.date);
  log.info(
    { papers: edition.counts.papers, byTheme: edition.counts.byTheme, other: edition.counts.other, rebuilt },
    'edition built',
  );
  return { papers: edition.counts.papers, byTheme: edition.counts.byTheme, other: edition.counts.other, rebuilt };
}
