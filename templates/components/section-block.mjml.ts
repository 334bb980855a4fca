import type { SectionView } from '../digest/view.ts';
import { mj, type SafeMarkup } from './mjml-kit.ts';
import { paperItemHtml } from './paper-item.mjml.ts';
import { mjmlBlock, styleOf } from './shell.mjml.ts';

/** The MJML counterpart of `SectionBlock`. */
export function mjmlSection(section: SectionView): SafeMarkup {
  const empty = section.emptyNote
    ? mj`<p class="pb-muted" style="${styleOf('emptyNote')}">${section.emptyNote}</p>\n`
    : '';
  return mjmlBlock(mj`<h2 class="pb-accent" style="${styleOf('h2')}">${section.label}</h2>
<p class="pb-muted" style="${styleOf('sectionDesc')}">${section.description}</p>
${empty}${section.papers.map(paperItemHtml)}`);
}
