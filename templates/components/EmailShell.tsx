import { Body } from '@react-email/body';
import { Container } from '@react-email/container';
import { Head } from '@react-email/head';
import { Html } from '@react-email/html';
import type { ReactNode } from 'react';
import { PREHEADER_FILLER, PREHEADER_STYLE } from './preheader.ts';
import { styles } from './styles.ts';
import { sharedCss } from './tokens.ts';

export interface EmailShellProps {
  title: string;
  preheader: string;
  children: ReactNode;
}

/** The document around every email: language, colour-scheme hints, shared CSS, hidden preheader, the card. */
export function EmailShell({ title, preheader, children }: EmailShellProps) {
  return (
    <Html lang="en" dir="ltr">
      <Head>
        <title>{title}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <style dangerouslySetInnerHTML={{ __html: sharedCss }} />
      </Head>
      <Body className="pb-page" style={styles.body}>
        <div style={parseStyle(PREHEADER_STYLE)} data-skip-in-text="true">
          {preheader}
          {PREHEADER_FILLER}
        </div>
        <Container className="pb-card pb-text" style={styles.card}>
          {children}
        </Container>
      </Body>
    </Html>
  );
}

function parseStyle(css: string): Record<string, string> {
  return Object.fromEntries(
    css.split(';').map((decl) => {
      const [k = '', v = ''] = decl.split(':');
      return [k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), v];
    }),
  );
}
