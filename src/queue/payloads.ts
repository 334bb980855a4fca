import { z } from 'zod';
import { isEditionDate, isEditionId } from '../shared/dates.ts';

const date = z.string().refine(isEditionDate, { message: 'expected a calendar date YYYY-MM-DD' });
/** A daily edition's date, or a weekly round-up's `YYYY-MM-DD-weekly`. */
const editionId = z.string().refine(isEditionId, { message: 'expected an edition: YYYY-MM-DD or YYYY-MM-DD-weekly' });

/** Data of every edition-flow job. */
export const editionJobSchema = z.object({
  date,
  /** Fetch again even when a day is stored. */
  refresh: z.boolean().default(false),
  /**
   * The list days proposed for the edition (absent: its own date). The fetch stage claims them; an edition that
   * already claimed days keeps those, whatever a later run proposes.
   */
  days: z.array(date).min(1).max(31).optional(),
  /** When the fetch stage was first attempted (ms): the start of the outage window. */
  firstAttemptAt: z.number().int().optional(),
  /** Internal step marker for the plan job (it waits for its children). */
  step: z.enum(['plan', 'wait']).default('plan'),
});

/** A send batch: a slice of one profile's planned recipients, or an operator retry. */
export const sendJobSchema = z.object({
  date: editionId,
  profileKey: z.string().min(1),
  /** The edition's recipient list (a profile key, or `retry-<n>-<profile>`): an id, never a Redis key name. */
  listId: z.string().regex(/^[A-Za-z0-9._-]+$/, { message: 'expected a list id (letters, digits, . _ -)' }),
  start: z.number().int().nonnegative(),
  count: z.number().int().min(1).max(100),
  batchId: z.string().min(1),
  /**
   * Send the batch again exactly as first attempted (its stored recipients, the same idempotency key); the list
   * slice is not read. Fails when the batch is no longer stored.
   */
  replay: z
    .string()
    .regex(/^[0-9-]+$/)
    .optional(),
});
export type SendJobData = z.infer<typeof sendJobSchema>;

/** The daily scheduler's job: build and send the morning edition (its days are worked out when it runs). */
export const scheduledJobSchema = z.object({ tz: z.string().default('UTC') });

/**
 * The hourly send job: sends the readers whose local delivery hour the tick serves. `tick` (a UTC top of the hour)
 * is absent in the scheduler's jobs (their scheduled time is the tick); `pinned` records the editions the first
 * attempt chose, so a retry sends the same ones.
 */
export const hourJobSchema = z.object({
  tick: z.iso.datetime().optional(),
  pinned: z.object({ daily: editionId.optional(), weekly: editionId.optional() }).optional(),
});
export type HourJobData = z.infer<typeof hourJobSchema>;

/**
 * The transactional emails, named as their jobs and provider tags name them (`manage-link` is the fresh-link
 * template: a new preferences link).
 */
export const TRANSACTIONAL_KINDS = ['confirm', 'preferences-saved', 'goodbye', 'manage-link'] as const;
export type TransactionalKind = (typeof TRANSACTIONAL_KINDS)[number];

/**
 * One transactional email. Ids only: the worker reads the subscriber when it sends, so no address sits in Redis
 * after an erasure, and `issuedAt` fixes the links' signing time so every attempt sends byte-identical content.
 */
export const transactionalJobSchema = z.object({
  kind: z.enum(TRANSACTIONAL_KINDS),
  subscriberId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'expected a subscriber id' }),
  issuedAt: z.iso.datetime(),
});
export type TransactionalJobData = z.infer<typeof transactionalJobSchema>;
