import { footerHtml } from '../components/footer.mjml.ts';
import { mj, toSource } from '../components/mjml-kit.ts';
import { sectionHtml } from '../components/section-block.mjml.ts';
import { mjmlBlock, mjmlShell, styleOf } from '../components/shell.mjml.ts';
import type { DigestView } from './view.ts';

/** The inner HTML of `DigestHeader`. */
function header(v: DigestView) {
  const top = v.webEdition
    ? mj`<p class="pb-muted" style="${styleOf('topBar')}"><a class="pb-link" href="${v.webEdition}" style="${styleOf('link')}">View in browser</a></p>`
    : '';
  return mj`${top}<p class="pb-accent" style="${styleOf('brand')}">Paperboy · Daily Papers</p><h1 style="${styleOf('h1')}">${v.dateLong}</h1><p class="pb-muted" style="${styleOf('lead')}">${v.countLine}</p>${
    v.contents ? mj`<p class="pb-muted" style="${styleOf('contents')}">In this issue: ${v.contents}</p>` : ''
  }`;
}

/** The inner HTML of `MoreOnline`. */
function moreOnline(v: DigestView) {
  if (!v.moreOnline) return '';
  return mj`<p style="${styleOf('more')}"><a class="pb-link" href="${v.moreOnline.url}" style="${styleOf('link')}">${v.moreOnline.label}</a></p>`;
}

/**
 * The digest as MJML source; the counterpart of `DigestEmail`. The whole card is one `mj-text` (MJML wraps each
 * `mj-section` in about 2.5 KB of its own tables), holding the same markup the React components write.
 */
export function digestMjml(v: DigestView): string {
  const body = mjmlBlock(
    mj`${header(v)}${v.forYou ? sectionHtml(v.forYou) : ''}${v.sections.map(sectionHtml)}${
      v.alsoTrending ? sectionHtml(v.alsoTrending) : ''
    }${moreOnline(v)}${footerHtml(v.footer)}`,
  );
  return toSource(mjmlShell({ title: v.subject, preheader: v.preheader, body }));
}
