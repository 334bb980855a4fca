import type { DigestEmailProps } from './props.ts';
import type { ReactElement } from 'react';
import { Box } from '../components/Box.tsx';
import { PaperItem } from '../components/PaperItem.tsx';
import { toSource } from '../components/mjml-kit.ts';
import { paperItemHtml } from '../components/paper-item.mjml.ts';
import { sectionHtml } from '../components/section-block.mjml.ts';
import { EmailShell } from '../components/EmailShell.tsx';
import { Footer } from '../components/Footer.tsx';
import { SectionBlock } from '../components/SectionBlock.tsx';
import { styles } from '../components/styles.ts';
import { sampleDigestProps, samplePersonalDigestProps, sampleWeekendEdition } from '../preview-data.ts';
import type { EmailTemplate } from '../types.ts';
import { digestMjml } from './digest.mjml.ts';
import { digestText, digestTextChunks, paperNumber, paperTextBody } from './digest.text.ts';
import { buildDigestView, type DigestView, type PaperView, type SectionView } from './view.ts';

/** The header: "View in browser", the brand, the date, the count and what is inside. */
export function DigestHeader({ v }: { v: DigestView }) {
  return (
    <Box style={styles.pad}>
      {v.webEdition && (
        <p className="pb-muted" style={styles.topBar}>
          <a className="pb-link" href={v.webEdition} style={styles.link}>
            View in browser
          </a>
        </p>
      )}
      <p className="pb-accent" style={styles.brand}>
        Paperboy · Daily Papers
      </p>
      <h1 style={styles.h1}>{v.dateLong}</h1>
      <p className="pb-muted" style={styles.lead}>
        {v.countLine}
      </p>
      {v.contents && (
        <p className="pb-muted" style={styles.contents}>
          In this issue: {v.contents}
        </p>
      )}
    </Box>
  );
}

/** "12 more papers online": what the size guard left out, on the web edition. */
export function MoreOnline({ v }: { v: DigestView }) {
  if (!v.moreOnline) return null;
  return (
    <Box style={styles.pad}>
      <p style={styles.more}>
        <a className="pb-link" href={v.moreOnline.url} style={styles.link}>
          {v.moreOnline.label}
        </a>
      </p>
    </Box>
  );
}

/** The daily digest: header, "For you", one section per chosen theme, "Also trending", footer. */
export default function DigestEmail(props: DigestEmailProps) {
  const v = buildDigestView(props);
  return (
    <EmailShell title={v.subject} preheader={v.preheader}>
      <DigestHeader v={v} />
      {v.forYou && <SectionBlock section={v.forYou} />}
      {v.sections.map((s) => (
        <SectionBlock key={s.id} section={s} />
      ))}
      {v.alsoTrending && <SectionBlock section={v.alsoTrending} />}
      <MoreOnline v={v} />
      <Footer {...v.footer} />
    </EmailShell>
  );
}

DigestEmail.PreviewProps = sampleDigestProps('busy-day') satisfies DigestEmailProps;

/**
 * The digest template, plus what the per-reader assembler needs: each section and each paper block on its own (the
 * same markup the whole email writes for it), the view, and the shape of a skeleton.
 */
export interface DigestTemplate extends EmailTemplate<DigestEmailProps> {
  paper: { react: (paper: PaperView) => ReactElement; mjml: (paper: PaperView) => string };
  section: { react: (section: SectionView) => ReactElement; mjml: (section: SectionView) => string };
  view: (props: DigestEmailProps) => DigestView;
  /** The plain text of a view in chunks, each paper as `paper` gives it (see `digestTextChunks`). */
  textChunks: <T>(view: DigestView, paper: (p: PaperView, n: number) => T) => (string | T)[];
  /** How `text` writes a paper: its number in its section, then the rest, the same at any position. */
  paperText: { number: (n: number) => string; body: (paper: PaperView) => string };
  /** What a rendering of these props depends on, as a string: the view with each stand-in block as its slot. */
  shape: (value: DigestView | SectionView) => string;
}

/** A block that is a stand-in counts as its slot alone. */
const slotOnly = (_key: string, value: unknown) =>
  value !== null && typeof value === 'object' && 'slot' in value && typeof value.slot === 'string' ? value.slot : value;

export const digestTemplate: DigestTemplate = {
  name: 'digest',
  description: 'The daily digest',
  subject: (p) => buildDigestView(p).subject,
  preheader: (p) => buildDigestView(p).preheader,
  text: (p) => digestText(buildDigestView(p)),
  react: (p) => <DigestEmail {...p} />,
  mjml: (p) => digestMjml(buildDigestView(p)),
  paper: { react: (paper) => <PaperItem paper={paper} />, mjml: (paper) => toSource(paperItemHtml(paper)) },
  section: {
    react: (section) => <SectionBlock section={section} />,
    mjml: (section) => toSource(sectionHtml(section)),
  },
  view: buildDigestView,
  textChunks: digestTextChunks,
  paperText: { number: paperNumber, body: paperTextBody },
  shape: (value) => JSON.stringify(value, slotOnly),
  samples: {
    'busy-day': DigestEmail.PreviewProps,
    'two-topics': sampleDigestProps('two-topics'),
    'one-topic': sampleDigestProps('one-topic'),
    'trending-only': sampleDigestProps('trending-only'),
    'weekend-empty-topic': sampleDigestProps('weekend-empty-topic', sampleWeekendEdition()),
    'for-you': samplePersonalDigestProps(),
  },
};
