import type { Paper } from '../papers/index.ts';
import type { EditionPaper } from './types.ts';

/** Ranking settings, from `Config['ranking']` (env RANK_STAR_BONUS). */
export interface RankingWeights {
  /** The most a repository's stars can add, as a share of the paper's own upvotes (0.05 = 5%). */
  starBonus: number;
}

/** The default settings (README, "Ranking"). */
export const DEFAULT_RANKING: RankingWeights = { starBonus: 0.05 };

/** Stars at which the star bonus is full; it grows with log10(1 + stars) below that. */
export const FULL_BONUS_STARS = 10_000;

/** What the ranking reads from a paper: the upvotes the email shows, and the stars shown by its code link. */
export type RankInput = Pick<Paper, 'upvotes' | 'githubStars'>;

const FULL_BONUS_LOG = Math.log10(1 + FULL_BONUS_STARS);

/**
 * The ranking score of one paper (README, "Ranking"):
 *
 *   score = upvotes x (1 + starBonus x min(1, log10(1 + stars) / log10(1 + 10,000)))
 *
 * Upvotes lead: the bonus is at most `starBonus` of the paper's own upvotes, so a paper can only pass one with at most
 * that share more upvotes (a near-tie), and a paper without upvotes scores 0 whatever its stars. Rounded to 4 places
 * so that equal inputs always compare equal.
 */
export function rankScore(paper: RankInput, weights: RankingWeights): number {
  const upvotes = Math.max(0, paper.upvotes);
  const stars = Math.max(0, paper.githubStars ?? 0);
  const share = Math.min(1, Math.log10(1 + stars) / FULL_BONUS_LOG);
  const bonus = Math.max(0, weights.starBonus) * share;
  return Math.round(upvotes * (1 + bonus) * 10_000) / 10_000;
}

/**
 * Orders ranked papers best first; ties are broken by upvotes, stars, then arXiv id (ascending), so the order never
 * depends on input order.
 */
export function compareRanked(a: EditionPaper, b: EditionPaper): number {
  return b.score - a.score || compareTies(a, b);
}

/** `compareRanked` with another score in place of the paper's own (a reader's blend, say); the same tie-breaks. */
export function compareRankedBy(score: (p: EditionPaper) => number): (a: EditionPaper, b: EditionPaper) => number {
  return (a, b) => score(b) - score(a) || compareTies(a, b);
}

function compareTies(a: EditionPaper, b: EditionPaper): number {
  return (
    b.paper.upvotes - a.paper.upvotes ||
    (b.paper.githubStars ?? 0) - (a.paper.githubStars ?? 0) ||
    (a.paper.id < b.paper.id ? -1 : a.paper.id > b.paper.id ? 1 : 0)
  );
}
