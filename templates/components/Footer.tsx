import { Fragment } from 'react';
import { Box } from './Box.tsx';
import type { FooterContent } from './footer.ts';
import { styles } from './styles.ts';

/** The footer: why you get this, manage / unsubscribe links, postal address; a rule above, in table cells. */
export function Footer({ why, links, postalAddress }: FooterContent) {
  return (
    <Box style={styles.pad}>
      <Box style={styles.footerGap}>
        <Box className="pb-rule" style={styles.footer}>
          <p className="pb-muted" style={styles.footerText}>
            {why}
          </p>
          {links.length > 0 && (
            <p className="pb-muted" style={styles.footerText}>
              {links.map((link, i) => (
                <Fragment key={link.label}>
                  {i > 0 && ' · '}
                  <a className="pb-link" href={link.url} style={styles.link}>
                    {link.label}
                  </a>
                </Fragment>
              ))}
            </p>
          )}
          <p className="pb-muted" style={{ ...styles.footerText, margin: 0 }}>
            {postalAddress}
          </p>
        </Box>
      </Box>
    </Box>
  );
}
