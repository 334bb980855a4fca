import { Heading } from '@react-email/heading';
import { Section } from '@react-email/section';
import { Text } from '@react-email/text';
import type { DigestEmailProps } from './props.ts';
import { EmailShell } from '../components/EmailShell.tsx';
import { Footer } from '../components/Footer.tsx';
import { SectionBlock } from '../components/SectionBlock.tsx';
import { styles } from '../components/styles.ts';
import { sampleDigestProps, sampleWeekendEdition } from '../preview-data.ts';
import type { EmailTemplate } from '../types.ts';
import { digestMjml } from './digest.mjml.ts';
import { digestText } from './digest.text.ts';
import { buildDigestView } from './view.ts';

/** The daily digest: header, one section per chosen theme, "Also trending", footer. */
export default function DigestEmail(props: DigestEmailProps) {
  const v = buildDigestView(props);
  return (
    <EmailShell title={v.subject} preheader={v.preheader}>
      <Section style={styles.pad}>
        <Text className="pb-accent" style={styles.brand}>
          Paperboy · Daily Papers
        </Text>
        <Heading as="h1" style={styles.h1}>
          {v.dateLong}
        </Heading>
        <Text className="pb-muted" style={styles.lead}>
          {v.countLine}
        </Text>
        {v.contents && (
          <Text className="pb-muted" style={styles.contents}>
            In this issue: {v.contents}
          </Text>
        )}
      </Section>
      {v.sections.map((s) => (
        <SectionBlock key={s.id} section={s} />
      ))}
      {v.alsoTrending && <SectionBlock section={v.alsoTrending} />}
      <Footer {...v.footer} />
    </EmailShell>
  );
}

DigestEmail.PreviewProps = sampleDigestProps('busy-day') satisfies DigestEmailProps;

export const digestTemplate: EmailTemplate<DigestEmailProps> = {
  name: 'digest',
  description: 'The daily digest',
  subject: (p) => buildDigestView(p).subject,
  preheader: (p) => buildDigestView(p).preheader,
  text: (p) => digestText(buildDigestView(p)),
  react: (p) => <DigestEmail {...p} />,
  mjml: (p) => digestMjml(buildDigestView(p)),
  samples: {
    'busy-day': DigestEmail.PreviewProps,
    'two-topics': sampleDigestProps('two-topics'),
    'one-topic': sampleDigestProps('one-topic'),
    'trending-only': sampleDigestProps('trending-only'),
    'weekend-empty-topic': sampleDigestProps('weekend-empty-topic', sampleWeekendEdition()),
  },
};
