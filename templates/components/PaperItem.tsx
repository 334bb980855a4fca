import { Fragment } from 'react';
import type { PaperView } from '../digest/paper-view.ts';
import type { EmailLink } from '../types.ts';
import { Box, LayoutTable } from './Box.tsx';
import { styles } from './styles.ts';

function LinkLine({ lead, links }: { lead?: string; links: EmailLink[] }) {
  return (
    <p className="pb-muted" style={styles.links}>
      {lead}
      {links.map((link, i) => (
        <Fragment key={link.label}>
          {(lead || i > 0) && ' · '}
          <a className="pb-link" href={link.url} style={styles.link}>
            {link.label}
          </a>
        </Fragment>
      ))}
    </p>
  );
}

function Thumbnail({ paper, src }: { paper: PaperView; src: string }) {
  const img = (
    <img src={src} width={styles.thumb.width} height={styles.thumb.height} alt={paper.title} style={styles.thumb} />
  );
  return (
    <td className="pb-thumb" width={styles.thumbCell.width} style={styles.thumbCell}>
      {paper.url ? <a href={paper.url}>{img}</a> : img}
    </td>
  );
}

/**
 * One ranked paper: thumbnail (when there is one) beside the linked title, byline, why line, whole summary, stats
 * and links, and the reader's feedback links; above it a rule, all in table cells. The MJML counterpart is
 * `paperItemHtml`; both write the same markup, so the paper can be rendered on its own as a fragment.
 */
export function PaperItem({ paper }: { paper: PaperView }) {
  if (paper.slot !== undefined) return <>{paper.slot}</>;
  const byline = [paper.authors, paper.organization].filter(Boolean).join(' · ');
  const text = (
    <>
      <h3 style={styles.h3}>
        {paper.url ? (
          <a className="pb-link" href={paper.url} style={styles.titleLink}>
            {paper.title}
          </a>
        ) : (
          paper.title
        )}
      </h3>
      {byline && (
        <p className="pb-muted" style={styles.meta}>
          {byline}
        </p>
      )}
      {paper.why && (
        <p className="pb-muted" style={styles.why}>
          {paper.why}
        </p>
      )}
      <p style={styles.summary}>{paper.summary}</p>
      <LinkLine lead={paper.stats} links={paper.links} />
      {paper.feedback.length > 0 && <LinkLine links={paper.feedback} />}
    </>
  );
  return (
    <Box className="pb-rule" style={styles.ruleCell}>
      {paper.thumbnail ? (
        <LayoutTable>
          <tr>
            <Thumbnail paper={paper} src={paper.thumbnail} />
            <td style={styles.textCell}>{text}</td>
          </tr>
        </LayoutTable>
      ) : (
        text
      )}
    </Box>
  );
}
