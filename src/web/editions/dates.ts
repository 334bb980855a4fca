const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD ("2025-02-30" is not one). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function parts(iso: string) {
  const d = new Date(`${iso}T00:00:00Z`);
  return {
    weekday: WEEKDAYS[d.getUTCDay()]!,
    day: d.getUTCDate(),
    month: MONTHS[d.getUTCMonth()]!,
    year: d.getUTCFullYear(),
  };
}

/** "Monday 24 November 2025" (the list day, not a local time: no time zone involved). */
export function longDate(iso: string): string {
  const p = parts(iso);
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

/**
 * The days an edition covers, in words: "Monday 24 November 2025" for one list day, "Friday 21 – Sunday 23
 * November 2025" for a weekend, with the month (and year) repeated only when they differ.
 */
export function coveredSpan(days: readonly string[], date: string): string {
  const first = days[0] ?? date;
  const last = days.at(-1) ?? date;
  if (first === last) return longDate(last);
  const a = parts(first);
  const b = parts(last);
  const start =
    a.year !== b.year
      ? `${a.weekday} ${a.day} ${a.month} ${a.year}`
      : a.month !== b.month
        ? `${a.weekday} ${a.day} ${a.month}`
        : `${a.weekday} ${a.day}`;
  return `${start} – ${longDate(last)}`;
}
