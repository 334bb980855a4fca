import type { CSSProperties } from 'react';
import { colors, fontFamily } from './tokens.ts';

/**
 * Inline styles, written once as React style objects and turned into `style="..."` strings for MJML by
 * `inlineStyle`, so both engines put exactly the same declarations on the same elements.
 */
export const styles = {
  body: { backgroundColor: colors.page, margin: 0, padding: '16px 0', fontFamily },
  card: {
    backgroundColor: colors.card,
    color: colors.text,
    maxWidth: 640,
    width: '100%',
    margin: '0 auto',
    wordBreak: 'break-word',
    overflowWrap: 'break-word',
  },
  pad: { padding: '0 24px' },
  /** The layout tables' reset: no spacing of their own, so only the cells' padding counts. */
  table: { borderCollapse: 'collapse' },
  topBar: { fontSize: 12, lineHeight: '16px', color: colors.muted, margin: '14px 0 0', textAlign: 'right' },
  brand: {
    fontSize: 12,
    lineHeight: '16px',
    fontWeight: 700,
    letterSpacing: '0.08em',
    textTransform: 'uppercase',
    color: colors.accent,
    margin: '24px 0 6px',
  },
  h1: { fontSize: 24, lineHeight: '30px', fontWeight: 700, color: colors.text, margin: '0 0 6px' },
  lead: { fontSize: 15, lineHeight: '22px', color: colors.muted, margin: '0 0 6px' },
  contents: { fontSize: 13, lineHeight: '20px', color: colors.muted, margin: '0 0 4px' },
  h2: { fontSize: 19, lineHeight: '26px', fontWeight: 700, color: colors.accent, margin: '28px 0 2px' },
  sectionDesc: { fontSize: 14, lineHeight: '20px', color: colors.muted, margin: '0 0 4px' },
  emptyNote: { fontSize: 14, lineHeight: '20px', fontStyle: 'italic', color: colors.muted, margin: 0 },
  /** A paper's (or a note's) cell: the rule above it and the space around it, on a table cell for Outlook. */
  ruleCell: { borderTop: `1px solid ${colors.rule}`, padding: '14px 0 8px' },
  thumbCell: { width: 120, padding: '3px 14px 0 0', verticalAlign: 'top' },
  thumb: {
    display: 'block',
    width: 120,
    height: 65,
    border: 0,
    fontSize: 11,
    lineHeight: '14px',
    color: colors.muted,
    backgroundColor: colors.rule,
  },
  textCell: { verticalAlign: 'top' },
  why: { fontSize: 13, lineHeight: '19px', fontStyle: 'italic', color: colors.muted, margin: '0 0 6px' },
  h3: { fontSize: 16, lineHeight: '22px', fontWeight: 600, color: colors.text, margin: '0 0 4px' },
  titleLink: { color: colors.link, textDecoration: 'none' },
  meta: { fontSize: 13, lineHeight: '19px', color: colors.muted, margin: '0 0 6px' },
  summary: { fontSize: 14, lineHeight: '21px', color: colors.text, margin: '0 0 6px' },
  links: { fontSize: 13, lineHeight: '20px', color: colors.muted, margin: '0 0 8px' },
  link: { color: colors.link, textDecoration: 'underline' },
  paragraph: { fontSize: 15, lineHeight: '23px', color: colors.text, margin: '0 0 14px' },
  listItem: { fontSize: 15, lineHeight: '23px', color: colors.text, margin: '0 0 2px' },
  button: {
    backgroundColor: colors.button,
    color: colors.buttonText,
    fontSize: 15,
    fontWeight: 600,
    lineHeight: '20px',
    padding: '12px 22px',
    borderRadius: 6,
    textDecoration: 'none',
    display: 'inline-block',
  },
  footer: { borderTop: `1px solid ${colors.rule}`, padding: '16px 0 24px' },
  footerGap: { padding: '28px 0 0' },
  more: { fontSize: 15, lineHeight: '22px', fontWeight: 600, color: colors.text, margin: '18px 0 0' },
  footerText: { fontSize: 12, lineHeight: '18px', color: colors.muted, margin: '0 0 8px' },
} satisfies Record<string, CSSProperties>;

const UNITLESS = new Set(['fontWeight', 'lineHeight', 'opacity', 'zIndex']);

/** A React style object as a CSS declaration list, the way React would write it (px for bare numbers). */
export function inlineStyle(style: CSSProperties): string {
  return Object.entries(style)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => {
      const prop = k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      const value = typeof v === 'number' && v !== 0 && !UNITLESS.has(k) ? `${v}px` : String(v);
      return `${prop}:${value}`;
    })
    .join(';');
}
