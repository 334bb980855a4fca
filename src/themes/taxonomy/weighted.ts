import type { ThemeTerm } from '../types.ts';

/** Writes a term list as `{ phrase: weight }`, one phrase per line. */
export const weighted = (terms: Record<string, number>): ThemeTerm[] =>
  Object.entries(terms).map(([term, weight]) => ({ term, weight }));
