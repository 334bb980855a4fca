import type { FooterContent } from './footer.ts';
import { boxHtml } from './layout.mjml.ts';
import { mj, type SafeMarkup } from './mjml-kit.ts';
import { mjmlBlock, styleOf } from './shell.mjml.ts';

/** The inner HTML of `Footer` (inside a cell padded like the rest of the card). */
export function footerHtml({ why, links, postalAddress }: FooterContent): SafeMarkup {
  const linkLine = links.map(
    (link, i) =>
      mj`${i > 0 ? ' · ' : ''}<a class="pb-link" href="${link.url}" style="${styleOf('link')}">${link.label}</a>`,
  );
  const inner = mj`<p class="pb-muted" style="${styleOf('footerText')}">${why}</p>${
    links.length > 0 ? mj`<p class="pb-muted" style="${styleOf('footerText')}">${linkLine}</p>` : ''
  }<p class="pb-muted" style="${styleOf('footerText')};margin:0">${postalAddress}</p>`;
  return boxHtml('footerGap', boxHtml('footer', inner, 'pb-rule'));
}

/** The MJML counterpart of `Footer`. */
export function mjmlFooter(content: FooterContent): SafeMarkup {
  return mjmlBlock(footerHtml(content));
}
