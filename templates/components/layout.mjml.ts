import { mj, type SafeMarkup } from './mjml-kit.ts';
import { styleOf } from './shell.mjml.ts';
import type { styles } from './styles.ts';

/** The MJML (inner HTML) counterpart of `LayoutTable`. */
export function layoutTableHtml(rows: SafeMarkup): SafeMarkup {
  return mj`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="${styleOf('table')}"><tbody>${rows}</tbody></table>`;
}

/** The MJML (inner HTML) counterpart of `Box`: one cell carrying the padding and rules. */
export function boxHtml(style: keyof typeof styles, inner: SafeMarkup, className?: string): SafeMarkup {
  const cls = className ? mj` class="${className}"` : '';
  return layoutTableHtml(mj`<tr><td${cls} style="${styleOf(style)}">${inner}</td></tr>`);
}
