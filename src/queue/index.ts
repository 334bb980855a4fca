export { QUEUES, stageJobId, type QueueName, type EditionStage } from './names.ts';
export {
  editionJobSchema,
  sendJobSchema,
  scheduledJobSchema,
  type EditionJobData,
  type SendJobData,
} from './payloads.ts';
export { openQueues, DEFAULT_JOB_OPTIONS, type Queues } from './connection.ts';
export { enqueueEdition } from './enqueue-edition.ts';
export {
  DAILY_SCHEDULER_ID,
  SCHEDULED_JOB_NAME,
  assertTimeZone,
  editionDateIn,
  nextRuns,
  upsertDailySchedule,
  removeDailySchedule,
  getDailySchedule,
  type DailySchedule,
} from './schedule.ts';
