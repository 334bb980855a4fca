import { ValidationError } from './errors.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isEditionDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Validates an edition date, throwing a ValidationError that says what was expected. */
export function parseEditionDate(value: string, field = 'date'): string {
  if (!isEditionDate(value)) {
    throw new ValidationError(`${field} must be a real calendar date written YYYY-MM-DD (got "${value}")`, field);
  }
  return value;
}

/** Today's date in UTC, YYYY-MM-DD. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The date `days` before `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** What a weekly edition's id adds to the date of its newest list day: `2026-03-29-weekly`. */
export const WEEKLY_SUFFIX = '-weekly';

/**
 * True for an edition id: a daily edition's `YYYY-MM-DD` (its newest list day) or a weekly round-up's
 * `YYYY-MM-DD-weekly` (the newest list day of its week). Both are safe in Redis keys, URLs and provider tags.
 */
export function isEditionId(value: string): boolean {
  const date = value.endsWith(WEEKLY_SUFFIX) ? value.slice(0, -WEEKLY_SUFFIX.length) : value;
  return isEditionDate(date);
}

/** Validates an edition id (see `isEditionId`), throwing a ValidationError that says what was expected. */
export function parseEditionId(value: string, field = 'date'): string {
  if (!isEditionId(value)) {
    throw new ValidationError(
      `${field} must be an edition: a date written YYYY-MM-DD, or YYYY-MM-DD-weekly for a weekly round-up (got "${value}")`,
      field,
    );
  }
  return value;
}
