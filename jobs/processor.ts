import type { Job } from 'bullmq';
import type { Runtime } from '../src/runtime/index.ts';
import type { Logger } from '../src/shared/logger.ts';

/** What every edition-queue processor gets: the process's runtime, the job, its lock token and a job logger. */
export interface JobContext {
  rt: Runtime;
  job: Job;
  token: string;
  log: Logger;
}

/** A processor: parse `job.data`, call one use case, return its outcome. */
export type Processor = (ctx: JobContext) => Promise<unknown>;
