import { BOUNDARY, compileTaxonomy, scan, tokenizeText, type Hit } from './matcher.ts';
import {
  EVIDENCE_WEIGHT,
  GATE_MIN_MENTIONS,
  MIN_EVIDENCE,
  MIN_THEME_SCORE,
  SECONDARY_SHARE,
  STRONG_REPEATS,
  STRONG_WEIGHT,
  THEMES,
} from './taxonomy.ts';
import { OTHER_THEME, type Classification, type Theme, type ThemeId, type ThemeTerm } from './types.ts';

/** The text a classification reads: a `Paper` fits, and so does a plain `{ title, abstract }`. */
export interface ClassifiableText {
  title: string;
  abstract: string;
  aiSummary?: string;
  aiKeywords?: readonly string[];
}

export interface ClassifyOptions {
  /** The taxonomy to use; defaults to `THEMES`. */
  themes?: readonly Theme[];
  minScore?: number;
  secondaryShare?: number;
}

/** A title mention counts this much, on top of any mentions in the body. */
const TITLE_FACTOR = 1.5;
/** Body mentions: 1 for the first, +0.25 for each repeat up to 4 repeats, so one word cannot swamp a score. */
const bodyFactor = (n: number): number => (n === 0 ? 0 : 1 + 0.25 * Math.min(n - 1, 4));
const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * Classifies one paper against the taxonomy: deterministic and explainable.
 *
 * Each theme scores the sum over its matched terms of `weight x (1.5 if in the title + body factor)`, where the body
 * is the abstract, the AI summary and the AI keywords, and terms match longest-phrase-first (so "vision-language-
 * action model" is one robotics phrase, not also a VLM phrase). A theme whose gates are not met scores 0. The primary
 * theme is the best score at or above `MIN_THEME_SCORE` (ties go to taxonomy order), else `other`; secondaries score
 * at least the minimum and `SECONDARY_SHARE` of the primary.
 */
export function classifyPaper(text: ClassifiableText, options: ClassifyOptions = {}): Classification {
  const themes = options.themes ?? THEMES;
  const minScore = options.minScore ?? MIN_THEME_SCORE;
  const share = options.secondaryShare ?? SECONDARY_SHARE;
  const compiled = compileTaxonomy(themes);

  const title = scan(tokenizeText(text.title, compiled), compiled);
  const bodyTokens = tokenizeText(text.abstract, compiled);
  if (text.aiSummary) bodyTokens.push(BOUNDARY, ...tokenizeText(text.aiSummary, compiled));
  for (const keyword of text.aiKeywords ?? []) bodyTokens.push(BOUNDARY, ...tokenizeText(keyword, compiled));
  const body = scan(bodyTokens, compiled);

  const scores: Record<ThemeId, number> = {};
  const matched: Record<ThemeId, string[]> = {};
  themes.forEach((theme, t) => {
    const gates = new Map<number, number>();
    const titleCounts = countTerms(title, t, gates, 2);
    const bodyCounts = countTerms(body, t, gates, 1);
    const gatesMet = (theme.requires ?? []).every((_, g) => (gates.get(g) ?? 0) >= GATE_MIN_MENTIONS);
    const contributions: { term: string; points: number; index: number; pieces: number }[] = [];
    if (gatesMet) {
      for (const i of new Set([...titleCounts.keys(), ...bodyCounts.keys()])) {
        const term = theme.terms[i] as ThemeTerm;
        const inTitle = (titleCounts.get(i) ?? 0) > 0;
        const inBody = bodyCounts.get(i) ?? 0;
        const points = term.weight * ((inTitle ? TITLE_FACTOR : 0) + bodyFactor(inBody));
        if (points !== 0)
          contributions.push({ term: term.term, points, index: i, pieces: evidence(term, inTitle, inBody) });
      }
    }
    const total = contributions.reduce((sum, c) => sum + c.points, 0);
    const pieces = contributions.reduce((sum, c) => sum + c.pieces, 0);
    scores[theme.id] = pieces >= MIN_EVIDENCE ? round2(Math.max(0, total)) : 0;
    matched[theme.id] = contributions
      .sort((a, b) => b.points - a.points || a.index - b.index)
      .map((c) => (c.points < 0 ? `-${c.term}` : c.term));
  });

  const ranked = themes
    .map((theme, order) => ({ id: theme.id, score: scores[theme.id] ?? 0, order }))
    .filter((r) => r.score >= minScore)
    .sort((a, b) => b.score - a.score || a.order - b.order);
  const top = ranked[0];
  if (!top) return { theme: OTHER_THEME, secondary: [], scores, matched };
  const secondary = ranked.slice(1).filter((r) => r.score >= share * top.score);
  return { theme: top.id, secondary: secondary.map((r) => r.id), scores, matched };
}

/**
 * How many pieces of evidence a matched term is: none below `EVIDENCE_WEIGHT` (generic words), one otherwise, two for
 * a strong term (`STRONG_WEIGHT`) that the title names or the body repeats `STRONG_REPEATS` times.
 */
function evidence(term: ThemeTerm, inTitle: boolean, inBody: number): number {
  if (term.weight < EVIDENCE_WEIGHT) return 0;
  return term.weight >= STRONG_WEIGHT && (inTitle || inBody >= STRONG_REPEATS) ? 2 : 1;
}

/** Counts theme `t`'s terms over the hits, longest phrase first, and adds `gateWeight` per mention of a gate. */
function countTerms(
  hits: readonly Hit[],
  t: number,
  gates: Map<number, number>,
  gateWeight: number,
): Map<number, number> {
  const counts = new Map<number, number>();
  let pendingStart = -1;
  let pendingEnd = -1;
  let pendingTerm = -1;
  let nextFree = 0;
  const commit = (): void => {
    if (pendingTerm < 0 || pendingStart < nextFree) return;
    counts.set(pendingTerm, (counts.get(pendingTerm) ?? 0) + 1);
    nextFree = pendingEnd;
  };
  for (const hit of hits) {
    for (const entry of hit.entries) {
      if (entry.theme !== t) continue;
      for (const g of entry.gates) gates.set(g, (gates.get(g) ?? 0) + gateWeight);
      if (entry.term < 0) continue;
      // Hits come by start, then by length: a later hit at the same start is longer and replaces the pending one.
      if (hit.start !== pendingStart) commit();
      pendingStart = hit.start;
      pendingEnd = hit.start + hit.length;
      pendingTerm = entry.term;
    }
  }
  commit();
  return counts;
}

/** Compiles the taxonomy ahead of time (optional: the first classification does it otherwise). */
export function prepareTaxonomy(themes: readonly Theme[] = THEMES): void {
  compileTaxonomy(themes);
}
