// One reader's relevance model for one edition: the reader's votes (as stored term vectors) and followed keywords,
// weighed by the edition's idf, scored against each paper. Two shapes (measured by `npm run bench -- relevance`):
// a Rocchio profile (the mean liked vector minus a share of the mean disliked one) and nearest-liked-paper.
import type { Edition } from '../themes/index.ts';
import {
  dot,
  editionIndex,
  editionUnit,
  similarities,
  type DocumentFrequencies,
  type EditionIndex,
} from './edition-index.ts';
import { paperTerms, phraseTerms, type PaperText, type TermVector } from './terms.ts';
import type { ReaderState, ReaderVote } from './types.ts';
import { addScaled, encodeVector, norm, topTerms, VECTOR_TERMS } from './vector.ts';

const EMPTY: TermVector = new Map();

export type ModelKind = 'rocchio' | 'nearest' | 'hybrid';

export interface ModelOptions {
  kind: ModelKind;
  /** How much a "less" vote pulls away (Rocchio's beta). */
  negativeWeight: number;
  /** A followed keyword counts as this many liked papers in the profile. */
  followWeight: number;
  /** The most the reader's relevance weighs against popularity (0..1), reached as signal grows. */
  relevanceWeight: number;
  /** The signal at which relevance weighs half of `relevanceWeight`. */
  halfSignal: number;
  /** Positive signals ("more" votes and follows) before "For you" opens and sections are reordered. */
  minSignal: number;
  /** A paper enters "For you" only this relevant (relative to the reader's best paper of the edition) or followed. */
  forYouMinRelevance: number;
  /** The most papers in "For you". */
  forYouSize: number;
  /** Document frequencies added to the edition's own (optional). */
  prior?: DocumentFrequencies;
}

/** The chosen model (see README, "Relevance", for the figures behind each value). */
export const DEFAULT_MODEL: ModelOptions = {
  kind: 'rocchio',
  negativeWeight: 1,
  followWeight: 2,
  relevanceWeight: 0.8,
  halfSignal: 2,
  minSignal: 2,
  forYouMinRelevance: 0.5,
  forYouSize: 3,
};

/** The vote as stored: with the voted paper's top `k` terms (what the model learns from). */
export function withTerms(vote: ReaderVote, paper: PaperText, k = VECTOR_TERMS): ReaderVote {
  return { ...vote, terms: encodeVector(topTerms(paperTerms(paper), k)) };
}

/** A vote's term vector as stored, or (a vote stored without one) its title's terms. */
export function voteTerms(vote: ReaderVote): TermVector | string {
  return vote.terms ?? topTerms(paperTerms({ title: vote.title, abstract: '' }));
}

/** How much the reader has told us: "more" votes and follows count 1, "less" votes 0.5. */
export function readerSignal(reader: ReaderState): { positive: number; total: number } {
  const i = reader.interests;
  const more = reader.votes.filter((v) => v.vote === 'more').length;
  const positive = more + i.keywords.length + i.authors.length + i.organizations.length;
  return { positive, total: positive + 0.5 * (reader.votes.length - more) };
}

export interface ReaderModel {
  /** Relevance of an edition paper for this reader, in [-1, 1] (0 for an unknown id). */
  relevance(paperId: string): number;
  /** The liked vote most like this paper, with its cosine. */
  nearestLiked(paperId: string): { vote: ReaderVote; similarity: number } | undefined;
  /** Weight of relevance against popularity for this reader (0..relevanceWeight). */
  weight: number;
  index: EditionIndex;
}

/** Builds the reader's model against one edition. Pure: the same reader and edition give the same scores. */
export function readerModel(edition: Edition, reader: ReaderState, options: ModelOptions = DEFAULT_MODEL): ReaderModel {
  const index = editionIndex(edition, options.prior);
  const liked = reader.votes.filter((v) => v.vote === 'more');
  const disliked = reader.votes.filter((v) => v.vote === 'less');
  const likedUnit = liked.map((v) => editionUnit(voteTerms(v), index));
  const dislikedUnit = disliked.map((v) => editionUnit(voteTerms(v), index));
  const follows = reader.interests.keywords.map((k) => editionUnit(phraseTerms(k), index));

  const rocchio = new Map<string, number>();
  const nearest = new Map<string, number>();
  if (options.kind !== 'nearest') {
    const profile: TermVector = new Map();
    const positives = likedUnit.length + options.followWeight * follows.length;
    for (const v of likedUnit) addScaled(profile, v, 1 / Math.max(1, positives));
    for (const v of follows) addScaled(profile, v, options.followWeight / Math.max(1, positives));
    for (const v of dislikedUnit) addScaled(profile, v, -options.negativeWeight / dislikedUnit.length);
    const n = norm(profile) || 1;
    for (const [id, u] of index.unit) rocchio.set(id, dot(profile, u) / n);
  }
  if (options.kind !== 'rocchio') {
    const best = (vs: TermVector[], id: string) =>
      vs.reduce((m, v) => Math.max(m, similarities(v, index).get(id) ?? 0), 0);
    for (const id of index.unit.keys()) {
      const pos = Math.max(best(likedUnit, id), options.followWeight * 0.5 * best(follows, id));
      nearest.set(id, pos - options.negativeWeight * best(dislikedUnit, id));
    }
  }
  const scaled = (m: Map<string, number>) => {
    const top = Math.max(0, ...m.values());
    return (id: string) => (top > 0 ? (m.get(id) ?? 0) / top : 0);
  };
  const [r, nn] = [scaled(rocchio), scaled(nearest)];
  const raw = new Map<string, number>();
  for (const id of index.unit.keys()) raw.set(id, r(id) + nn(id));
  const top = Math.max(0, ...raw.values());
  const relevance = (id: string) => (top > 0 ? Math.max(-1, Math.min(1, (raw.get(id) ?? 0) / top)) : 0);

  const signal = readerSignal(reader);
  const weight = (options.relevanceWeight * signal.total) / (signal.total + options.halfSignal);
  const nearestLiked = (id: string) => {
    if (!index.unit.has(id)) return undefined;
    let found: { vote: ReaderVote; similarity: number } | undefined;
    liked.forEach((vote, i) => {
      const similarity = similarities(likedUnit[i] ?? EMPTY, index).get(id) ?? 0;
      if (!found || similarity > found.similarity) found = { vote, similarity };
    });
    return found;
  };
  return { relevance, nearestLiked, weight, index };
}
