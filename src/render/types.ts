import type { Digest } from '../digest/index.ts';

export type TemplateEngine = 'react' | 'mjml';
export const TEMPLATE_ENGINES: readonly TemplateEngine[] = ['react', 'mjml'];

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  preheader: string;
}

/** What differs per recipient; substituted into a profile's rendered digest. */
export interface RecipientVars {
  manageUrl: string;
  unsubscribeUrl: string;
}

/** What a digest needs besides the digest itself. */
export interface DigestRenderContext {
  /** The sender's postal address, shown in the footer. */
  postalAddress: string;
  /** Where Paperboy's web pages live (the footer's home link). */
  publicBaseUrl: string;
  /** Overrides the footer's "why you get this" sentence (default: it names the reader's topics). */
  why?: string;
}

/** Props of the digest template: the digest, its context, and the links (real or placeholders). */
export interface DigestEmailProps {
  digest: Digest;
  context: DigestRenderContext;
  links: RecipientVars;
}

/** Transactional templates and their props (fields may be added, never removed). */
export interface TransactionalProps {
  confirm: {
    confirmUrl: string;
    /** Topic labels as the reader should see them. */
    topics: string[];
    postalAddress: string;
    /** How long the confirmation link works, if it expires. */
    expiresInDays?: number;
  };
  'preferences-saved': { manageUrl: string; unsubscribeUrl: string; topics: string[]; postalAddress: string };
  goodbye: { resubscribeUrl: string; postalAddress: string };
}
export type TransactionalTemplate = keyof TransactionalProps;
export const TRANSACTIONAL_TEMPLATES: readonly TransactionalTemplate[] = ['confirm', 'preferences-saved', 'goodbye'];

/** Every template and its props. */
export interface TemplateProps extends TransactionalProps {
  digest: DigestEmailProps;
}
export type TemplateName = keyof TemplateProps;
