// TEMPORARY foundation version: every paper goes to "other". The themes issue replaces this module's internals
// while keeping these exports.
import type { Paper } from '../papers/paper.ts';
import type { Edition, EditionPaper } from './types.ts';

export * from './types.ts';

export interface RankingWeights {
  upvotes: number;
  comments: number;
  stars: number;
  freshnessHalfLifeHours: number;
}

/** Builds the day's edition: themes in taxonomy order with their ranked papers, then the ranked others. */
export function buildEdition(
  date: string,
  papers: readonly Paper[],
  _options: { ranking: RankingWeights; now?: Date },
): Edition {
  const other: EditionPaper[] = [...papers]
    .sort((a, b) => b.upvotes - a.upvotes || a.id.localeCompare(b.id))
    .map((paper) => ({
      paper,
      score: paper.upvotes,
      classification: { theme: 'other', secondary: [], scores: {}, matched: {} },
    }));
  return {
    date,
    builtAt: new Date().toISOString(),
    sections: [],
    other,
    counts: { papers: papers.length, other: other.length, byTheme: {} },
  };
}
