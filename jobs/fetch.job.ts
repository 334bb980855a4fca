import { getDay } from '../src/papers/index.ts';
import { editionJobSchema } from '../src/queue/index.ts';
import type { JobContext } from './processor.ts';

/** Fetches (or reuses) the day's papers. */
export async function processFetch({ rt, job, log }: JobContext) {
  const data = editionJobSchema.parse(job.data);
  const { day, fetched } = await getDay(rt.papers, rt.redis, rt.keyspace, data.date, {
    refresh: data.refresh,
    retentionSeconds: rt.config.retention.papersSeconds,
  });
  log.info({ papers: day.papers.length, skipped: day.skipped.length, fetched, source: day.source }, 'papers ready');
  return { papers: day.papers.length, skippedItems: day.skipped.length, fetched };
}
