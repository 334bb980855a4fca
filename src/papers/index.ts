export type { Paper, PaperLinks } from './paper.ts';
export { dailyPaperItemSchema, describeIssues, type DailyPaperItem } from './api-schema.ts';
export { normaliseItem } from './normalise.ts';
export { PapersClient, type PapersClientOptions, type FetchedDay, type SkippedItem } from './papers-client.ts';
export { PapersLimitError, type PapersLimit } from './papers-limit-error.ts';
export { saveDay, loadDay, retainDay, type StoredDay } from './day-store.ts';
export { getDay } from './get-day.ts';
export { loadSampleDay, loadSampleItems } from './sample-day.ts';
