import type { TemplateProps } from '../../templates/index.ts';

// The templates own their props; the render module names them for its callers.
export type {
  DigestEmailProps,
  DigestRenderContext,
  RecipientVars,
  TemplateName,
  TemplateProps,
} from '../../templates/index.ts';

export type TemplateEngine = 'react' | 'mjml';
export const TEMPLATE_ENGINES: readonly TemplateEngine[] = ['react', 'mjml'];

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  preheader: string;
}

/** The transactional templates (everything but the digest) and their props. */
export type TransactionalProps = Omit<TemplateProps, 'digest'>;
export type TransactionalTemplate = keyof TransactionalProps;
