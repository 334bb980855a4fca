import { composeDigest, type ComposeResult } from '../digest/index.ts';
import type { Preferences } from '../subscribers/index.ts';
import type { Edition, EditionPaper } from '../themes/index.ts';
import { isColdStart, type ReaderState } from './types.ts';

export interface PersonalDigestInput {
  edition: Edition;
  prefs: Preferences;
  /** The reader's signals; undefined or empty gives the profile's digest (cold start). */
  reader: ReaderState | undefined;
  skipEmpty: boolean;
}

/** The most papers in "For you". */
export const FOR_YOU_SIZE = 3;

const lower = (s: string | undefined) => (s ?? '').toLowerCase();

function paperText(ep: EditionPaper): string {
  const p = ep.paper;
  return lower([p.title, p.abstract, p.aiSummary ?? '', ...(p.aiKeywords ?? [])].join(' \n '));
}

/** The strongest follow reason for a paper, or undefined. */
function followReason(ep: EditionPaper, reader: ReaderState): string | undefined {
  const p = ep.paper;
  const authors = p.authors.map(lower);
  const author = reader.interests.authors.find((a) => authors.includes(lower(a)));
  if (author) return `You follow: ${author}`;
  const org = reader.interests.organizations.find((o) =>
    [lower(p.organization?.name), lower(p.organization?.fullname)].includes(lower(o)),
  );
  if (org) return `You follow: ${org}`;
  const text = paperText(ep);
  const keyword = reader.interests.keywords.find((k) => text.includes(lower(k)));
  return keyword ? `You follow: ${keyword}` : undefined;
}

function isMuted(ep: EditionPaper, reader: ReaderState): boolean {
  const text = paperText(ep);
  return reader.interests.mutes.some((m) => text.includes(lower(m)));
}

/**
 * One reader's digest of an edition: the profile's digest (composeDigest) with muted papers removed, papers
 * matching the reader's follows first in their sections and the best of them under "For you", each with a
 * reason. A reader with no signal gets exactly the profile's digest.
 */
export function personalDigest(input: PersonalDigestInput): ComposeResult {
  const { edition, prefs, reader } = input;
  if (!reader || isColdStart(reader)) return composeDigest(edition, prefs, { skipEmpty: input.skipEmpty });
  const visible = (papers: EditionPaper[]) => papers.filter((p) => !isMuted(p, reader));
  const filtered: Edition = {
    ...edition,
    sections: edition.sections.map((s) => ({ ...s, papers: visible(s.papers) })),
    other: visible(edition.other),
  };
  const composed = composeDigest(filtered, prefs, { skipEmpty: input.skipEmpty });
  if (composed.kind === 'skip') return composed;
  const digest = composed.digest;
  const why: Record<string, string> = {};
  const all = [...digest.sections.flatMap((s) => s.papers), ...digest.alsoTrending];
  for (const ep of all) {
    const reason = followReason(ep, reader);
    if (reason) why[ep.paper.id] = reason;
  }
  const forYou = all.filter((ep) => why[ep.paper.id] !== undefined).slice(0, FOR_YOU_SIZE);
  const picked = new Set(forYou.map((ep) => ep.paper.id));
  const rest = (papers: EditionPaper[]) => papers.filter((p) => !picked.has(p.paper.id));
  const sections = digest.sections.map((s) => ({ ...s, papers: rest(s.papers) }));
  return {
    kind: 'digest',
    digest: {
      ...digest,
      sections,
      alsoTrending: rest(digest.alsoTrending),
      paperCount: forYou.length + sections.reduce((n, s) => n + s.papers.length, 0),
      ...(forYou.length > 0 ? { forYou } : {}),
      why,
    },
  };
}
