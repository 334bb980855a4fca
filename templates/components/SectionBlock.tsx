import { Heading } from '@react-email/heading';
import { Section } from '@react-email/section';
import { Text } from '@react-email/text';
import type { SectionView } from '../digest/view.ts';
import { PaperItem } from './PaperItem.tsx';
import { styles } from './styles.ts';

/** One theme (or "Also trending"): heading, one-line description, ranked papers (or a line saying there are none). */
export function SectionBlock({ section }: { section: SectionView }) {
  return (
    <Section style={styles.pad}>
      <Heading as="h2" className="pb-accent" style={styles.h2}>
        {section.label}
      </Heading>
      <Text className="pb-muted" style={styles.sectionDesc}>
        {section.description}
      </Text>
      {section.emptyNote && (
        <Text className="pb-muted" style={styles.emptyNote}>
          {section.emptyNote}
        </Text>
      )}
      {section.papers.map((paper, i) => (
        <PaperItem key={`${i}-${paper.title}`} paper={paper} />
      ))}
    </Section>
  );
}
