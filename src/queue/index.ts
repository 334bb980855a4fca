export {
  QUEUES,
  EDITION_STAGES,
  SCHEDULED_JOB_NAME,
  HOUR_JOB_NAME,
  isEditionJobName,
  stageJobId,
  type EditionStage,
  type EditionJobName,
} from './names.ts';
export {
  editionJobSchema,
  sendJobSchema,
  scheduledJobSchema,
  hourJobSchema,
  type HourJobData,
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
  HOURLY_SCHEDULER_ID,
  HOURLY_PATTERN,
  HOUR_JOB_ATTEMPTS,
  upsertHourlySchedule,
  removeHourlySchedule,
  getHourlySchedule,
  type DailySchedule,
} from './schedule.ts';
