// "Why this paper": one short, clean line giving the strongest reason a paper is in a reader's digest.
import type { EditionPaper, ThemeId } from '../themes/index.ts';
import type { ReaderModel } from './model.ts';
import type { ReaderState } from './types.ts';

/** The longest why line. */
export const MAX_WHY_LENGTH = 90;

/** A liked paper is named as the reason when the paper is at least this similar to it (tf-idf cosine). */
export const LIKE_SIMILARITY = 0.15;

const lower = (s: string | undefined) => (s ?? '').toLowerCase();

/** Collapses whitespace, drops control characters, and cuts at a word boundary with an ellipsis. */
export function cleanLine(text: string, max = MAX_WHY_LENGTH): string {
  const flat = text
    // eslint-disable-next-line no-control-regex -- control characters never belong in a one-line reason
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/** A paper's short name: the part before a colon when there is one ("Genie 3: ..." -> "Genie 3"), else cut. */
export function shortTitle(title: string, max = 40): string {
  const colon = title.indexOf(':');
  const head = colon >= 2 && colon <= max ? title.slice(0, colon) : title;
  return cleanLine(head, max);
}

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

/** The followed author, organisation or keyword a paper matches (in that order), or undefined. */
export function followMatch(ep: EditionPaper, reader: ReaderState): string | undefined {
  const p = ep.paper;
  const authors = p.authors.map(lower);
  const author = reader.interests.authors.find((a) => authors.includes(lower(a)));
  if (author) return author;
  const orgs = [lower(p.organization?.name), lower(p.organization?.fullname)].filter((o) => o.length > 0);
  const org = reader.interests.organizations.find((o) => orgs.includes(lower(o)));
  if (org) return org;
  const text = searchText(ep);
  return reader.interests.keywords.find((k) => text.includes(lower(k)));
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
  if (liked && liked.similarity >= LIKE_SIMILARITY && liked.vote.paperId !== ep.paper.id) {
    return cleanLine(`Like "${shortTitle(liked.vote.title)}", which you liked`);
  }
  const matched = home ? (ep.classification.matched[home.id] ?? []).filter((t) => !t.startsWith('-')) : [];
  if (home && matched.length > 0) return cleanLine(`${home.label}: ${matched.slice(0, 3).join(', ')}`);
  const votes = ep.paper.upvotes;
  return `Trending: ${votes} upvote${votes === 1 ? '' : 's'}`;
}
