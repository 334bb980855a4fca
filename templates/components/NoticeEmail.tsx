import { Button } from '@react-email/button';
import { Heading } from '@react-email/heading';
import { Link } from '@react-email/link';
import { Text } from '@react-email/text';
import { Box } from './Box.tsx';
import { EmailShell } from './EmailShell.tsx';
import { Footer } from './Footer.tsx';
import type { NoticeContent } from './notice.ts';
import { styles } from './styles.ts';

/** Draws a transactional notice (see `NoticeContent`) with React Email. */
export function NoticeEmail(n: NoticeContent) {
  return (
    <EmailShell title={n.title} preheader={n.preheader}>
      <Box style={styles.pad}>
        <Text className="pb-accent" style={styles.brand}>
          Paperboy
        </Text>
        <Heading as="h1" style={styles.h1}>
          {n.heading}
        </Heading>
        {n.paragraphs.map((p) => (
          <Text key={p} style={styles.paragraph}>
            {p}
          </Text>
        ))}
        {n.list && (
          <>
            <Text style={{ ...styles.paragraph, margin: '0 0 4px', fontWeight: 600 }}>{n.list.heading}</Text>
            <ul style={{ margin: '0 0 14px', paddingLeft: 22 }}>
              {n.list.items.map((item) => (
                <li key={item} style={styles.listItem}>
                  {item}
                </li>
              ))}
            </ul>
          </>
        )}
        {n.cta && (
          <div style={{ margin: '6px 0 14px' }}>
            <Button className="pb-button" href={n.cta.url} style={styles.button}>
              {n.cta.label}
            </Button>
          </div>
        )}
        {n.cta && n.ctaFallback && (
          <Text className="pb-muted" style={styles.meta}>
            {n.ctaFallback}{' '}
            <Link className="pb-link" href={n.cta.url} style={styles.link}>
              {n.cta.url}
            </Link>
          </Text>
        )}
        {n.secondary.map((link) => (
          <Text key={link.label} style={styles.paragraph}>
            <Link className="pb-link" href={link.url} style={styles.link}>
              {link.label}
            </Link>
          </Text>
        ))}
      </Box>
      <Footer {...n.footer} />
    </EmailShell>
  );
}
