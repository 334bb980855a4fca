/** Queue names, shared by producers (src/queue, src/pipeline) and consumers (jobs/). */
export const QUEUES = {
  /** The edition flow: fetch -> build -> plan (waits for its send batches) -> finish; and the daily scheduler. */
  edition: 'edition',
  /** Send batches, rate limited across every worker. */
  send: 'send',
  /** Confirm, preferences-saved, goodbye and fresh-link emails: one job per email, paced ahead of the send batches. */
  transactional: 'transactional',
} as const;

/** The stages of an edition's flow, in order. */
export const EDITION_STAGES = ['fetch', 'build', 'plan', 'finish'] as const;
export type EditionStage = (typeof EDITION_STAGES)[number];

/** The job the daily scheduler adds to the edition queue (handled by jobs/scheduled.job.ts). */
export const SCHEDULED_JOB_NAME = 'scheduled';

/** The job the hourly scheduler adds: send the readers whose local delivery hour has come (jobs/hour.job.ts). */
export const HOUR_JOB_NAME = 'hour';

/** Every job name on the edition queue: jobs/ maps each to its processor in a typed registry. */
export const EDITION_JOB_NAMES = [...EDITION_STAGES, SCHEDULED_JOB_NAME, HOUR_JOB_NAME] as const;
export type EditionJobName = (typeof EDITION_JOB_NAMES)[number];

/** Narrows a job's name to a known edition job name. */
export function isEditionJobName(name: string): name is EditionJobName {
  return (EDITION_JOB_NAMES as readonly string[]).includes(name);
}

/** Deterministic job id for a stage of an edition: enqueuing the same date twice adds nothing new. */
export function stageJobId(date: string, stage: EditionStage): string {
  return `${date}-${stage}`;
}
