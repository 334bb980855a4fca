import type { DigestEmailProps } from './props.ts';
import { cleanText, safeHttpUrl } from '../components/clean.ts';
import type { FooterContent } from '../components/footer.ts';
import type { EmailLink } from '../types.ts';
import { coveredDates } from './dates.ts';
import { paperView, plural, type PaperView } from './paper-view.ts';
import { digestPreheader, digestSubject } from './subject.ts';

export type { PaperView } from './paper-view.ts';

/**
 * What the digest shows, worked out once from the digest and used by both engines and the plain text. Every string
 * here is clean text (see `cleanText`) and every URL a checked http(s) URL or a per-recipient placeholder.
 */
export interface SectionView {
  id: string;
  label: string;
  description: string;
  papers: PaperView[];
  /** Shown in place of papers when a chosen topic has none: "No new Visual RL papers today". */
  emptyNote?: string;
  /** A skeleton's stand-in: the block is written as this text alone (see `DigestSkeleton`). */
  slot?: string;
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
  /** This edition on the web ("View in browser"); absent when the base URL is not http(s). */
  webEdition?: string;
  /** A reader's own digest: the papers picked for them, shown first. */
  forYou?: SectionView;
  /** One per chosen topic, in order; an empty one carries `emptyNote`. */
  sections: SectionView[];
  alsoTrending?: SectionView;
  /** "12 more papers online", linking to the web edition, when the size guard left papers out. */
  moreOnline?: EmailLink;
  footer: FooterContent;
}

/** `${publicBaseUrl}/editions/${date}`, the web edition of the digest's date. */
export function webEditionUrl(publicBaseUrl: string, date: string): string | undefined {
  const base = safeHttpUrl(publicBaseUrl);
  return base ? `${base.replace(/\/+$/, '')}/editions/${encodeURIComponent(date)}` : undefined;
}

/** Every paper block of the digest in reading order: "For you", the sections, "Also trending". */
export function readingOrder(v: Pick<DigestView, 'forYou' | 'sections' | 'alsoTrending'>): PaperView[] {
  return [...(v.forYou?.papers ?? []), ...v.sections.flatMap((s) => s.papers), ...(v.alsoTrending?.papers ?? [])];
}

/** The section blocks of the digest in reading order: "For you", the sections, "Also trending". */
export function sectionOrder(v: Pick<DigestView, 'forYou' | 'sections' | 'alsoTrending'>): SectionView[] {
  return [...(v.forYou ? [v.forYou] : []), ...v.sections, ...(v.alsoTrending ? [v.alsoTrending] : [])];
}

// The subject, preheader, text and HTML each need the view of the same digest and links: work it out once.
const views = new WeakMap<object, { links: object; context: object; view: DigestView }>();

/** Works out everything the digest shows from the template props (once per digest, links and context). */
export function buildDigestView(props: DigestEmailProps): DigestView {
  const known = views.get(props.digest);
  let view = known && known.links === props.links && known.context === props.context ? known.view : undefined;
  if (!view) {
    view = digestView(props);
    views.set(props.digest, { links: props.links, context: props.context, view });
  }
  return props.skeleton ? skeletonView(view, props.skeleton) : view;
}

/**
 * The view with the skeleton's stand-ins: its subject, preheader, count line and contents, and each section block as
 * its slot (the assembler renders the sections, and their papers, as pieces of their own).
 */
function skeletonView(view: DigestView, skeleton: NonNullable<DigestEmailProps['skeleton']>): DigestView {
  let position = 0;
  const slotted = (s: SectionView): SectionView => ({ ...s, papers: [], slot: skeleton.section(position++) });
  const forYou = view.forYou && slotted(view.forYou);
  const sections = view.sections.map(slotted);
  const alsoTrending = view.alsoTrending && slotted(view.alsoTrending);
  return {
    ...view,
    subject: skeleton.subject,
    preheader: skeleton.preheader,
    countLine: skeleton.countLine,
    contents: skeleton.contents,
    ...(forYou ? { forYou } : {}),
    sections,
    ...(alsoTrending ? { alsoTrending } : {}),
  };
}

function digestView(props: DigestEmailProps): DigestView {
  const { digest, context, links } = props;
  const dates = coveredDates(digest.days, digest.date);
  // "today" for one list day (as the rest of the email says), "in these 3 days" for a weekend's edition.
  const period = dates.count === 1 ? 'today' : `in these ${dates.count} days`;
  const view = (papers: typeof digest.alsoTrending) =>
    papers.map((ep) => paperView(ep, links, digest.why?.[ep.paper.id]));
  const sections: SectionView[] = digest.sections.map((s) => {
    const label = cleanText(s.label);
    return {
      id: cleanText(s.id),
      label,
      description: cleanText(s.description),
      papers: view(s.papers),
      ...(s.papers.length === 0 ? { emptyNote: `No new ${label} papers ${period}.` } : {}),
    };
  });
  const forYou: SectionView | undefined =
    digest.forYou && digest.forYou.length > 0
      ? {
          id: 'for-you',
          label: 'For you',
          description: 'Picked from today for what you follow.',
          papers: view(digest.forYou),
        }
      : undefined;
  const filled = sections.filter((s) => s.papers.length > 0);
  const alsoTrending: SectionView | undefined =
    digest.alsoTrending.length > 0
      ? {
          id: 'also-trending',
          label: 'Also trending',
          description: 'Popular today outside your topics.',
          papers: view(digest.alsoTrending),
        }
      : undefined;
  const contents = [...(forYou ? [forYou] : []), ...filled, ...(alsoTrending ? [alsoTrending] : [])]
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
  const webEdition = webEditionUrl(context.publicBaseUrl, digest.date);
  const hidden = digest.hiddenPapers ?? 0;
  const leads = [
    ...(digest.forYou?.[0] ? [{ label: 'for you', paper: digest.forYou[0] }] : []),
    ...digest.sections.flatMap((s) => (s.papers[0] ? [{ label: cleanText(s.label), paper: s.papers[0] }] : [])),
  ];
  return {
    subject: digestSubject(
      digest.forYou ?? [],
      digest.sections.flatMap((s) => s.papers),
      digest.alsoTrending,
      dates.short,
    ),
    preheader: digestPreheader(leads, digest.alsoTrending, period),
    dateLong: dates.long,
    countLine,
    contents,
    ...(webEdition ? { webEdition } : {}),
    ...(forYou ? { forYou } : {}),
    sections,
    ...(alsoTrending ? { alsoTrending } : {}),
    ...(hidden > 0 && webEdition
      ? { moreOnline: { label: `${plural(hidden, 'more paper')} online`, url: webEdition } }
      : {}),
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
