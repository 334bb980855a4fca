import type { FooterContent } from './footer.ts';
import { mj, type SafeMarkup } from './mjml-kit.ts';
import { mjmlBlock, styleOf } from './shell.mjml.ts';

/** The MJML counterpart of `Footer`. */
export function mjmlFooter({ why, links, postalAddress }: FooterContent): SafeMarkup {
  const linkLine = links.map(
    (link, i) =>
      mj`${i > 0 ? ' · ' : ''}<a class="pb-link" href="${link.url}" style="${styleOf('link')}">${link.label}</a>`,
  );
  return mjmlBlock(mj`<div class="pb-rule" style="${styleOf('footer')}">
<p class="pb-muted" style="${styleOf('footerText')}">${why}</p>
${links.length > 0 ? mj`<p class="pb-muted" style="${styleOf('footerText')}">${linkLine}</p>` : ''}
<p class="pb-muted" style="${styleOf('footerText')};margin:0">${postalAddress}</p>
</div>`);
}
