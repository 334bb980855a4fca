import { finishEdition } from '../src/pipeline/index.ts';
import { editionJobSchema } from '../src/queue/index.ts';
import type { JobContext } from './processor.ts';

/** The edition's summary; an error log when failures pass the threshold (see finishEdition). */
export async function processFinish({ rt, job, log }: JobContext) {
  const data = editionJobSchema.parse(job.data);
  return finishEdition(rt, data.date, log);
}
