import type { SectionView } from '../digest/view.ts';
import { Box } from './Box.tsx';
import { PaperItem } from './PaperItem.tsx';
import { styles } from './styles.ts';

/**
 * One section ("For you", a theme, "Also trending"): heading, one-line description, ranked papers (or a line saying
 * there are none), padded by a table cell. The MJML counterpart is `mjmlSection`.
 */
export function SectionBlock({ section }: { section: SectionView }) {
  if (section.slot !== undefined) return <>{section.slot}</>;
  return (
    <Box style={styles.pad}>
      <h2 className="pb-accent" style={styles.h2}>
        {section.label}
      </h2>
      <p className="pb-muted" style={styles.sectionDesc}>
        {section.description}
      </p>
      {section.emptyNote && (
        <Box className="pb-rule" style={styles.ruleCell}>
          <p className="pb-muted" style={styles.emptyNote}>
            {section.emptyNote}
          </p>
        </Box>
      )}
      {section.papers.map((paper) => (
        <PaperItem key={paper.id} paper={paper} />
      ))}
    </Box>
  );
}
