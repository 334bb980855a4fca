// The edition's use cases, each written once and called by jobs/, the CLI and the web: plan and enqueue sends,
// finish, status, follow progress, retry failed. They know the domain and the queues, not BullMQ's processor API.
export { enqueueSendBatches, type SendJobParent } from './send-jobs.ts';
export { planSends, type PlanSendsResult } from './plan-sends.ts';
export { startEdition, type StartEditionResult } from './start-edition.ts';
export { finishEdition, type EditionSummary } from './finish-edition.ts';
export {
  editionStatus,
  editionFailure,
  recentEditions,
  type EditionStatus,
  type EditionOverview,
} from './edition-status.ts';
export { followEdition, type EditionOutcome, type FollowOptions } from './follow-edition.ts';
export { retryFailed, type RetryDeps, type RetryFilter, type RetryResult } from './retry-failed.ts';
export { startMorningEdition, type MorningStart } from './start-morning-edition.ts';
export { startDayEdition } from './start-day-edition.ts';
export { fetchEditionDays, type FetchEditionInput, type FetchedEditionDay } from './fetch-edition-days.ts';
export { recordLastEdition, readLastEdition, type LastEdition } from './last-edition.ts';
export { sendHour, type HourSummary, type HourEditions, type SendHourOptions } from './send-hour.ts';
export { dueBuckets, type DueBucket } from './due-buckets.ts';
export { lastSentAllows } from './hour-readers.ts';
