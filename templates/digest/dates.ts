import { cleanText } from '../components/clean.ts';

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
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAY_MS = 24 * 3600_000;

interface Day {
  weekday: string;
  day: number;
  month: string;
  year: number;
  ms: number;
}

function parse(date: string): Day | undefined {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return undefined;
  return {
    weekday: WEEKDAYS[d.getUTCDay()] ?? '',
    day: d.getUTCDate(),
    month: MONTHS[d.getUTCMonth()] ?? '',
    year: d.getUTCFullYear(),
    ms: d.getTime(),
  };
}

/** How the email names the list days it covers. */
export interface CoveredDates {
  /** "Monday 24 November 2025"; "Friday 21 – Sunday 23 November 2025" for a weekend. */
  long: string;
  /** For the subject: "24 Nov"; "Fri 21 – Sun 23 Nov" for a weekend. */
  short: string;
  /** How many list days. */
  count: number;
}

const wd = (d: Day) => d.weekday.slice(0, 3);
const mon = (d: Day) => d.month.slice(0, 3);

/** A range of days: the month and year are said once when both ends share them. */
function range(a: Day, b: Day): { long: string; short: string } {
  if (a.year !== b.year) {
    return {
      long: `${a.weekday} ${a.day} ${a.month} ${a.year} – ${b.weekday} ${b.day} ${b.month} ${b.year}`,
      short: `${wd(a)} ${a.day} ${mon(a)} ${a.year} – ${wd(b)} ${b.day} ${mon(b)} ${b.year}`,
    };
  }
  if (a.month !== b.month) {
    return {
      long: `${a.weekday} ${a.day} ${a.month} – ${b.weekday} ${b.day} ${b.month} ${b.year}`,
      short: `${wd(a)} ${a.day} ${mon(a)} – ${wd(b)} ${b.day} ${mon(b)}`,
    };
  }
  return {
    long: `${a.weekday} ${a.day} – ${b.weekday} ${b.day} ${b.month} ${b.year}`,
    short: `${wd(a)} ${a.day} – ${wd(b)} ${b.day} ${mon(b)}`,
  };
}

/**
 * Names the list days an edition covers: one day as before; consecutive days as a range ("Fri 21 – Sun 23 Nov");
 * days with a gap one by one, so the email never claims a day it does not carry.
 */
export function coveredDates(days: readonly string[], fallback: string): CoveredDates {
  // Every reader's digest of an edition names the same days: worked out once per list of days.
  const key = `${days.join(',')}|${fallback}`;
  let known = covered.get(key);
  if (!known) {
    if (covered.size >= 64) covered.clear();
    covered.set(key, (known = Object.freeze(cover(days, fallback))));
  }
  return known;
}

const covered = new Map<string, CoveredDates>();

function cover(days: readonly string[], fallback: string): CoveredDates {
  const list = (days.length > 0 ? [...days] : [fallback]).sort();
  const parsed = list.map(parse);
  if (parsed.some((d) => d === undefined)) {
    const text = cleanText(list.join(', '));
    return { long: text, short: text, count: list.length };
  }
  const ds = parsed as Day[];
  const first = ds[0]!;
  const last = ds.at(-1)!;
  if (ds.length === 1) {
    return {
      long: `${first.weekday} ${first.day} ${first.month} ${first.year}`,
      short: `${first.day} ${mon(first)}`,
      count: 1,
    };
  }
  const consecutive = ds.every((d, i) => i === 0 || d.ms - ds[i - 1]!.ms === DAY_MS);
  if (consecutive) return { ...range(first, last), count: ds.length };
  return {
    long: ds.map((d) => `${d.weekday} ${d.day} ${d.month} ${d.year}`).join(', '),
    short: ds.map((d) => `${wd(d)} ${d.day} ${mon(d)}`).join(', '),
    count: ds.length,
  };
}
