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

const texts = new WeakMap<EditionPaper, string>();

/** The text searched for followed and muted keywords (lowercased once per edition paper). */
export function searchText(ep: EditionPaper): string {
  let text = texts.get(ep);
  if (text === undefined) {
    const p = ep.paper;
    text = lower([p.title, p.abstract, p.aiSummary ?? '', ...(p.aiKeywords ?? [])].join(' \n '));
    texts.set(ep, text);
  }
  return text;
}

/** A paper's authors and organisation names, lowercased (once per edition paper). */
interface PaperNames {
  authors: Set<string>;
  orgs: Set<string>;
}
const names = new WeakMap<EditionPaper, PaperNames>();

function namesOf(ep: EditionPaper): PaperNames {
  let known = names.get(ep);
  if (!known) {
    const p = ep.paper;
    const orgs = [lower(p.organization?.name), lower(p.organization?.fullname)].filter((o) => o.length > 0);
    known = { authors: new Set(p.authors.map(lower)), orgs: new Set(orgs) };
    names.set(ep, known);
  }
  return known;
}

/** The followed author, organisation or keyword a paper matches (in that order), or undefined. */
export function followMatch(ep: EditionPaper, reader: ReaderState): string | undefined {
  const i = reader.interests;
  if (i.authors.length + i.organizations.length + i.keywords.length === 0) return undefined;
  const { authors, orgs } = namesOf(ep);
  const author = i.authors.find((a) => authors.has(lower(a)));
  if (author) return author;
  const org = i.organizations.find((o) => orgs.has(lower(o)));
  if (org) return org;
  if (i.keywords.length === 0) return undefined;
  const text = searchText(ep);
  return i.keywords.find((k) => text.includes(lower(k)));
}

/** True when the paper mentions a muted keyword. */
export function isMuted(ep: EditionPaper, reader: ReaderState): boolean {
  if (reader.interests.mutes.length === 0) return false;
  const text = searchText(ep);
  return reader.interests.mutes.some((m) => text.includes(lower(m)));
}

/**
 * The strongest reason: a follow ("You follow: ..."), then a liked paper it resembles ("Like ..., which you
 * liked"), then the terms that filed it under its section's theme ("Robotics: humanoid, locomotion"), then its
 * upvotes.
 */
export function whyLine(
  ep: EditionPaper,
  reader: ReaderState,
  model: ReaderModel,
  home: { id: ThemeId; label: string } | undefined,
): string {
  const follow = followMatch(ep, reader);
  if (follow) return cleanLine(`You follow: ${follow}`);
  const liked = model.nearestLiked(ep.paper.id);
  if (liked && liked.weight >= LIKE_WEIGHT && liked.paperId !== ep.paper.id) {
    return cleanLine(`Like "${liked.title}", which you liked`);
  }
  const matched = home ? (ep.classification.matched[home.id] ?? []).filter((t) => !t.startsWith('-')) : [];
  if (home && matched.length > 0) return cleanLine(`${home.label}: ${matched.slice(0, 3).join(', ')}`);
  const votes = ep.paper.upvotes;
  return `Trending: ${votes} upvote${votes === 1 ? '' : 's'}`;
}
