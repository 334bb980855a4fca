import { z } from 'zod';
import { ValidationError } from '../shared/errors.ts';
import { CADENCES, canonicalTimeZone, isTimeZone, type Preferences } from '../subscribers/index.ts';
import { defaultDelivery, type DeliveryValues } from './pages/delivery-fields.ts';

type Schedule = Pick<Preferences, 'cadence' | 'weekday' | 'timeZone' | 'hour'>;

const form = z.object({
  cadence: z.enum(CADENCES).optional(),
  weekday: z.coerce.number().int().min(1).max(7).optional(),
  timeZone: z.string().max(64).optional(),
  hour: z.coerce.number().int().min(0).max(23).optional(),
});

/**
 * The delivery fields of a posted form as preferences (`undefined` values clear a field). A form without them (an
 * older page, a script) changes nothing: returns undefined. An unknown time zone is a ValidationError.
 */
export function parseDelivery(body: unknown): Schedule | undefined {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (!('timeZone' in b) && !('cadence' in b)) return undefined;
  const parsed = form.safeParse(b);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'delivery');
    throw new ValidationError(`The delivery choice "${field}" could not be read`, field);
  }
  const { cadence, weekday, hour } = parsed.data;
  const zone = parsed.data.timeZone?.trim() ?? '';
  if (zone !== '' && !isTimeZone(zone))
    throw new ValidationError(`"${zone}" is not a time zone we know: try a name such as Europe/Berlin`, 'timeZone');
  return {
    cadence: cadence === 'weekly' ? 'weekly' : undefined,
    weekday,
    timeZone: zone === '' ? undefined : canonicalTimeZone(zone),
    hour,
  };
}

/** The delivery values of stored preferences, for the form. */
export function deliveryValues(p: Preferences): DeliveryValues {
  return {
    ...defaultDelivery(p.timeZone ?? ''),
    ...(p.cadence ? { cadence: p.cadence } : {}),
    ...(p.weekday ? { weekday: p.weekday } : {}),
    ...(p.hour !== undefined ? { hour: p.hour } : {}),
  };
}

/** Whatever the form held, to show it again after an error (never throws). */
export function lenientDelivery(body: unknown, fallbackZone: string): DeliveryValues {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const n = (v: unknown, min: number, max: number, d: number) => {
    const x = Number(v);
    return Number.isInteger(x) && x >= min && x <= max ? x : d;
  };
  const base = defaultDelivery(fallbackZone);
  return {
    cadence: b.cadence === 'weekly' ? 'weekly' : 'daily',
    weekday: n(b.weekday, 1, 7, base.weekday),
    timeZone: typeof b.timeZone === 'string' ? b.timeZone.slice(0, 64) : base.timeZone,
    hour: n(b.hour, 0, 23, base.hour),
  };
}
