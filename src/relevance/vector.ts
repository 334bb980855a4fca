// A voted paper's terms as stored with the vote: the top K weighted terms, quantised to whole numbers 1..99, in
// one short string ("world model=99;policy=71;..."). Bounded: at most K terms of at most MAX_TERM_LENGTH letters.
import { MAX_TERM_LENGTH, type TermVector } from './terms.ts';

/** Terms kept per voted paper. */
export const VECTOR_TERMS = 24;

/** The largest quantised weight. */
const LEVELS = 99;

/** The most bytes one stored vector takes: K x (term + "=" + 2 digits + ";"). */
export const MAX_VECTOR_BYTES = VECTOR_TERMS * (MAX_TERM_LENGTH + 4);

/** Orders terms by weight, then alphabetically, so equal inputs always give the same list. */
function byWeight(a: [string, number], b: [string, number]): number {
  return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

/** The `k` strongest terms, quantised so the strongest is LEVELS. `weigh` rescales a term before choosing. */
export function topTerms(v: TermVector, k = VECTOR_TERMS, weigh: (term: string) => number = () => 1): TermVector {
  const weighted = [...v].map(([t, w]): [string, number] => [t, w * weigh(t)]).filter(([, w]) => w > 0);
  weighted.sort(byWeight);
  const kept = weighted.slice(0, k);
  const max = kept[0]?.[1] ?? 0;
  const out: TermVector = new Map();
  for (const [t, w] of kept) out.set(t, Math.max(1, Math.round((w / max) * LEVELS)));
  return out;
}

/** "term=w;term=w" (already bounded by `topTerms`). */
export function encodeVector(v: TermVector): string {
  return [...v].map(([t, w]) => `${t}=${w}`).join(';');
}

/** The inverse of `encodeVector`; anything malformed is skipped. */
export function decodeVector(s: string): TermVector {
  const out: TermVector = new Map();
  for (const part of s.split(';')) {
    const eq = part.lastIndexOf('=');
    if (eq <= 0) continue;
    const w = Number(part.slice(eq + 1));
    if (Number.isFinite(w) && w > 0) out.set(part.slice(0, eq), w);
  }
  return out;
}

/** Euclidean length. */
export function norm(v: TermVector): number {
  let s = 0;
  for (const w of v.values()) s += w * w;
  return Math.sqrt(s);
}

/** Adds `scale` x `v` into `into`. */
export function addScaled(into: TermVector, v: TermVector, scale: number): void {
  for (const [t, w] of v) into.set(t, (into.get(t) ?? 0) + w * scale);
}
