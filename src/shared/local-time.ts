// Wall-clock arithmetic for local delivery times (README, "Delivery times"). Pure; Intl does the time zone work.

const HOUR_MS = 3600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** The wall clock of `tz` at `at`, as if it were a UTC time (ms): "naive" local time, good for date and hour maths. */
export function wallClock(tz: string, at: Date | number): number {
  const parts = formatter(tz).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
}

/** The start of the UTC hour holding `at`. */
export function utcHour(at: Date | number): Date {
  const ms = typeof at === 'number' ? at : at.getTime();
  return new Date(Math.floor(ms / HOUR_MS) * HOUR_MS);
}

/** One local hour a tick serves: its local date (YYYY-MM-DD), hour (0-23) and ISO weekday (1 = Monday). */
export interface LocalSlot {
  date: string;
  hour: number;
  weekday: number;
}

/**
 * The local hours of `tz` that the hourly tick at `tick` (a UTC top of the hour) serves: every local hour start
 * `h:00` the wall clock passed in the hour up to the tick, i.e. in (wall clock an hour before, wall clock now].
 * So each local hour that exists is served exactly once, by the first tick at or after it begins:
 * - whole-hour offsets: at h:00 local;
 * - 30- and 45-minute offsets (Asia/Kolkata, Asia/Kathmandu, America/St_Johns): at h:30 or h:45 local;
 * - a skipped hour (spring forward, 02:00-03:00 in Europe/Berlin) by the tick that jumps over it, together with
 *   the hour after it (both at 03:00 local);
 * - a repeated hour (fall back) only the first time round: the wall clock going back passes no new hour start.
 */
export function slotsAt(tz: string, tick: Date | number): LocalSlot[] {
  const at = typeof tick === 'number' ? tick : tick.getTime();
  const now = wallClock(tz, at);
  const before = wallClock(tz, at - HOUR_MS);
  const slots: LocalSlot[] = [];
  for (let start = Math.floor(before / HOUR_MS) * HOUR_MS + HOUR_MS; start <= now; start += HOUR_MS) {
    const d = new Date(start);
    slots.push({ date: d.toISOString().slice(0, 10), hour: d.getUTCHours(), weekday: d.getUTCDay() || 7 });
  }
  return slots;
}

/** The local calendar date (YYYY-MM-DD) in `tz` at `at`. */
export function localDate(tz: string, at: Date | number): string {
  return new Date(wallClock(tz, at)).toISOString().slice(0, 10);
}
