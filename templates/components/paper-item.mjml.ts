import type { PaperView } from '../digest/view.ts';
import { mj, type SafeMarkup } from './mjml-kit.ts';
import { styleOf } from './shell.mjml.ts';

/** The MJML (inner HTML) counterpart of `PaperItem`. */
export function paperItemHtml(paper: PaperView): SafeMarkup {
  const byline = [paper.authors, paper.organization].filter(Boolean).join(' · ');
  const title = paper.url
    ? mj`<a class="pb-link" href="${paper.url}" style="${styleOf('titleLink')}">${paper.title}</a>`
    : paper.title;
  const links = paper.links.map(
    (link) => mj` · <a class="pb-link" href="${link.url}" style="${styleOf('link')}">${link.label}</a>`,
  );
  return mj`<div class="pb-rule" style="${styleOf('paper')}">
<h3 style="${styleOf('h3')}">${title}</h3>
${byline ? mj`<p class="pb-muted" style="${styleOf('meta')}">${byline}</p>` : ''}
<p style="${styleOf('summary')}">${paper.summary}</p>
<p class="pb-muted" style="${styleOf('links')}">${paper.stats}${links}</p>
</div>`;
}
