import type { PaperView } from '../digest/paper-view.ts';
import type { EmailLink } from '../types.ts';
import { boxHtml, layoutTableHtml } from './layout.mjml.ts';
import { mj, type SafeMarkup } from './mjml-kit.ts';
import { styleOf } from './shell.mjml.ts';
import { styles } from './styles.ts';

function linkLine(lead: string | undefined, links: EmailLink[]): SafeMarkup {
  const items = links.map(
    (link, i) =>
      mj`${lead || i > 0 ? ' · ' : ''}<a class="pb-link" href="${link.url}" style="${styleOf('link')}">${link.label}</a>`,
  );
  return mj`<p class="pb-muted" style="${styleOf('links')}">${lead}${items}</p>`;
}

function thumbnailCell(paper: PaperView, src: string): SafeMarkup {
  const { width, height } = styles.thumb;
  const img = mj`<img src="${src}" width="${width}" height="${height}" alt="${paper.title}" style="${styleOf('thumb')}"/>`;
  return mj`<td class="pb-thumb" width="${styles.thumbCell.width}" style="${styleOf('thumbCell')}">${paper.url ? mj`<a href="${paper.url}">${img}</a>` : img}</td>`;
}

/** The MJML (inner HTML) counterpart of `PaperItem`: the same markup. */
export function paperItemHtml(paper: PaperView): SafeMarkup {
  if (paper.slot !== undefined) return mj`${paper.slot}`;
  const byline = [paper.authors, paper.organization].filter(Boolean).join(' · ');
  const title = paper.url
    ? mj`<a class="pb-link" href="${paper.url}" style="${styleOf('titleLink')}">${paper.title}</a>`
    : paper.title;
  const text = mj`<h3 style="${styleOf('h3')}">${title}</h3>${
    byline ? mj`<p class="pb-muted" style="${styleOf('meta')}">${byline}</p>` : ''
  }${paper.why ? mj`<p class="pb-muted" style="${styleOf('why')}">${paper.why}</p>` : ''}<p style="${styleOf('summary')}">${paper.summary}</p>${linkLine(paper.stats, paper.links)}${
    paper.feedback.length > 0 ? linkLine(undefined, paper.feedback) : ''
  }`;
  const body = paper.thumbnail
    ? layoutTableHtml(
        mj`<tr>${thumbnailCell(paper, paper.thumbnail)}<td style="${styleOf('textCell')}">${text}</td></tr>`,
      )
    : text;
  return boxHtml('ruleCell', body, 'pb-rule');
}
