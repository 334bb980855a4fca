import { buildStoredEdition } from '../src/editions/index.ts';
import { editionJobSchema } from '../src/queue/index.ts';
import type { JobContext } from './processor.ts';

/** Classifies and ranks the day into the edition (unless sending already froze it). */
export async function processBuild({ rt, job, log }: JobContext) {
  const data = editionJobSchema.parse(job.data);
  const { edition, rebuilt } = await buildStoredEdition(rt.redis, rt.keyspace, rt.config, data.date);
  const result = {
    papers: edition.counts.papers,
    byTheme: edition.counts.byTheme,
    other: edition.counts.other,
    rebuilt,
  };
  log.info(result, 'edition built');
  return result;
}
