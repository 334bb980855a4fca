import type { EditionPaper } from '../../src/themes/index.ts';
import type { DigestEmailProps } from './props.ts';
import { cleanText, cutAtWord, safeHttpUrl } from '../components/clean.ts';
import type { FooterContent } from '../components/footer.ts';
import type { EmailLink } from '../types.ts';
import { coveredDates } from './dates.ts';

/**
 * What the digest shows, worked out once from the digest and used by both engines and the plain text. Every string
 * here is clean text (see `cleanText`) and every URL a checked http(s) URL or a per-recipient placeholder.
 */
export interface PaperView {
  title: string;
  /** The paper's page; absent when the URL is not http(s) (the title then shows without a link). */
  url?: string;
  /** "Ana Ruiz, Tom Weller, Keiko Tanabe et al." */
  authors: string;
  organization?: string;
  /** "214 upvotes · 18 comments" */
  stats: string;
  summary: string;
  links: EmailLink[];
}

export interface SectionView {
  id: string;
  label: string;
  description: string;
  papers: PaperView[];
  /** Shown in place of papers when a chosen topic has none: "No new Visual RL papers today". */
  emptyNote?: string;
}

export interface DigestView {
  subject: string;
  preheader: string;
  /** "Monday 24 November 2025"; "Friday 21 – Sunday 23 November 2025" for an edition of a weekend. */
  dateLong: string;
  /** "11 papers in your topics" */
  countLine: string;
  /** "Visual RL (5) · Robotics (3) · Also trending (3)": the sections with papers. */
  contents: string;
  /** One per chosen topic, in order; an empty one carries `emptyNote`. */
  sections: SectionView[];
  alsoTrending?: SectionView;
  footer: FooterContent;
}

const MAX_AUTHORS = 3;
const SUMMARY_CHARS = 180;

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** 1843 -> "1.8k", 12400 -> "12k", 987 -> "987". */
function compactCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 9_950) return `${(Math.round(n / 100) / 10).toFixed(1).replace(/\.0$/, '')}k`;
  return `${Math.round(n / 1000)}k`;
}

/** A short name for the subject line: the part before a colon when it is short, else the first words. */
function shortTitle(title: string): string {
  const clean = cleanText(title);
  const head = clean.split(':')[0]?.trim() ?? clean;
  if (head.length >= 2 && head.length <= 32 && head !== clean) return head;
  if (clean.length <= 32) return clean;
  const words = cutAtWord(clean, 32).replace(/…$/, '').split(' ');
  while (words.length > 1 && STOP_WORDS.has(words.at(-1)!.toLowerCase())) words.pop();
  return `${words.join(' ')}…`;
}

// Words a shortened title should not end on.
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'is',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
]);

function paperView(ep: EditionPaper): PaperView {
  const p = ep.paper;
  const authors = (p.authors ?? []).map(cleanText).filter((a) => a !== '');
  const shown = authors.slice(0, MAX_AUTHORS).join(', ');
  const summarySource = cleanText(p.aiSummary) || cleanText(p.abstract);
  const links: EmailLink[] = [];
  const pdf = safeHttpUrl(p.links?.pdf);
  if (pdf) links.push({ label: 'PDF', url: pdf });
  const code = safeHttpUrl(p.links?.code ?? p.githubRepo);
  if (code) {
    const stars = typeof p.githubStars === 'number' && p.githubStars > 0 ? ` (★ ${compactCount(p.githubStars)})` : '';
    links.push({ label: `Code${stars}`, url: code });
  }
  const project = safeHttpUrl(p.links?.project ?? p.projectPage);
  if (project) links.push({ label: 'Project page', url: project });
  const url = safeHttpUrl(p.links?.page);
  const organization = cleanText(p.organization?.fullname ?? p.organization?.name);
  return {
    title: cleanText(p.title) || '(untitled)',
    ...(url ? { url } : {}),
    authors: authors.length > MAX_AUTHORS ? `${shown} et al.` : shown,
    ...(organization ? { organization } : {}),
    stats: `${plural(p.upvotes ?? 0, 'upvote')} · ${plural(p.comments ?? 0, 'comment')}`,
    summary: cutAtWord(summarySource, SUMMARY_CHARS),
    links,
  };
}

function subjectOf(props: DigestEmailProps, when: string): string {
  const { digest } = props;
  const inTopics = digest.sections.flatMap((s) => s.papers);
  const pool = inTopics.length > 0 ? inTopics : digest.alsoTrending;
  const top = [...pool].sort((a, b) => b.score - a.score || a.paper.id.localeCompare(b.paper.id)).slice(0, 2);
  const names = top.map((ep) => shortTitle(ep.paper.title));
  const where = inTopics.length > 0 ? 'in your topics' : 'trending today';
  const total = inTopics.length > 0 ? digest.paperCount : pool.length;
  const rest = total - names.length;
  if (names.length === 0) return `Daily Papers, ${when}: nothing new in your topics`;
  const lead = rest > 0 ? `${names.join(', ')} and ${rest} more` : names.join(' and ');
  return `Daily Papers, ${when}: ${lead} ${where}`;
}

function preheaderOf(countLine: string, labels: string[], alsoTrending: SectionView | undefined): string {
  const topics = labels.length > 0 ? `${countLine}: ${labels.join(', ')}.` : `${countLine}.`;
  return alsoTrending ? `${topics} Plus ${plural(alsoTrending.papers.length, 'paper')} trending elsewhere.` : topics;
}

/** Works out everything the digest shows from the template props. */
export function buildDigestView(props: DigestEmailProps): DigestView {
  const { digest, context, links } = props;
  const dates = coveredDates(digest.days, digest.date);
  // "today" for one list day (as the rest of the email says), "in these 3 days" for a weekend's edition.
  const period = dates.count === 1 ? 'today' : `in these ${dates.count} days`;
  const sections: SectionView[] = digest.sections.map((s) => {
    const label = cleanText(s.label);
    return {
      id: cleanText(s.id),
      label,
      description: cleanText(s.description),
      papers: s.papers.map(paperView),
      ...(s.papers.length === 0 ? { emptyNote: `No new ${label} papers ${period}.` } : {}),
    };
  });
  const filled = sections.filter((s) => s.papers.length > 0);
  const alsoTrending: SectionView | undefined =
    digest.alsoTrending.length > 0
      ? {
          id: 'also-trending',
          label: 'Also trending',
          description: 'Popular today outside your topics.',
          papers: digest.alsoTrending.map(paperView),
        }
      : undefined;
  const labels = filled.map((s) => s.label);
  const contents = [...filled, ...(alsoTrending ? [alsoTrending] : [])]
    .map((s) => `${s.label} (${s.papers.length})`)
    .join(' · ');
  // Every chosen topic, with papers this time or not: the reader's subscription, not today's luck.
  const topics = sections.map((s) => s.label);
  const why =
    cleanText(context.why) ||
    (topics.length > 0
      ? `You get this because you subscribed to the Paperboy daily digest for: ${topics.join(', ')}.`
      : 'You get this because you subscribed to the Paperboy daily digest.');
  const countLine =
    digest.paperCount > 0
      ? `${plural(digest.paperCount, 'paper')} in your topics`
      : `No new papers in your topics ${period}`;
  return {
    subject: subjectOf(props, dates.short),
    preheader: preheaderOf(countLine, labels, alsoTrending),
    dateLong: dates.long,
    countLine,
    contents,
    sections,
    ...(alsoTrending ? { alsoTrending } : {}),
    footer: {
      why,
      links: [
        { label: 'Manage your topics', url: links.manageUrl },
        { label: 'Unsubscribe', url: links.unsubscribeUrl },
        ...(safeHttpUrl(context.publicBaseUrl)
          ? [{ label: 'Paperboy', url: safeHttpUrl(context.publicBaseUrl)! }]
          : []),
      ],
      postalAddress: cleanText(context.postalAddress),
    },
  };
}
