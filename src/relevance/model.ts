// One reader's relevance model for one edition. Each term of the reader's liked papers (and followed keywords) is
// weighed by how much more often it is in what the reader liked than in everything else the model sees (the
// reader's disliked papers and the edition's papers): a smoothed log-odds, kept when positive. A paper's relevance
// is the sum of its few strongest such terms, so one telling term ("jailbreak", "humanoid") counts and a long tail
// of common ones does not. Chosen over a Rocchio profile (and others) by `npm run bench -- relevance`.
import type { Edition } from '../themes/index.ts';
import { editionIndex, type EditionIndex } from './edition-index.ts';
import { buildProfile, forEachProfileTerm } from './profile.ts';
import { paperTerms, phraseTerms, type PaperText } from './terms.ts';
import type { ReaderProfile, ReaderState, ReaderVote } from './types.ts';
import { encodeTerms, topTerms, VECTOR_TERMS } from './vector.ts';

export interface ModelOptions {
  /** A paper's relevance is the sum of the weights of its this-many strongest terms. */
  termsPerPaper: number;
  /** Added to every count, so a term seen in one liked paper is not taken for certain. */
  smoothing: number;
  /**
   * How much a paper's strongest "disliked only" term (in disliked papers, in no liked one) takes off its relevance,
   * as a share of that term's log-odds among the disliked papers.
   */
  dislikeWeight: number;
  /** A followed keyword counts as this many liked papers having its terms. */
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
}

/** The chosen model (see README, "Relevance", for the figures behind each value). */
export const DEFAULT_MODEL: ModelOptions = {
  termsPerPaper: 3,
  smoothing: 0.5,
  dislikeWeight: 0.5,
  followWeight: 2,
  relevanceWeight: 1,
  halfSignal: 2,
  minSignal: 2,
  forYouMinRelevance: 0.25,
  forYouSize: 5,
};

/** The vote as stored: with the voted paper's top `k` terms (what the model learns from). */
export function withTerms(vote: ReaderVote, paper: PaperText, k = VECTOR_TERMS): ReaderVote {
  return { ...vote, terms: encodeTerms(topTerms(paperTerms(paper), k)) };
}

/** The reader's profile: the stored one, else built from the votes (a reader loaded with their votes). */
export function profileOf(reader: ReaderState): ReaderProfile {
  return reader.profile ?? buildProfile(reader.votes);
}

/** How much the reader has told us: "more" votes and follows count 1, "less" votes 0.5. */
export function readerSignal(reader: ReaderState): { positive: number; total: number } {
  const i = reader.interests;
  const { likes, dislikes } = reader.profile ?? {
    likes: reader.votes.filter((v) => v.vote === 'more').length,
    dislikes: reader.votes.filter((v) => v.vote === 'less').length,
  };
  const positive = likes + i.keywords.length + i.authors.length + i.organizations.length;
  return { positive, total: positive + 0.5 * dislikes };
}

export interface ReaderModel {
  /** Relevance of an edition paper for this reader, in [-1, 1] (0 for an unknown id), 1 for the reader's best. */
  relevance(paperId: string): number;
  /** The liked paper behind the paper's strongest term (its id and short title), with that term's log-odds. */
  nearestLiked(paperId: string): { paperId: string; title: string; weight: number } | undefined;
  /** Weight of relevance against popularity for this reader (0..relevanceWeight). */
  weight: number;
  index: EditionIndex;
}

/** How many followed keywords have each term. */
function followTerms(keywords: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const k of keywords) for (const t of phraseTerms(k).keys()) out.set(t, (out.get(t) ?? 0) + 1);
  return out;
}

/** Builds the reader's model against one edition. Pure: the same reader and edition give the same scores. */
export function readerModel(edition: Edition, reader: ReaderState, options: ModelOptions = DEFAULT_MODEL): ReaderModel {
  const index = editionIndex(edition);
  const profile = profileOf(reader);
  const follows = followTerms(reader.interests.keywords);
  const n = index.ids.length;
  const k = Math.max(1, options.termsPerPaper);
  const a = options.smoothing;
  const fw = options.followWeight;
  const liked = profile.likes + fw * reader.interests.keywords.length;
  const disliked = profile.dislikes;
  const others = disliked + n;
  const strongest = new Float64Array(n * k);
  const penalty = new Float64Array(n);
  const reason = new Int32Array(n).fill(-1);
  const reasonWeight = new Float64Array(n);

  const like = (term: string, r: number, d: number, likedPaper: number) => {
    const papers = index.postings.get(term);
    if (!papers) return;
    const w = Math.log(((r + a) / (liked + 2 * a)) * ((others + 2 * a) / (d + papers.length + a)));
    if (!(w > 0)) return;
    for (const i of papers) {
      // Keep each paper's k strongest weights, largest first.
      let j = i * k + k - 1;
      if (w <= (strongest[j] ?? 0)) continue;
      while (j > i * k && w > (strongest[j - 1] ?? 0)) {
        strongest[j] = strongest[j - 1] ?? 0;
        j--;
      }
      strongest[j] = w;
      if (w > (reasonWeight[i] ?? 0)) {
        reasonWeight[i] = w;
        reason[i] = likedPaper;
      }
    }
  };
  // A term only disliked papers have: its log-odds among them against the liked papers and the edition.
  const dislike = (term: string, d: number) => {
    const papers = index.postings.get(term);
    if (!papers || options.dislikeWeight <= 0) return;
    const w = Math.log(((d + a) / (disliked + 2 * a)) * ((liked + n + 2 * a) / (papers.length + a)));
    if (!(w > 0)) return;
    for (const i of papers) penalty[i] = Math.max(penalty[i] ?? 0, options.dislikeWeight * w);
  };
  forEachProfileTerm(profile, (term, r, d, likedPaper) => {
    const f = follows.size > 0 ? (follows.get(term) ?? 0) : 0;
    if (f > 0) follows.delete(term);
    if (r + f > 0) like(term, r + fw * f, d, likedPaper);
    else dislike(term, d);
  });
  for (const [term, f] of follows) like(term, fw * f, 0, -1);

  const scores = new Float64Array(n);
  let top = 0;
  for (let i = 0; i < n; i++) {
    let s = -(penalty[i] ?? 0);
    for (let j = i * k; j < i * k + k; j++) s += strongest[j] ?? 0;
    scores[i] = s;
    if (s > top) top = s;
  }
  const position = index.position;
  const relevance = (id: string) => {
    const i = position.get(id);
    return i === undefined || top <= 0 ? 0 : Math.max(-1, (scores[i] ?? 0) / top);
  };
  const nearestLiked = (id: string) => {
    const i = position.get(id);
    const paper = i === undefined ? undefined : profile.liked[reason[i] ?? -1];
    return paper === undefined || i === undefined
      ? undefined
      : { paperId: paper[0], title: paper[1], weight: reasonWeight[i] ?? 0 };
  };
  const signal = readerSignal(reader);
  const weight = (options.relevanceWeight * signal.total) / (signal.total + options.halfSignal);
  return { relevance, nearestLiked, weight, index };
}
