// "Why this paper": one short, clean line giving the strongest reason a paper is in a reader's digest.
import type { EditionPaper, ThemeId } from '../themes/index.ts';
import type { ReaderModel } from './model.ts';
import { cleanLine } from './lines.ts';
import type { ReaderState } from './types.ts';

/**
 * A liked paper is named as the reason when the paper shares a term with it at least this telling: the term's
 * log-odds in the reader's model (1: about e = 2.7 times as frequent among the liked papers as among the others).
 */
export const LIKE_WEIGHT = 1;

const lower = (s: string | undefined) => (s ?? '').toLowerCase();

// Kept per paper object: an edition's papers are shared by all of its readers, and a reader's re-scored copy of an
// edition paper keeps the same paper object.
const texts = new WeakMap<EditionPaper['paper'], string>();

/** The text searched for followed and muted keywords (lowercased once per edition paper). */
export function searchText(ep: EditionPaper): string {
  const p = ep.paper;
  let text = texts.get(p);
  if (text === undefined) {
    text = lower([p.title, p.abstract, p.aiSummary ?? '', ...(p.aiKeywords ?? [])].join(' \n '));
    texts.set(p, text);
  }
  return text;
}

/** A paper's authors and organisation names, lowercased (once per edition paper). */
interface PaperNames {
  authors: Set<string>;
  orgs: Set<string>;
}
const names = new WeakMap<EditionPaper['paper'], PaperNames>();

function namesOf(ep: EditionPaper): PaperNames {
  const p = ep.paper;
  let known = names.get(p);
  if (!known) {
    const orgs = [lower(p.organization?.name), lower(p.organization?.fullname)].filter((o) => o.length > 0);
    known = { authors: new Set(p.authors.map(lower)), orgs: new Set(orgs) };
    names.set(p, known);
  }
  return known;
}

/** A reader's follows and mutes as given and lowercased (once per reader, not once per paper). */
interface Lowered {
  authors: [string, string][];
  orgs: [string, string][];
  keywords: [string, string][];
  mutes: string[];
}
const lowered = new WeakMap<ReaderState['interests'], Lowered>();

function loweredOf(interests: ReaderState['interests']): Lowered {
  let known = lowered.get(interests);
  if (!known) {
    const pairs = (list: readonly string[]) => list.map((v): [string, string] => [v, lower(v)]);
    known = {
      authors: pairs(interests.authors),
      orgs: pairs(interests.organizations),
      keywords: pairs(interests.keywords),
      mutes: interests.mutes.map(lower),
    };
    lowered.set(interests, known);
  }
  return known;
}

/** The followed author, organisation or keyword a paper matches (in that order), or undefined. */
export function followMatch(ep: EditionPaper, reader: ReaderState): string | undefined {
  const i = reader.interests;
  if (i.authors.length + i.organizations.length + i.keywords.length === 0) return undefined;
  const follows = loweredOf(i);
  const { authors, orgs } = namesOf(ep);
  const author = follows.authors.find(([, a]) => authors.has(a));
  if (author) return author[0];
  const org = follows.orgs.find(([, o]) => orgs.has(o));
  if (org) return org[0];
  if (i.keywords.length === 0) return undefined;
  const text = searchText(ep);
  return follows.keywords.find(([, k]) => text.includes(k))?.[0];
}

/** True when the paper mentions a muted keyword. */
export function isMuted(ep: EditionPaper, reader: ReaderState): boolean {
  if (reader.interests.mutes.length === 0) return false;
  const text = searchText(ep);
  return loweredOf(reader.interests).mutes.some((m) => text.includes(m));
}

// Readers share most of their why lines (the same follows, liked papers and themes): each is cleaned once.
const cleaned = new Map<string, string>();

function cleanOnce(line: string): string {
  let clean = cleaned.get(line);
  if (clean === undefined) {
    clean = cleanLine(line);
    if (cleaned.size >= 10_000) cleaned.clear();
    cleaned.set(line, clean);
  }
  return clean;
}

/**
 * The strongest reason: a follow ("You follow: ..."), then a liked paper it resembles ("Like ..., which you
 * liked"), then the terms that filed it under its section's theme ("Robotics: humanoid, locomotion"), then its
 * upvotes.
 */
export function whyLine(
  ep: EditionPaper,
  /** What the reader follows that the paper matches (`followMatch`), if anything. */
  follow: string | undefined,
  model: ReaderModel,
  home: { id: ThemeId; label: string } | undefined,
): string {
  if (follow) return cleanOnce(`You follow: ${follow}`);
  const liked = model.nearestLiked(ep.paper.id);
  if (liked && liked.weight >= LIKE_WEIGHT && liked.paperId !== ep.paper.id) {
    return cleanOnce(`Like "${liked.title}", which you liked`);
  }
  const matched = home ? (ep.classification.matched[home.id] ?? []).filter((t) => !t.startsWith('-')) : [];
  if (home && matched.length > 0) return cleanOnce(`${home.label}: ${matched.slice(0, 3).join(', ')}`);
  const votes = ep.paper.upvotes;
  return `Trending: ${votes} upvote${votes === 1 ? '' : 's'}`;
}
