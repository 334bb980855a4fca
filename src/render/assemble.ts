import { escapeHtml, safeHttpUrl, wellFormed } from '../../templates/components/clean.ts';
import {
  digestTemplate,
  sectionOrder,
  type DigestEmailProps,
  type DigestSkeleton,
  type DigestView,
  type PaperView,
  type SectionView,
} from '../../templates/index.ts';
import type { Digest } from '../digest/index.ts';
import { ValidationError } from '../shared/errors.ts';
import { FEEDBACK_PAPER_ID } from '../subscribers/index.ts';
import { renderBlock, renderHtml } from './engines.ts';
import { PlaceholderError } from './errors.ts';
import type { SplicedPart } from './placeholders.ts';
import { cut, S, spliceInto, Splicer, token, type Key, type Named, type Piece } from './pieces.ts';
import type { DigestRenderContext, TemplateEngine } from './types.ts';

// A reader's digest, assembled rather than rendered: each shape of digest (which sections, how many papers in
// each, "For you", the footer) is rendered once as a skeleton whose paper blocks, subject and preheader are
// stand-ins, and each paper block once per edition (per why line); a reader's email is the skeleton with the
// reader's blocks and values spliced in. The stand-ins are U+E000 placeholders, which no paper text can produce
// (see placeholders.ts), and every value is escaped for HTML as it goes in.

/** React separates adjacent text with `<!-- -->`; between two blocks the whole email has no such comment. */
const BETWEEN_SLOTS = /(\uE000(?:paper|section)_\d+\uE000)<!-- -->(?=\uE000(?:paper|section)_)/g;

/** The links every skeleton and paper block is rendered with: stand-ins for the reader's own. */
const STAND_IN_LINKS: DigestEmailProps['links'] = Object.freeze({
  manageUrl: token('manage_url'),
  unsubscribeUrl: token('unsubscribe_url'),
  // A paper whose id a feedback token cannot carry gets no feedback links (rather than an email that never leaves).
  feedbackUrl: (paperId: string, vote: 'more' | 'less') =>
    FEEDBACK_PAPER_ID.test(paperId) ? token(`feedback_${vote}`) : undefined,
});

const SKELETON: DigestSkeleton = Object.freeze({
  subject: token('subject'),
  preheader: token('preheader'),
  countLine: token('count_line'),
  contents: token('contents'),
  section: (position: number) => token(`section_${position}`),
});

const NO_CONTENTS: DigestSkeleton = Object.freeze({ ...SKELETON, contents: '' });

const SKELETON_KEYS = new Set([
  'manage_url',
  'unsubscribe_url',
  'subject',
  'preheader',
  'count_line',
  'contents',
  'section',
]);
const SECTION_KEYS = new Set(['paper']);
const BLOCK_KEYS = new Set(['feedback_more', 'feedback_less']);
const FRAME_TEXT_KEYS = new Set(['manage_url', 'unsubscribe_url']);

/** A reader's own links. */
export interface ReaderLinks {
  manageUrl: string;
  unsubscribeUrl: string;
  feedbackUrl: (paperId: string, vote: 'more' | 'less') => string;
}

/** One reader's digest: subject and preheader, and the HTML and text in spliced form (see SplicedPart). */
export interface AssembledDigest {
  subject: string;
  preheader: string;
  html: SplicedPart;
  text: SplicedPart;
  /** The HTML's size in UTF-8 bytes. */
  htmlBytes: number;
}

/** React writes an apostrophe as `&#x27;`: escaping the same way keeps an assembled email the rendered one's bytes. */
function escapeLikeReact(value: string): string {
  const escaped = escapeHtml(value);
  return escaped.includes('&#39;') ? escaped.replaceAll('&#39;', '&#x27;') : escaped;
}

// A reader's links are a few fixed pages with a signed token each ("https://host/feedback?token=<base64url>.<mac>"):
// once one such URL is known to be its own normal form, the next with the same page and a token of URL-safe
// characters is too, without parsing it again (dozens of links per reader).
const CHECKED_PAGES = new Set<string>();
const TOKEN_QUERY = /^\?token=[A-Za-z0-9_.-]+$/;

function checkedUrl(value: string, field: string): string {
  const q = value.indexOf('?');
  if (q > 0 && CHECKED_PAGES.has(value.slice(0, q)) && TOKEN_QUERY.test(value.slice(q))) return value;
  const url = safeHttpUrl(value);
  if (url === undefined) throw new ValidationError(`${field} must be an absolute http(s) URL`, field);
  if (url === value && q > 0 && TOKEN_QUERY.test(value.slice(q)) && CHECKED_PAGES.size < 100)
    CHECKED_PAGES.add(value.slice(0, q));
  return url;
}

/** A map that forgets its oldest entry when full. */
function remember<V>(map: Map<string, V>, key: string, value: V, max: number): V {
  if (map.size >= max) map.delete(map.keys().next().value as string);
  map.set(key, value);
  return value;
}

/**
 * Assembles readers' digests of one edition in one engine. Skeletons and paper blocks are kept (bounded), so a
 * worker renders each shape and each paper block once per edition; everything is deterministic, so every worker
 * and every retry assembles the same bytes for the same digest and links.
 */
export class DigestAssembler {
  private readonly skeletons = new Map<string, Promise<Piece>>();
  private readonly sections = new Map<string, Promise<Piece>>();
  private readonly blocks = new Map<string, Promise<Piece>>();
  private readonly textBlocks = new Map<string, Piece>();

  constructor(
    private readonly engine: TemplateEngine,
    private readonly context: DigestRenderContext,
    private readonly limits = { skeletons: 2_000, sections: 2_000, blocks: 20_000 },
  ) {}

  /** How many skeletons and paper blocks this assembler has rendered and keeps. */
  get cached(): { skeletons: number; sections: number; blocks: number; textBlocks: number } {
    return {
      skeletons: this.skeletons.size,
      sections: this.sections.size,
      blocks: this.blocks.size,
      textBlocks: this.textBlocks.size,
    };
  }

  async assemble(digest: Digest, links: ReaderLinks): Promise<AssembledDigest> {
    const manageUrl = checkedUrl(links.manageUrl, 'manageUrl');
    const unsubscribeUrl = checkedUrl(links.unsubscribeUrl, 'unsubscribeUrl');
    const feedbackUrl = (paperId: string, vote: 'more' | 'less') =>
      checkedUrl(links.feedbackUrl(paperId, vote), 'feedbackUrl');
    // One view of the digest (with stand-in links) gives the subject, preheader, text and every block's content.
    const base: DigestEmailProps = { digest, context: this.context, links: STAND_IN_LINKS };
    const view = digestTemplate.view(base);
    const subject = wellFormed(digestTemplate.subject(base));
    const preheader = digestTemplate.preheader(base);
    const sections = sectionOrder(view);
    // "In this issue" is left out when there is nothing in it: the skeleton says so by an empty stand-in.
    const stand = view.contents ? SKELETON : NO_CONTENTS;
    const [skeleton, pieces, blocks] = await Promise.all([
      this.skeleton({ ...base, skeleton: stand }),
      Promise.all(sections.map((s) => this.section(s))),
      Promise.all(sections.map((s) => Promise.all(s.papers.map((paper) => this.block(paper))))),
    ]);

    const escape = this.engine === 'react' ? escapeLikeReact : escapeHtml;
    const html = new Splicer();
    const named: Partial<Record<Named, string>> = {
      manage_url: escape(manageUrl),
      unsubscribe_url: escape(unsubscribeUrl),
      subject: escape(subject),
      preheader: escape(preheader),
      count_line: escape(view.countLine),
      contents: escape(view.contents),
    };
    const splice = (piece: Piece, where: { section?: number; paper?: PaperView }) =>
      spliceInto(html, piece, (key) => {
        if (typeof key === 'object' && 'section' in key) {
          const section = pieces[key.section];
          if (!section)
            throw new PlaceholderError(`the skeleton has a slot for section ${key.section}, the digest not`);
          splice(section, { section: key.section });
        } else if (typeof key === 'object') {
          const paper = sections[where.section ?? -1]?.papers[key.paper];
          const block = blocks[where.section ?? -1]?.[key.paper];
          if (!paper || !block)
            throw new PlaceholderError(`a section has a slot for paper ${key.paper}, the digest not`);
          splice(block, { paper });
        } else if (key === 'feedback_more' || key === 'feedback_less') {
          if (!where.paper) throw new PlaceholderError(`placeholder "${key}" outside a paper block`);
          html.value(escape(feedbackUrl(where.paper.id, key === 'feedback_more' ? 'more' : 'less')));
        } else html.value(named[key]!);
      });
    splice(skeleton, {});
    const text = this.text(view, { manageUrl, unsubscribeUrl, feedbackUrl });
    return { subject, preheader, html: { ...html.done(), recurs: 'strings' }, text, htmlBytes: html.bytes };
  }

  /**
   * The plain text with the reader's links: its lines around each paper's text block, which is kept per paper (as
   * the HTML's blocks are), so a paper's feedback placeholders take that paper's own links.
   */
  private text(view: DigestView, links: ReaderLinks): SplicedPart {
    const text = new Splicer();
    let lines = '';
    const flush = () => {
      if (lines === '') return;
      // The lines between papers carry no feedback link: the header, section headings and the footer.
      const piece = lines.includes(S)
        ? cut(lines, FRAME_TEXT_KEYS, 'plain text')
        : { parts: [lines], keys: [], sizes: [] };
      spliceInto(
        text,
        piece,
        (key) => text.value(key === 'manage_url' ? links.manageUrl : links.unsubscribeUrl),
        false,
      );
      lines = '';
    };
    digestTemplate
      .textChunks(view, (paper, n) => ({ paper, n, piece: this.textBlock(paper) }))
      .forEach((chunk, i) => {
        if (i > 0) lines += '\n';
        if (typeof chunk === 'string') {
          lines += chunk;
          return;
        }
        lines += digestTemplate.paperText.number(chunk.n);
        flush();
        const { paper, piece } = chunk;
        const vote = (key: Key) => (key === 'feedback_more' ? 'more' : 'less');
        spliceInto(text, piece, (key) => text.value(links.feedbackUrl(paper.id, vote(key))), false);
      });
    flush();
    return { ...text.done(), recurs: 'strings' };
  }

  /** A paper's text after its number, with stand-ins for its feedback links, kept like the HTML blocks. */
  private textBlock(paper: PaperView): Piece {
    const key = `${paper.id}\u0000${paper.why ?? ''}`;
    const known = this.textBlocks.get(key);
    if (known) return known;
    const piece = cut(digestTemplate.paperText.body(paper), BLOCK_KEYS, `text of paper ${paper.id}`);
    return remember(this.textBlocks, key, piece, this.limits.blocks);
  }

  private skeleton(props: DigestEmailProps): Promise<Piece> {
    const shape = digestTemplate.shape(digestTemplate.view(props));
    const known = this.skeletons.get(shape);
    if (known) return known;
    const rendered = renderHtml(digestTemplate, props, this.engine).then((html) =>
      cut(html.replace(BETWEEN_SLOTS, '$1'), SKELETON_KEYS, 'digest skeleton'),
    );
    rendered.catch(() => this.skeletons.delete(shape));
    return remember(this.skeletons, shape, rendered, this.limits.skeletons);
  }

  /** A section block with a stand-in for each of its papers. */
  private section(section: SectionView): Promise<Piece> {
    const slotted: SectionView = {
      ...section,
      papers: section.papers.map((paper, j) => ({ ...paper, slot: token(`paper_${j}`) })),
    };
    const shape = digestTemplate.shape(slotted);
    const known = this.sections.get(shape);
    if (known) return known;
    const rendered = renderBlock(digestTemplate.section, slotted, this.engine).then((html) =>
      cut(html.replace(BETWEEN_SLOTS, '$1'), SECTION_KEYS, `section ${section.id}`),
    );
    rendered.catch(() => this.sections.delete(shape));
    return remember(this.sections, shape, rendered, this.limits.sections);
  }

  private block(paper: PaperView): Promise<Piece> {
    const key = `${paper.id}\u0000${paper.why ?? ''}`;
    const known = this.blocks.get(key);
    if (known) return known;
    const rendered = renderBlock(digestTemplate.paper, paper, this.engine).then((html) =>
      cut(html, BLOCK_KEYS, `paper block ${paper.id}`),
    );
    rendered.catch(() => this.blocks.delete(key));
    return remember(this.blocks, key, rendered, this.limits.blocks);
  }
}
