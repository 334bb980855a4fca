import { Heading } from '@react-email/heading';
import { Link } from '@react-email/link';
import { Text } from '@react-email/text';
import { Fragment } from 'react';
import type { PaperView } from '../digest/view.ts';
import { styles } from './styles.ts';

/** One ranked paper: linked title, byline, two-line summary, stats and links. */
export function PaperItem({ paper }: { paper: PaperView }) {
  const byline = [paper.authors, paper.organization].filter(Boolean).join(' · ');
  return (
    <div className="pb-rule" style={styles.paper}>
      <Heading as="h3" style={styles.h3}>
        {paper.url ? (
          <Link className="pb-link" href={paper.url} style={styles.titleLink}>
            {paper.title}
          </Link>
        ) : (
          paper.title
        )}
      </Heading>
      {byline && (
        <Text className="pb-muted" style={styles.meta}>
          {byline}
        </Text>
      )}
      <Text style={styles.summary}>{paper.summary}</Text>
      <Text className="pb-muted" style={styles.links}>
        {paper.stats}
        {paper.links.map((link) => (
          <Fragment key={link.label}>
            {' · '}
            <Link className="pb-link" href={link.url} style={styles.link}>
              {link.label}
            </Link>
          </Fragment>
        ))}
      </Text>
    </div>
  );
}
