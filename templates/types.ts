import type { ReactElement } from 'react';
import type { z } from 'zod';

/**
 * One email template, in both engines. The subject, preheader and plain text are engine-independent (written
 * from the same props), so only the HTML differs between React Email and MJML.
 */
export interface EmailTemplate<P> {
  readonly name: string;
  readonly description: string;
  /** Validates props coming from outside (absent for props built in-process, like the digest). */
  readonly schema?: z.ZodType<P>;
  subject(props: P): string;
  preheader(props: P): string;
  /** The plain-text part: reads well on its own and lists every link. */
  text(props: P): string;
  /** The React Email element (rendered by `@react-email/render`). */
  react(props: P): ReactElement;
  /** The MJML source (compiled by `mjml2html`). */
  mjml(props: P): string;
  /** Named sample props shared by the preview, the tests and the CLI; the first is the default. */
  readonly samples: Readonly<Record<string, P>>;
}

/** A link the templates show. `url` is already checked (http(s)) or is a per-recipient placeholder. */
export interface EmailLink {
  label: string;
  url: string;
}
