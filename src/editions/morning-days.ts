import { addDays, todayUtc } from '../shared/dates.ts';

/**
 * The newest complete Daily Papers list day at `now`: yesterday in UTC. List days are UTC dates (every item of
 * `?date=D` was submitted on that UTC date), so day D takes no more papers once D has ended in UTC.
 */
export function lastCompleteDay(now: Date): string {
  return addDays(todayUtc(now), -1);
}

/** The catch-up window of a morning: the `maxDays` list days ending with `lastDay`, oldest first. */
export function catchUpWindow(lastDay: string, maxDays: number): string[] {
  return Array.from({ length: maxDays }, (_, i) => addDays(lastDay, i - maxDays + 1));
}

export interface MorningInput {
  /** The newest complete list day (see `lastCompleteDay`). */
  lastDay: string;
  /** How many list days back a morning may reach (EDITION_MAX_DAYS). */
  maxDays: number;
  /** The edition holding each list day of the window and the day before it; a day absent is not covered. */
  coveredBy: ReadonlyMap<string, string>;
  /** The oldest list day any edition holds; undefined before the installation's first edition. */
  firstCovered: string | undefined;
}

export type MorningPlan =
  /** A new edition, named after its newest day, carrying every complete day no edition holds yet. */
  | {
      kind: 'new';
      edition: string;
      days: string[];
      /** Set when uncovered days lie beyond the window: the newest of them (they are left for `run --date`). */
      missedBefore?: string;
    }
  /** Every complete day is held: this morning's edition already exists (it is started again only if it failed). */
  | { kind: 'existing'; edition: string }
  /** Nothing to do (the newest complete day is older than the installation's first edition). */
  | { kind: 'none' };

/**
 * Which list days a morning edition carries: every complete day of the catch-up window that no edition holds yet,
 * from the installation's first covered day on (before its first edition: the newest complete day alone). So a
 * morning after one sent the day before carries yesterday, a Monday after a Friday carries Friday to Sunday, a
 * morning after missed ones catches up (at most `maxDays` back), and a morning run again finds its edition.
 */
export function planMorning(input: MorningInput): MorningPlan {
  const { lastDay, maxDays, coveredBy, firstCovered } = input;
  if (firstCovered === undefined) return { kind: 'new', edition: lastDay, days: [lastDay] };
  if (lastDay < firstCovered) return { kind: 'none' };
  const window = catchUpWindow(lastDay, maxDays).filter((day) => day >= firstCovered);
  const days = window.filter((day) => !coveredBy.has(day));
  if (days.length === 0) {
    const edition = coveredBy.get(lastDay);
    return edition === undefined ? { kind: 'none' } : { kind: 'existing', edition };
  }
  const before = addDays(lastDay, -maxDays);
  const missed = before >= firstCovered && !coveredBy.has(before);
  return { kind: 'new', edition: days.at(-1)!, days, ...(missed ? { missedBefore: before } : {}) };
}
