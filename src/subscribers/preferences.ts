import { z } from 'zod';

export const MAX_PER_TOPIC = 20;
export const DEFAULT_PER_TOPIC = 5;

/** How often a reader gets a digest: every edition, or one round-up of the week's top papers. */
export const CADENCES = ['daily', 'weekly'] as const;
export type Cadence = (typeof CADENCES)[number];
/** The local hour a reader with a time zone gets the digest, unless they choose another. */
export const DEFAULT_SEND_HOUR = 7;
/** ISO weekday (1 = Monday ... 7 = Sunday) a weekly reader gets the round-up on, unless they choose another. */
export const DEFAULT_WEEKDAY = 1;

/** True when this runtime knows `tz` as an IANA time zone (Intl decides; `Europe/Berlin`, `Asia/Kolkata`, `UTC`). */
export function isTimeZone(tz: string): boolean {
  if (tz.length === 0 || tz.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** What a subscriber chose to receive. Topics are theme ids (validated against the taxonomy where stored). */
export const preferencesSchema = z.object({
  topics: z.array(z.string().min(1)).max(50),
  perTopic: z.number().int().min(1).max(MAX_PER_TOPIC).default(DEFAULT_PER_TOPIC),
  alsoTrending: z.boolean().default(true),
  // When (README, "Delivery times"). All absent: a daily reader sent with the morning edition run (DIGEST_SCHEDULE).
  /** Absent means daily. */
  cadence: z.enum(CADENCES).optional(),
  /** ISO weekday of a weekly reader's round-up (1 = Monday); kept only for weekly readers. */
  weekday: z.number().int().min(1).max(7).optional(),
  /** IANA time zone: with it the digest comes at `hour` local time (hourly send buckets). */
  timeZone: z.string().refine(isTimeZone, { message: 'expected an IANA time zone such as Europe/Berlin' }).optional(),
  /** Local hour (0-23) of the delivery; kept only with a time zone. */
  hour: z.number().int().min(0).max(23).optional(),
});

export type Preferences = z.infer<typeof preferencesSchema>;

/**
 * The schedule fields in canonical form: `daily` is written as absent, a weekly reader always has a weekday and a
 * time zone (UTC unless given), a reader with a time zone always has an hour, and nothing is kept that does not apply.
 */
export function normaliseSchedule<T extends Preferences>(prefs: T): T {
  const { cadence: _c, weekday: _w, timeZone: _z, hour: _h, ...rest } = prefs;
  const weekly = prefs.cadence === 'weekly';
  const timeZone = prefs.timeZone ?? (weekly ? 'UTC' : undefined);
  return {
    ...rest,
    ...(weekly ? { cadence: 'weekly' as const, weekday: prefs.weekday ?? DEFAULT_WEEKDAY } : {}),
    ...(timeZone ? { timeZone: canonicalTimeZone(timeZone), hour: prefs.hour ?? DEFAULT_SEND_HOUR } : {}),
  } as T;
}

/** The zone's canonical name as Intl resolves it (`utc` -> `UTC`), so equal zones share one send bucket. */
export function canonicalTimeZone(tz: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
}
