// A reader's votes summed for the model: for each term of the voted papers, how many liked and how many disliked
// papers have it, and the latest liked paper with it (named in why lines). Rebuilt from the votes on each change and
// stored next to them (reader-store.ts), so a digest reads a few KB instead of up to MAX_VOTES vote records.
// Bounded: PROFILE_TERMS liked terms and PROFILE_DISLIKED_TERMS disliked-only terms, those in the most papers.
import { shortTitle } from './lines.ts';
import { PROFILE_DISLIKED_TERMS, PROFILE_TERMS, type ReaderProfile, type ReaderVote } from './types.ts';
import { decodeTerms } from './vector.ts';

export const EMPTY_PROFILE: ReaderProfile = Object.freeze({ likes: 0, dislikes: 0, terms: '', liked: [] });

interface Count {
  term: string;
  /** Liked papers with the term. */
  r: number;
  /** Disliked papers with the term. */
  d: number;
  /** The latest liked vote with the term (its position in the sorted votes), -1 for none. */
  latest: number;
}

/** Oldest first, ties by paper id: the order the store returns votes in, whatever order they are given in. */
function chronological(a: ReaderVote, b: ReaderVote): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.paperId < b.paperId ? -1 : a.paperId > b.paperId ? 1 : 0;
}

/** More papers first, then the more recent liked paper, then alphabetically: the same votes give the same profile. */
function byStrength(key: (c: Count) => number) {
  return (a: Count, b: Count) =>
    key(b) - key(a) || b.latest - a.latest || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);
}

/** Sums the votes into a profile. Pure and deterministic. */
export function buildProfile(votes: readonly ReaderVote[]): ReaderProfile {
  if (votes.length === 0) return { ...EMPTY_PROFILE, liked: [] };
  const sorted = [...votes].sort(chronological);
  const counts = new Map<string, Count>();
  let likes = 0;
  let dislikes = 0;
  sorted.forEach((vote, i) => {
    const more = vote.vote === 'more';
    if (more) likes++;
    else dislikes++;
    for (const term of new Set(decodeTerms(vote.terms ?? ''))) {
      let c = counts.get(term);
      if (!c) {
        c = { term, r: 0, d: 0, latest: -1 };
        counts.set(term, c);
      }
      if (more) {
        c.r++;
        c.latest = i;
      } else c.d++;
    }
  });
  const all = [...counts.values()];
  const likedTerms = all
    .filter((c) => c.r > 0)
    .sort(byStrength((c) => c.r))
    .slice(0, PROFILE_TERMS);
  const dislikedOnly = all
    .filter((c) => c.r === 0)
    .sort(byStrength((c) => c.d))
    .slice(0, PROFILE_DISLIKED_TERMS);

  const liked: [string, string][] = [];
  const slot = new Map<number, number>();
  const parts: string[] = [];
  for (const c of likedTerms) {
    let o = slot.get(c.latest);
    if (o === undefined) {
      const vote = sorted[c.latest];
      if (!vote) continue;
      o = liked.length;
      slot.set(c.latest, o);
      liked.push([vote.paperId, shortTitle(vote.title)]);
    }
    parts.push(`${c.term}=${c.r},${c.d},${o}`);
  }
  for (const c of dislikedOnly) parts.push(`${c.term}=0,${c.d}`);
  return { likes, dislikes, terms: parts.join(';'), liked };
}

/**
 * Calls `visit` for each term of the profile: liked papers with it, disliked papers with it, and the index in
 * `profile.liked` of the latest liked paper with it (-1 for a term only disliked papers have). Malformed parts are
 * skipped (a stored profile is checked by its schema, not its terms' grammar).
 */
export function forEachProfileTerm(
  profile: ReaderProfile,
  visit: (term: string, r: number, d: number, likedPaper: number) => void,
): void {
  // Scanned by hand rather than split: this runs for every reader of every edition at send time.
  const s = profile.terms;
  const n = s.length;
  let start = 0;
  while (start < n) {
    let end = s.indexOf(';', start);
    if (end < 0) end = n;
    const eq = s.lastIndexOf('=', end - 1);
    if (eq > start) {
      // Up to three comma-separated counts; anything but digits and commas makes the part malformed.
      let r = -1;
      let d = -1;
      let o = -1;
      let field = 0;
      for (let i = eq + 1; i < end && field < 3; i++) {
        const c = s.charCodeAt(i);
        if (c === 44) field++;
        else if (c >= 48 && c <= 57) {
          if (field === 0) r = Math.max(0, r) * 10 + (c - 48);
          else if (field === 1) d = Math.max(0, d) * 10 + (c - 48);
          else o = Math.max(0, o) * 10 + (c - 48);
        } else {
          field = 3;
          r = -1;
        }
      }
      if (r >= 0 && d >= 0 && r + d > 0) visit(s.slice(start, eq), r, d, r > 0 && o >= 0 ? o : -1);
    }
    start = end + 1;
  }
}
