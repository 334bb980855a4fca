import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { normaliseSchedule, preferencesSchema, type Preferences } from './preferences.ts';

export const SUBSCRIBER_STATUSES = ['pending', 'active', 'unsubscribed', 'bounced', 'complained'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

/** Statuses that receive nothing and that imports and re-adds never undo. */
export const SUPPRESSED_STATUSES: readonly SubscriberStatus[] = ['unsubscribed', 'bounced', 'complained'];

export function isSuppressed(status: SubscriberStatus): boolean {
  return SUPPRESSED_STATUSES.includes(status);
}

/** An opaque subscriber id: 16 random bytes, base64url (22 characters, also valid as a provider tag value). */
export const SUBSCRIBER_ID = /^[A-Za-z0-9_-]{22}$/;

export function newSubscriberId(): string {
  return randomBytes(16).toString('base64url');
}

export function isSubscriberId(value: string): boolean {
  return SUBSCRIBER_ID.test(value);
}

const iso = z.iso.datetime();

/** One subscriber as stored (JSON under `sub:<id>`); parsed with zod whenever it is read. */
export const subscriberSchema = z.object({
  id: z.string().regex(SUBSCRIBER_ID),
  email: z.string().min(3),
  status: z.enum(SUBSCRIBER_STATUSES),
  preferences: preferencesSchema,
  createdAt: iso,
  confirmedAt: iso.optional(),
  updatedAt: iso,
  /** When the status last changed (a confirm link issued before an unsubscribe cannot undo it). */
  statusChangedAt: iso,
  /** Why the status last changed ("one-click", "hard bounce", "operator", ...). */
  statusReason: z.string().max(200).optional(),
});

export type Subscriber = z.infer<typeof subscriberSchema>;

/**
 * Preferences in canonical form: validated, topics de-duplicated and sorted, schedule fields reduced to those that
 * apply (so equal choices compare equal).
 */
export function normalisePreferences(input: Preferences | z.input<typeof preferencesSchema>): Preferences {
  const parsed = preferencesSchema.parse(input);
  return normaliseSchedule({ ...parsed, topics: [...new Set(parsed.topics)].sort() });
}

export function samePreferences(a: Preferences, b: Preferences): boolean {
  return JSON.stringify(normalisePreferences(a)) === JSON.stringify(normalisePreferences(b));
}
