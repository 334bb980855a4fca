import { composeDigest, type ComposeResult, type Digest } from '../digest/index.ts';
import type { Preferences } from '../subscribers/index.ts';
import { compareRankedBy, type Edition, type EditionPaper } from '../themes/index.ts';
import { DEFAULT_MODEL, readerModel, readerSignal, type ModelOptions, type ReaderModel } from './model.ts';
import { isColdStart, type ReaderState } from './types.ts';
import { followMatch, isMuted, whyLine } from './why.ts';

export interface PersonalDigestInput {
  edition: Edition;
  prefs: Preferences;
  /** The reader's signals; undefined or empty gives the profile's digest (cold start). */
  reader: ReaderState | undefined;
  skipEmpty: boolean;
  /** The relevance model's settings; the measured default unless a bench compares others. */
  model?: ModelOptions;
}

/** The most papers in "For you" (the default model's `forYouSize`). */
export const FOR_YOU_SIZE = DEFAULT_MODEL.forYouSize;

/**
 * The reader's view of the edition's papers, by their position in the model's index: the follow each matches, its
 * relevance (a followed one counts as fully relevant) and its blend of popularity and relevance.
 */
interface Scored {
  /** A paper's position in the model's index (-1 for one it does not hold). */
  at: (ep: EditionPaper) => number;
  follow: (string | undefined)[];
  relevance: Float64Array;
  blended: Float64Array;
}

function score(reader: ReaderState, model: ReaderModel): Scored {
  const { ids, papers, maxScore } = model.index;
  const n = ids.length;
  const position = model.index.position;
  const scored: Scored = {
    at: (ep) => position.get(ep.paper.id) ?? -1,
    follow: new Array<string | undefined>(n),
    relevance: new Float64Array(n),
    blended: new Float64Array(n),
  };
  const top = Math.log1p(maxScore);
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    const ep = papers.get(id)!;
    const follow = followMatch(ep, reader);
    const rel = follow !== undefined ? 1 : model.relevance(id);
    const pop = top > 0 ? Math.log1p(Math.max(0, ep.score)) / top : 0;
    scored.follow[i] = follow;
    scored.relevance[i] = rel;
    scored.blended[i] = Math.round(((1 - model.weight) * pop + model.weight * rel) * 1e9) / 1e9;
  }
  return scored;
}

/**
 * One reader's digest of an edition. Cold start (no votes, follows or mutes) is exactly the profile's digest
 * (composeDigest). Otherwise muted papers are gone, each section (and "Also trending") holds its best papers by a
 * blend of popularity and the reader's relevance (relevance weighs more as the reader gives more signal), every
 * paper has a why line, and once the reader has given `minSignal` positive signals the digest opens with "For you"
 * (the best few by blended score, not repeated below) and the sections are ordered by the reader's interest. Pure.
 */
export function personalDigest(input: PersonalDigestInput): ComposeResult {
  const { edition, prefs, reader } = input;
  if (!reader || isColdStart(reader)) return composeDigest(edition, prefs, { skipEmpty: input.skipEmpty });
  const options = input.model ?? DEFAULT_MODEL;
  const model = readerModel(edition, reader, options);
  const scored = score(reader, model);
  const { at } = scored;
  const blended = (ep: EditionPaper) => scored.blended[at(ep)] ?? 0;
  // The edition's rank order with the reader's blended score in place of the paper's own.
  const byBlend = compareRankedBy(blended);
  const visible = (ep: EditionPaper) => !isMuted(ep, reader);
  const compose = (keep: (ep: EditionPaper) => boolean, skipEmpty = input.skipEmpty) =>
    composeDigest(edition, prefs, { skipEmpty, ranking: { keep, compare: byBlend } });

  const first = compose(visible);
  if (first.kind === 'skip') return first;
  const enough = readerSignal(reader).positive >= options.minSignal;
  const shown = [...first.digest.sections.flatMap((s) => s.papers), ...first.digest.alsoTrending];
  const relevant = (ep: EditionPaper) => {
    const r = scored.relevance[at(ep)] ?? 0;
    return r > 0 && r >= options.forYouMinRelevance;
  };
  const forYouIds = enough
    ? shown
        .filter(relevant)
        .sort(byBlend)
        .slice(0, options.forYouSize)
        .map((ep) => ep.paper.id)
    : [];
  const picked = new Set(forYouIds);
  // Never skipped once "For you" holds papers, even when it took every paper the sections had.
  const second = picked.size > 0 ? compose((ep) => visible(ep) && !picked.has(ep.paper.id), false) : first;
  if (second.kind === 'skip') return second;
  // A section whose papers all went to "For you" is left out, rather than saying it has no papers today.
  const hadPapers = new Set(first.digest.sections.filter((s) => s.papers.length > 0).map((s) => s.id));
  const kept = second.digest.sections.filter((s) => s.papers.length > 0 || !hadPapers.has(s.id));
  const digest = { ...second.digest, sections: kept };
  return { kind: 'digest', digest: finish(digest, forYouIds, edition, model, scored, enough) };
}

/** Orders sections for the reader and writes the why lines. */
function finish(
  digest: Digest,
  forYouIds: string[],
  edition: Edition,
  model: ReaderModel,
  scored: Scored,
  reorder: boolean,
): Digest {
  const { at } = scored;
  const affinity = (papers: EditionPaper[]) =>
    papers.length === 0 ? -Infinity : Math.max(...papers.map((p) => scored.relevance[at(p)] ?? 0));
  const sections = digest.sections
    .map((section, order) => ({ section, order }))
    .sort((a, b) => (reorder ? affinity(b.section.papers) - affinity(a.section.papers) : 0) || a.order - b.order)
    .map((s) => s.section);
  const forYou = forYouIds.flatMap((id) => {
    const ep = model.index.papers.get(id);
    return ep ? [ep] : [];
  });
  const alsoTrending = digest.alsoTrending;
  const labels = new Map(edition.sections.map((s) => [s.id, s]));
  const homeOf = (ep: EditionPaper) => {
    const c = ep.classification;
    const id = [c.theme, ...c.secondary].find((t) => digest.sections.some((s) => s.id === t));
    const section = id === undefined ? undefined : labels.get(id);
    return section ? { id: section.id, label: section.label } : undefined;
  };
  const why: Record<string, string> = {};
  for (const ep of [...forYou, ...sections.flatMap((s) => s.papers), ...alsoTrending]) {
    why[ep.paper.id] = whyLine(ep, scored.follow[at(ep)], model, homeOf(ep));
  }
  return {
    ...digest,
    sections,
    alsoTrending,
    paperCount: forYou.length + digest.paperCount,
    ...(forYou.length > 0 ? { forYou } : {}),
    why,
  };
}
