import type { EditionJobName } from '../src/queue/index.ts';
import { processBuild } from './build.job.ts';
import { processFetch } from './fetch.job.ts';
import { processFinish } from './finish.job.ts';
import { processHour } from './hour.job.ts';
import { processPlan } from './plan.job.ts';
import type { Processor } from './processor.ts';
import { processScheduled } from './scheduled.job.ts';

/** Every edition-queue job name mapped to its processor: a new name without a processor does not compile. */
export const EDITION_PROCESSORS = {
  fetch: processFetch,
  build: processBuild,
  plan: processPlan,
  finish: processFinish,
  scheduled: processScheduled,
  hour: processHour,
} as const satisfies Record<EditionJobName, Processor>;
