import type { EmailLink } from '../types.ts';
import type { FooterContent } from './footer.ts';

/**
 * The shape every transactional email shares: a heading, a few paragraphs, an optional list and one call to
 * action, then the footer. Each transactional template maps its props to this; the engines draw it.
 */
export interface NoticeContent {
  title: string;
  preheader: string;
  heading: string;
  paragraphs: string[];
  list?: { heading: string; items: string[] };
  cta?: EmailLink;
  /** Shown under the button: the same link written out, for clients that hide buttons. */
  ctaFallback?: string;
  secondary: EmailLink[];
  footer: FooterContent;
}

/** The plain-text part of a notice. */
export function noticeText(n: NoticeContent): string {
  const lines: string[] = ['PAPERBOY', '', n.heading, ''];
  for (const p of n.paragraphs) lines.push(p, '');
  if (n.list) {
    lines.push(n.list.heading);
    for (const item of n.list.items) lines.push(`  - ${item}`);
    lines.push('');
  }
  if (n.cta) lines.push(`${n.cta.label}: ${n.cta.url}`, '');
  for (const link of n.secondary) lines.push(`${link.label}: ${link.url}`);
  if (n.secondary.length > 0) lines.push('');
  lines.push('--', n.footer.why);
  for (const link of n.footer.links) lines.push(`${link.label}: ${link.url}`);
  lines.push(n.footer.postalAddress, '');
  return lines.join('\n');
}
