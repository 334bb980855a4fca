import { z } from 'zod';
import { isEditionDate } from '../shared/dates.ts';

const date = z.string().refine(isEditionDate, { message: 'expected a calendar date YYYY-MM-DD' });

/** Data of every edition-flow job. */
export const editionJobSchema = z.object({
  date,
  /** Fetch again even when the day is stored. */
  refresh: z.boolean().default(false),
  /** Internal step marker for the plan job (it waits for its children). */
  step: z.enum(['plan', 'wait']).default('plan'),
});
export type EditionJobData = z.infer<typeof editionJobSchema>;

/** A send batch: a slice of one profile's planned recipients, or an operator retry. */
export const sendJobSchema = z.object({
  date,
  profileKey: z.string().min(1),
  /** The Redis list the recipients are read from, and the slice of it. */
  list: z.string().min(1),
  start: z.number().int().nonnegative(),
  count: z.number().int().min(1).max(100),
  batchId: z.string().min(1),
});
export type SendJobData = z.infer<typeof sendJobSchema>;

/** The daily scheduler's job: build and send "today" (the date is computed when it runs). */
export const scheduledJobSchema = z.object({ tz: z.string().default('UTC') });
