import type { EditionPaper } from '../../src/themes/index.ts';
import { cleanText, safeHttpUrl } from '../components/clean.ts';
import { readableLatex } from '../components/latex.ts';
import { leadSentences } from '../components/sentences.ts';
import type { EmailLink } from '../types.ts';
import type { DigestLinks } from './props.ts';

/**
 * What the digest shows of one paper, worked out once and used by both engines and the plain text. Every string is
 * clean text (see `cleanText`, LaTeX made readable) and every URL a checked http(s) URL or a per-recipient value.
 */
export interface PaperView {
  id: string;
  title: string;
  /** The paper's page on Hugging Face; absent when the URL is not http(s) (the title then shows without a link). */
  url?: string;
  /** The paper's thumbnail (shown in a fixed box, `alt` = title); absent when the API gave none. */
  thumbnail?: string;
  /** "Ana Ruiz, Tom Weller, Keiko Tanabe et al." */
  authors: string;
  organization?: string;
  /** "214 upvotes" */
  stats: string;
  /** Why this reader sees this paper ("You follow: Sergey Levine"); only in a reader's own digest. */
  why?: string;
  /** The AI summary whole, else the abstract's first sentences: never cut inside a sentence. */
  summary: string;
  /** arXiv, PDF, discussion, code (with stars), project page (when it is not the code link). */
  links: EmailLink[];
  /** "More like this" / "Less like this", when the digest carries this reader's feedback links. */
  feedback: EmailLink[];
  /** A skeleton's stand-in: the block is written as this text alone (see `DigestSkeleton`). */
  slot?: string;
}

/** The size of the thumbnail box; the API's social thumbnails are about 1.85:1. */
export const THUMBNAIL = { width: 120, height: 65 } as const;

const MAX_AUTHORS = 3;
// An AI summary is one or two sentences (at most 355 characters on the real days) and shows whole; an abstract
// (when there is no AI summary) shows its first sentences up to about this many characters, at least one.
const SUMMARY_CHARS = 360;

// One formatter for every count: `toLocaleString` builds a new one on each call.
const COUNT = new Intl.NumberFormat('en-US');

export const plural = (n: number, one: string, many = `${one}s`) => `${COUNT.format(n)} ${n === 1 ? one : many}`;

/** 1843 -> "1.8k", 12400 -> "12k", 987 -> "987". */
function compactCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 9_950) return `${(Math.round(n / 100) / 10).toFixed(1).replace(/\.0$/, '')}k`;
  return `${Math.round(n / 1000)}k`;
}

/** Third-party text as the email shows it: cleaned, with its LaTeX fragments made readable. */
export function readable(value: string | undefined | null): string {
  return cleanText(readableLatex(cleanText(value)));
}

/** A URL reduced for comparison: no scheme, "www.", trailing slash, ".git", fragment or case. */
function sameTarget(a: string, b: string): boolean {
  const key = (u: string) => {
    const url = new URL(u);
    const path = url.pathname.replace(/\.git$/i, '').replace(/\/+$/, '');
    return `${url.hostname.replace(/^www\./i, '')}${path}${url.search}`.toLowerCase();
  };
  return key(a) === key(b);
}

function paperLinks(ep: EditionPaper): EmailLink[] {
  const p = ep.paper;
  const links: EmailLink[] = [];
  const abs = safeHttpUrl(p.links?.abs);
  if (abs) links.push({ label: 'arXiv', url: abs });
  const pdf = safeHttpUrl(p.links?.pdf);
  if (pdf) links.push({ label: 'PDF', url: pdf });
  const page = safeHttpUrl(p.links?.page);
  if (page) links.push({ label: `Discussion (${compactCount(p.comments ?? 0)})`, url: page });
  const code = safeHttpUrl(p.links?.code ?? p.githubRepo);
  if (code) {
    const stars = typeof p.githubStars === 'number' && p.githubStars > 0 ? ` (★ ${compactCount(p.githubStars)})` : '';
    links.push({ label: `Code${stars}`, url: code });
  }
  const project = safeHttpUrl(p.links?.project ?? p.projectPage);
  if (project && !(code && sameTarget(project, code))) links.push({ label: 'Project page', url: project });
  return links;
}

type PaperContent = Omit<PaperView, 'why' | 'feedback' | 'slot'>;

// What a paper shows is the same in every reader's digest: worked out once per paper object (an edition's papers
// are shared by all of its readers, and a reader's re-scored copy of an edition paper keeps the same paper object),
// so a per-reader digest costs its why lines and links, not its summaries.
const contents = new WeakMap<EditionPaper['paper'], PaperContent>();

function paperContent(ep: EditionPaper): PaperContent {
  const p = ep.paper;
  let content = contents.get(p);
  if (content) return content;
  const authors = (p.authors ?? []).map(readable).filter((a) => a !== '');
  const shown = authors.slice(0, MAX_AUTHORS).join(', ');
  const summary = readable(p.aiSummary) || leadSentences(readable(p.abstract), SUMMARY_CHARS);
  const url = safeHttpUrl(p.links?.page);
  const thumbnail = safeHttpUrl(p.thumbnail);
  const organization = readable(p.organization?.fullname ?? p.organization?.name);
  content = {
    id: cleanText(p.id),
    title: readable(p.title) || '(untitled)',
    ...(url ? { url } : {}),
    ...(thumbnail ? { thumbnail } : {}),
    authors: authors.length > MAX_AUTHORS ? `${shown} et al.` : shown,
    ...(organization ? { organization } : {}),
    stats: plural(p.upvotes ?? 0, 'upvote'),
    summary,
    links: paperLinks(ep),
  };
  contents.set(p, content);
  return content;
}

// A paper's view with the same frozen links (the assembler's stand-ins) and why line is the same for every reader:
// kept per links object and paper, a few why lines each (the oldest forgotten), so a reader's digest reuses it.
const VIEWS_PER_PAPER = 64;
const views = new WeakMap<DigestLinks, WeakMap<EditionPaper['paper'], Map<string, PaperView>>>();

/** One paper as the digest shows it. */
export function paperView(ep: EditionPaper, links: DigestLinks, why: string | undefined): PaperView {
  if (!Object.isFrozen(links)) return buildPaperView(ep, links, why);
  let byPaper = views.get(links);
  if (!byPaper) {
    byPaper = new WeakMap();
    views.set(links, byPaper);
  }
  let byWhy = byPaper.get(ep.paper);
  if (!byWhy) {
    byWhy = new Map();
    byPaper.set(ep.paper, byWhy);
  }
  const key = why ?? '';
  let view = byWhy.get(key);
  if (!view) {
    view = Object.freeze(buildPaperView(ep, links, why));
    if (byWhy.size >= VIEWS_PER_PAPER) byWhy.delete(byWhy.keys().next().value as string);
    byWhy.set(key, view);
  }
  return view;
}

function buildPaperView(ep: EditionPaper, links: DigestLinks, why: string | undefined): PaperView {
  const p = ep.paper;
  const { summary, ...content } = paperContent(ep);
  const reason = cleanText(why);
  const more = links.feedbackUrl?.(p.id, 'more');
  const less = links.feedbackUrl?.(p.id, 'less');
  return {
    ...content,
    ...(reason ? { why: reason } : {}),
    summary,
    links: [...content.links],
    feedback:
      more && less
        ? [
            { label: 'More like this', url: more },
            { label: 'Less like this', url: less },
          ]
        : [],
  };
}
