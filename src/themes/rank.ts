import type { Paper } from '../papers/index.ts';
import type { EditionPaper } from './types.ts';

/** Ranking weights, from `Config['ranking']` (env RANK_WEIGHT_* and RANK_FRESHNESS_HALF_LIFE_HOURS). */
export interface RankingWeights {
  upvotes: number;
  comments: number;
  stars: number;
  freshnessHalfLifeHours: number;
}

/** What the ranking reads from a paper. */
export type RankInput = Pick<Paper, 'upvotes' | 'comments' | 'githubStars' | 'submittedAt'>;

const HOUR_MS = 3_600_000;

/**
 * The ranking score of one paper (README, "Ranking"):
 *
 *   score = (wU ln(1 + upvotes) + wC ln(1 + comments) + wS ln(1 + stars)) x 2^(-age / halfLife)
 *
 * where age is the hours from `submittedAt` (when it joined Daily Papers) to `now`, never negative. Logarithms keep
 * one viral signal from drowning the others; the decay rewards attention gathered in less time. Rounded to 4 places
 * so that equal inputs always compare equal.
 */
export function rankScore(paper: RankInput, weights: RankingWeights, now: Date): number {
  const engagement =
    weights.upvotes * Math.log1p(Math.max(0, paper.upvotes)) +
    weights.comments * Math.log1p(Math.max(0, paper.comments)) +
    weights.stars * Math.log1p(Math.max(0, paper.githubStars ?? 0));
  const submitted = Date.parse(paper.submittedAt);
  const ageHours = Number.isNaN(submitted) ? 0 : Math.max(0, (now.getTime() - submitted) / HOUR_MS);
  const freshness = Math.pow(2, -ageHours / Math.max(weights.freshnessHalfLifeHours, Number.MIN_VALUE));
  return Math.round(engagement * freshness * 10_000) / 10_000;
}

/**
 * Orders ranked papers best first; ties are broken by upvotes, comments, stars, then arXiv id (ascending), so the
 * order never depends on input order.
 */
export function compareRanked(a: EditionPaper, b: EditionPaper): number {
  return (
    b.score - a.score ||
    b.paper.upvotes - a.paper.upvotes ||
    b.paper.comments - a.paper.comments ||
    (b.paper.githubStars ?? 0) - (a.paper.githubStars ?? 0) ||
    (a.paper.id < b.paper.id ? -1 : a.paper.id > b.paper.id ? 1 : 0)
  );
}
