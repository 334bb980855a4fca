import { Link } from '@react-email/link';
import { Section } from '@react-email/section';
import { Text } from '@react-email/text';
import { Fragment } from 'react';
import type { FooterContent } from './footer.ts';
import { styles } from './styles.ts';

/** The footer: why you get this, manage / unsubscribe links, postal address. */
export function Footer({ why, links, postalAddress }: FooterContent) {
  return (
    <Section style={styles.pad}>
      <div className="pb-rule" style={styles.footer}>
        <Text className="pb-muted" style={styles.footerText}>
          {why}
        </Text>
        {links.length > 0 && (
          <Text className="pb-muted" style={styles.footerText}>
            {links.map((link, i) => (
              <Fragment key={link.label}>
                {i > 0 && ' · '}
                <Link className="pb-link" href={link.url} style={styles.link}>
                  {link.label}
                </Link>
              </Fragment>
            ))}
          </Text>
        )}
        <Text className="pb-muted" style={{ ...styles.footerText, margin: 0 }}>
          {postalAddress}
        </Text>
      </div>
    </Section>
  );
}
