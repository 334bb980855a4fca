import type { Digest } from './types.ts';

/** The HTML size a digest is kept under: 7 KB below Gmail's 102 KB clip, for per-recipient links and headers. */
export const DIGEST_BUDGET_BYTES = 95 * 1024;

/** Renders a digest (in whatever engine and with whatever links the caller sends) and returns its HTML bytes. */
export type MeasureDigest = (digest: Digest) => Promise<number>;

export interface FitResult {
  /** The digest to send: the one given when it fits, else a trimmed copy carrying `hiddenPapers`. */
  digest: Digest;
  /** How many papers were left out (0 when it fit). */
  hidden: number;
}

const count = (d: Digest) =>
  (d.forYou?.length ?? 0) + d.sections.reduce((n, s) => n + s.papers.length, 0) + d.alsoTrending.length;

/**
 * The digest trimmed to `level`, lightest first: levels 1..T drop "Also trending" papers from the end (T of them),
 * then each further level shows one paper fewer in every topic section (down to one each). "For you" is kept.
 */
function trimTo(digest: Digest, level: number, total: number): Digest {
  const trending = digest.alsoTrending.length;
  const keepTrending = Math.max(0, trending - level);
  const deepest = Math.max(0, ...digest.sections.map((s) => s.papers.length));
  const depth = level > trending ? Math.max(1, deepest - (level - trending)) : deepest;
  const sections = digest.sections.map((s) => ({ ...s, papers: s.papers.slice(0, depth) }));
  const trimmed: Digest = {
    ...digest,
    sections,
    alsoTrending: digest.alsoTrending.slice(0, keepTrending),
    paperCount: (digest.forYou?.length ?? 0) + sections.reduce((n, s) => n + s.papers.length, 0),
  };
  return { ...trimmed, hiddenPapers: (digest.hiddenPapers ?? 0) + total - count(trimmed) };
}

/**
 * The size guard of the send path: a digest whose rendering (`measure`) is over `budgetBytes` trims itself, first
 * "Also trending", then the depth of every topic (fewer papers per section), and says how many papers it left out
 * (`hiddenPapers`, shown as "N more papers online" with a link to the web edition). It keeps as many papers as fit,
 * found by bisection over the trim levels (a handful of renders), so an email is never clipped by Gmail. Engine
 * independent: the caller's `measure` renders. When even the most trimmed digest is over budget, that one is
 * returned (the smallest there is).
 */
export async function fitDigest(digest: Digest, measure: MeasureDigest, budgetBytes: number): Promise<FitResult> {
  if ((await measure(digest)) <= budgetBytes) return { digest, hidden: 0 };
  const total = count(digest);
  const deepest = Math.max(0, ...digest.sections.map((s) => s.papers.length));
  const levels = digest.alsoTrending.length + Math.max(0, deepest - 1);
  // One object per level, so the digest returned is the very one the caller measured (and may have kept).
  const made = new Map<number, Digest>();
  const at = (level: number) => {
    let d = made.get(level);
    if (!d) made.set(level, (d = trimTo(digest, level, total)));
    return d;
  };
  const fits = async (level: number) => (await measure(at(level))) <= budgetBytes;
  let lo = 1;
  let hi = levels;
  if (levels === 0 || !(await fits(hi))) {
    const smallest = at(Math.max(levels, 0));
    return { digest: smallest, hidden: smallest.hiddenPapers ?? 0 };
  }
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (await fits(mid)) hi = mid;
    else lo = mid + 1;
  }
  const fitted = at(lo);
  return { digest: fitted, hidden: fitted.hiddenPapers ?? 0 };
}
