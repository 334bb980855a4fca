import { mjmlFooter } from '../components/footer.mjml.ts';
import { mj, toSource } from '../components/mjml-kit.ts';
import { mjmlSection } from '../components/section-block.mjml.ts';
import { mjmlBlock, mjmlShell, styleOf } from '../components/shell.mjml.ts';
import type { DigestView } from './view.ts';

/** The digest as MJML source; the counterpart of `DigestEmail`. */
export function digestMjml(v: DigestView): string {
  const header = mjmlBlock(mj`<p class="pb-accent" style="${styleOf('brand')}">Paperboy · Daily Papers</p>
<h1 style="${styleOf('h1')}">${v.dateLong}</h1>
<p class="pb-muted" style="${styleOf('lead')}">${v.countLine}</p>
${v.contents ? mj`<p class="pb-muted" style="${styleOf('contents')}">In this issue: ${v.contents}</p>` : ''}`);
  const body = mj`${header}${v.sections.map(mjmlSection)}${v.alsoTrending ? mjmlSection(v.alsoTrending) : ''}${mjmlFooter(v.footer)}`;
  return toSource(mjmlShell({ title: v.subject, preheader: v.preheader, body }));
}
