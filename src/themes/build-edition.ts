import type { Paper } from '../papers/index.ts';
import { classifyPaper } from './classify.ts';
import { compareRanked, DEFAULT_RANKING, rankScore, type RankingWeights } from './rank.ts';
import { THEMES } from './taxonomy.ts';
import { OTHER_THEME, type Edition, type EditionPaper, type Theme, type ThemeId } from './types.ts';

export interface BuildEditionOptions {
  /** Ranking settings; defaults to `DEFAULT_RANKING`. */
  ranking?: RankingWeights;
  /** Stamps `builtAt`; defaults to the real time. */
  now?: Date;
  /** The taxonomy; defaults to `THEMES`. */
  themes?: readonly Theme[];
  /** The list days the papers come from; defaults to `[date]`. */
  days?: readonly string[];
  /** Ids of papers recent editions already carried: left out (and listed as `repeats`). */
  alreadySent?: ReadonlySet<string>;
}

/**
 * Builds the edition: every paper classified and scored, one section per theme in taxonomy order holding the
 * papers whose primary theme it is (ranked), the `other` papers ranked, and counts. Pure: the same papers, date and
 * options give the same edition. A paper id seen twice (listed on two of the days) is kept once (the first), and a
 * paper in `alreadySent` is left out.
 */
export function buildEdition(date: string, papers: readonly Paper[], options: BuildEditionOptions = {}): Edition {
  const themes = options.themes ?? THEMES;
  const ranking = options.ranking ?? DEFAULT_RANKING;
  const seen = new Set<string>();
  const repeats = new Set<string>();
  const ranked: EditionPaper[] = [];
  for (const paper of papers) {
    if (seen.has(paper.id)) continue;
    seen.add(paper.id);
    if (options.alreadySent?.has(paper.id)) {
      repeats.add(paper.id);
      continue;
    }
    ranked.push({
      paper,
      classification: classifyPaper(paper, { themes }),
      score: rankScore(paper, ranking),
    });
  }
  ranked.sort(compareRanked);
  const byTheme: Record<ThemeId, number> = {};
  const sections = themes.map((theme) => {
    const inTheme = ranked.filter((p) => p.classification.theme === theme.id);
    byTheme[theme.id] = inTheme.length;
    return { id: theme.id, label: theme.label, description: theme.description, papers: inTheme };
  });
  const other = ranked.filter((p) => p.classification.theme === OTHER_THEME);
  return {
    date,
    days: [...(options.days ?? [date])].sort(),
    ...(repeats.size > 0 ? { repeats: [...repeats].sort() } : {}),
    builtAt: (options.now ?? new Date()).toISOString(),
    sections,
    other,
    counts: { papers: ranked.length, other: other.length, byTheme },
  };
}
