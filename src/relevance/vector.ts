// A voted paper's terms as stored with the vote: its K strongest terms (title words weigh most, see terms.ts),
// strongest first, in one short string ("world model;humanoid;policy;..."). The model only asks which terms a liked
// or disliked paper has, so no weights are kept. Bounded: at most K terms of at most MAX_TERM_LENGTH letters.
import { MAX_TERM_LENGTH, type TermVector } from './terms.ts';

/** Terms kept per voted paper (48 rather than 24: more of the abstract, measured in the README). */
export const VECTOR_TERMS = 48;

/** The most bytes one stored vector takes: K x (term + ";"). */
export const MAX_VECTOR_BYTES = VECTOR_TERMS * (MAX_TERM_LENGTH + 1);

/** Orders terms by weight, then alphabetically, so equal inputs always give the same list. */
function byWeight(a: [string, number], b: [string, number]): number {
  return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

/** The `k` strongest terms, strongest first. */
export function topTerms(v: TermVector, k = VECTOR_TERMS): string[] {
  return [...v]
    .filter(([, w]) => w > 0)
    .sort(byWeight)
    .slice(0, k)
    .map(([t]) => t);
}

/** "term;term;..." (already bounded by `topTerms`). */
export function encodeTerms(terms: readonly string[]): string {
  return terms.join(';');
}

/**
 * The inverse of `encodeTerms`. Also reads the earlier stored form, "term=weight;...", whose weights no longer
 * matter; empty parts are skipped.
 */
export function decodeTerms(s: string): string[] {
  const out: string[] = [];
  for (const part of s.split(';')) {
    const eq = part.indexOf('=');
    const term = eq < 0 ? part : part.slice(0, eq);
    if (term.length > 0) out.push(term);
  }
  return out;
}
