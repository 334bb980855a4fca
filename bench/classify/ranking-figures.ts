// How well each section's order follows the upvotes the email shows, over built editions.
import type { Edition, EditionPaper } from '../../src/themes/index.ts';

export interface OrderFigures {
  /** Non-empty sections. */
  sections: number;
  /** Sections whose first paper has at least 80% of the section's top upvotes. */
  firstNearTop: number;
  /** Sections whose first paper is the most upvoted one (ties count). */
  firstIsTop: number;
  /** Sections of two or more papers, and how many of them start with the most upvoted one. */
  multi: number;
  multiFirstIsTop: number;
  /** Adjacent pairs, and those where a paper sits above one with more upvotes. */
  pairs: number;
  inversions: number;
  /** The smallest first/top upvote ratio seen. */
  worstRatio: number;
}

export const emptyFigures = (): OrderFigures => ({
  sections: 0,
  firstNearTop: 0,
  firstIsTop: 0,
  multi: 0,
  multiFirstIsTop: 0,
  pairs: 0,
  inversions: 0,
  worstRatio: 1,
});

/** Adds one section (in its ranked order) to the figures. */
export function addSection(figures: OrderFigures, papers: readonly EditionPaper[]): void {
  const first = papers[0];
  if (!first) return;
  const top = Math.max(...papers.map((p) => p.paper.upvotes));
  figures.sections += 1;
  if (first.paper.upvotes >= 0.8 * top) figures.firstNearTop += 1;
  if (first.paper.upvotes === top) figures.firstIsTop += 1;
  if (papers.length > 1) {
    figures.multi += 1;
    if (first.paper.upvotes === top) figures.multiFirstIsTop += 1;
  }
  if (top > 0) figures.worstRatio = Math.min(figures.worstRatio, first.paper.upvotes / top);
  for (let i = 1; i < papers.length; i++) {
    figures.pairs += 1;
    if (papers[i]!.paper.upvotes > papers[i - 1]!.paper.upvotes) figures.inversions += 1;
  }
}

/** Adds every theme section of the edition to `themes` and its "Also trending" list to `other`. */
export function addEdition(edition: Edition, themes: OrderFigures, other: OrderFigures): void {
  for (const section of edition.sections) addSection(themes, section.papers);
  addSection(other, edition.other);
}

const pct = (k: number, n: number): string => (n === 0 ? '-' : `${((100 * k) / n).toFixed(1)}%`);

/** Two lines of figures. */
export function formatFigures(f: OrderFigures): string {
  return [
    `${f.sections} sections: first has >= 80% of the top upvotes in ${pct(f.firstNearTop, f.sections)}, ` +
      `first is the most upvoted in ${pct(f.firstIsTop, f.sections)} ` +
      `(${pct(f.multiFirstIsTop, f.multi)} of the ${f.multi} with 2+ papers); worst first/top ${f.worstRatio.toFixed(2)}`,
    `adjacent pairs out of upvote order: ${f.inversions}/${f.pairs}`,
  ].join('\n    ');
}
