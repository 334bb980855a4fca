import { composeDigest } from '../../digest/index.ts';
import { preferencesSchema } from '../../subscribers/index.ts';
import type { Edition, EditionPaper } from '../../themes/index.ts';
import { cleanText, cutAtWord, safeHttpUrl } from '../../../templates/components/clean.ts';
import { coveredDates } from '../../../templates/digest/dates.ts';

/** One paper as the web edition and the feeds show it: clean text and checked http(s) URLs only. */
export interface WebPaper {
  /** The arXiv id, for the paper's anchor on the page. */
  id: string;
  title: string;
  /** "Ana Ruiz, Tom Weller and 9 more" */
  authors: string;
  organization?: string;
  summary: string;
  upvotes: number;
  comments: number;
  thumbnail?: string;
  links: { label: string; url: string }[];
  /** Where the title points: the paper's Hugging Face page (as in the email), else its arXiv page. */
  url?: string;
}

export interface WebSection {
  /** A theme id, or `also-trending`. */
  id: string;
  label: string;
  description: string;
  papers: WebPaper[];
}

/** What one web page (or one feed item) of an edition shows: the whole edition, or one theme of it. */
export interface WebEdition {
  date: string;
  /** "Monday 24 November 2025", or "Friday 21 – Sunday 23 November 2025" for a weekend. */
  span: string;
  /** Set for a theme's page. */
  theme?: { id: string; label: string };
  sections: WebSection[];
  paperCount: number;
  frozenAt: string;
}

export const ALSO_TRENDING_ID = 'also-trending';
const SHOWN_AUTHORS = 8;
const SUMMARY_CHARS = 600;
// Deep enough for any day (busy days have about 100 papers): the web shows the whole edition.
const WHOLE_SECTION = 10_000;

function authorsLine(names: readonly string[]): string {
  const clean = names.map(cleanText).filter((a) => a !== '');
  if (clean.length <= SHOWN_AUTHORS) return clean.join(', ');
  return `${clean.slice(0, SHOWN_AUTHORS).join(', ')} and ${clean.length - SHOWN_AUTHORS} more`;
}

function webPaper(ep: EditionPaper): WebPaper {
  const p = ep.paper;
  const links: { label: string; url: string }[] = [];
  const add = (label: string, value: string | undefined) => {
    const url = safeHttpUrl(value);
    if (url && !links.some((l) => l.url === url)) links.push({ label, url });
  };
  add('arXiv', p.links?.abs);
  add('PDF', p.links?.pdf);
  add('Hugging Face', p.links?.page);
  add('Code', p.links?.code ?? p.githubRepo);
  add('Project page', p.links?.project ?? p.projectPage);
  const url = safeHttpUrl(p.links?.page) ?? safeHttpUrl(p.links?.abs);
  const organization = cleanText(p.organization?.fullname ?? p.organization?.name);
  const thumbnail = safeHttpUrl(p.thumbnail);
  return {
    id: cleanText(p.id),
    title: cleanText(p.title) || '(untitled)',
    authors: authorsLine(p.authors ?? []),
    ...(organization ? { organization } : {}),
    summary: cutAtWord(cleanText(p.aiSummary) || cleanText(p.abstract), SUMMARY_CHARS),
    upvotes: p.upvotes ?? 0,
    comments: p.comments ?? 0,
    ...(thumbnail ? { thumbnail } : {}),
    links,
    ...(url ? { url } : {}),
  };
}

/**
 * The web edition: the non-personal digest of every theme (or of one theme), cut from the edition by the same
 * `composeDigest` the email uses, so its papers and their order are the email's. The email shows the first
 * `perTopic` papers of each section; the page shows them all (the email's "N more papers online" points here).
 * The whole edition ends with "Also trending"; a theme's page holds what a reader of that one theme receives.
 * Returns undefined for a theme the edition does not have.
 */
export function webEdition(edition: Edition & { frozenAt: string }, themeId?: string): WebEdition | undefined {
  const themes = edition.sections.map((s) => s.id);
  if (themeId !== undefined && !themes.includes(themeId)) return undefined;
  const prefs = {
    ...preferencesSchema.parse({
      topics: themeId === undefined ? themes : [themeId],
      alsoTrending: themeId === undefined,
    }),
    perTopic: WHOLE_SECTION,
  };
  const result = composeDigest(edition, prefs, { skipEmpty: false });
  if (result.kind !== 'digest') return undefined;
  const { digest } = result;
  const sections: WebSection[] = digest.sections.map((s) => ({
    id: s.id,
    label: cleanText(s.label),
    description: cleanText(s.description),
    papers: s.papers.map(webPaper),
  }));
  if (digest.alsoTrending.length > 0) {
    sections.push({
      id: ALSO_TRENDING_ID,
      label: 'Also trending',
      description: 'Popular papers outside these topics.',
      papers: digest.alsoTrending.map(webPaper),
    });
  }
  const theme = themeId === undefined ? undefined : sections.find((s) => s.id === themeId);
  return {
    date: edition.date,
    // Named as the email names them: a range only when the days follow each other.
    span: coveredDates(edition.days, edition.date).long,
    ...(theme ? { theme: { id: theme.id, label: theme.label } } : {}),
    sections,
    paperCount: sections.reduce((n, s) => n + s.papers.length, 0),
    frozenAt: edition.frozenAt,
  };
}
