export {
  QUEUES,
  EDITION_STAGES,
  SCHEDULED_JOB_NAME,
  isEditionJobName,
  stageJobId,
  type EditionStage,
  type EditionJobName,
} from './names.ts';
export {
  editionJobSchema,
  sendJobSchema,
  scheduledJobSchema,
  transactionalJobSchema,
  TRANSACTIONAL_KINDS,
  type SendJobData,
  type TransactionalJobData,
  type TransactionalKind,
} from './payloads.ts';
export { openQueues, DEFAULT_JOB_OPTIONS, type Queues } from './connection.ts';
export { enqueueEdition, type EnqueueEditionOptions } from './enqueue-edition.ts';
export { OUTAGE_BACKOFF, outageBackoffDelay } from './backoff.ts';
export {
  TRANSACTIONAL_JOB_OPTIONS,
  enqueueTransactional,
  openTransactionalQueue,
  transactionalJobId,
} from './transactional.ts';
export {
  DAILY_SCHEDULER_ID,
  assertTimeZone,
  nextRuns,
  upsertDailySchedule,
  removeDailySchedule,
  getDailySchedule,
  type DailySchedule,
} from './schedule.ts';
