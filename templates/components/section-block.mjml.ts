import type { SectionView } from '../digest/view.ts';
import { boxHtml } from './layout.mjml.ts';
import { mj, type SafeMarkup } from './mjml-kit.ts';
import { paperItemHtml } from './paper-item.mjml.ts';
import { mjmlBlock, styleOf } from './shell.mjml.ts';

/** The inner HTML of a section, the same markup `SectionBlock` writes inside its padded cell. */
export function sectionHtml(section: SectionView): SafeMarkup {
  if (section.slot !== undefined) return mj`${section.slot}`;
  const empty = section.emptyNote
    ? boxHtml('ruleCell', mj`<p class="pb-muted" style="${styleOf('emptyNote')}">${section.emptyNote}</p>`, 'pb-rule')
    : '';
  return mj`<h2 class="pb-accent" style="${styleOf('h2')}">${section.label}</h2><p class="pb-muted" style="${styleOf('sectionDesc')}">${section.description}</p>${empty}${section.papers.map(paperItemHtml)}`;
}

/** The MJML counterpart of `SectionBlock` (the `mj-text` cell carries the padding). */
export function mjmlSection(section: SectionView): SafeMarkup {
  return mjmlBlock(sectionHtml(section));
}
