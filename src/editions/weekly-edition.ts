import { addDays, WEEKLY_SUFFIX } from '../shared/dates.ts';
import { compareRanked, type Edition, type EditionPaper, type ThemeId } from '../themes/index.ts';

/** Papers a weekly round-up keeps per theme (and in "Also trending"): the most a reader can ask for per topic. */
export const WEEKLY_PER_THEME = 20;
/** How many list days a weekly round-up reaches back, its newest day included. */
export const WEEK_DAYS = 7;

/** The weekly round-up whose newest list day is `lastDay`: `2026-03-29-weekly`. */
export function weeklyEditionId(lastDay: string): string {
  return `${lastDay}${WEEKLY_SUFFIX}`;
}

export function isWeeklyEditionId(id: string): boolean {
  return id.endsWith(WEEKLY_SUFFIX);
}

/** The ids of the daily editions a round-up is built from: the editions named after the 7 days up to `lastDay`. */
export function weeklyWindow(lastDay: string): string[] {
  return Array.from({ length: WEEK_DAYS }, (_, i) => addDays(lastDay, i - WEEK_DAYS + 1));
}

/**
 * The week's top papers per theme, from the daily editions of its window (pure). Each paper appears once (where it
 * was listed twice, the copy with the higher score, i.e. the later votes, wins), keeps its daily classification, and
 * is ranked again against the whole week; each theme and "Also trending" keep their best `perTheme`. A daily edition
 * belongs to exactly one window (by its id, its newest day), so consecutive round-ups never share a paper.
 */
export function buildWeeklyEdition(
  lastDay: string,
  dailies: readonly Edition[],
  options: { now?: Date; perTheme?: number } = {},
): Edition {
  const perTheme = options.perTheme ?? WEEKLY_PER_THEME;
  const best = new Map<string, EditionPaper>();
  for (const daily of dailies) {
    for (const p of [...daily.sections.flatMap((s) => s.papers), ...daily.other]) {
      const seen = best.get(p.paper.id);
      if (!seen || compareRanked(p, seen) < 0) best.set(p.paper.id, p);
    }
  }
  const ranked = [...best.values()].sort(compareRanked);
  const template = dailies.find((d) => d.sections.length > 0);
  const byTheme: Record<ThemeId, number> = {};
  const sections = (template?.sections ?? []).map((s) => {
    const papers = ranked.filter((p) => p.classification.theme === s.id).slice(0, perTheme);
    byTheme[s.id] = papers.length;
    return { id: s.id, label: s.label, description: s.description, papers };
  });
  const inSections = new Set(sections.flatMap((s) => s.papers.map((p) => p.paper.id)));
  const themed = new Set(sections.map((s) => s.id));
  const other = ranked
    .filter((p) => !inSections.has(p.paper.id) && !themed.has(p.classification.theme))
    .slice(0, perTheme);
  const days = [...new Set(dailies.flatMap((d) => d.days))].sort();
  return {
    date: weeklyEditionId(lastDay),
    days: days.length > 0 ? days : [lastDay],
    builtAt: (options.now ?? new Date()).toISOString(),
    sections,
    other,
    counts: { papers: inSections.size + other.length, other: other.length, byTheme },
  };
}
