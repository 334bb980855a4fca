import type { WebEdition, WebPaper } from '../editions/web-edition.ts';
import { html, type SafeHtml } from '../html.ts';

const SUMMARY_CHARS = 320;

function cut(text: string): string {
  if (text.length <= SUMMARY_CHARS) return text;
  const slice = text.slice(0, SUMMARY_CHARS);
  return `${slice.slice(0, Math.max(slice.lastIndexOf(' '), SUMMARY_CHARS * 0.6)).replace(/[\s,;:.]+$/, '')}…`;
}

function paperEntry(paper: WebPaper): SafeHtml {
  const byline = [paper.authors, paper.organization].filter(Boolean).join(' · ');
  return html`<li>
    <p><strong>${paper.url ? html`<a href="${paper.url}">${paper.title}</a>` : paper.title}</strong>${
      byline ? html`<br />${byline}` : ''
    }</p>
    ${paper.summary ? html`<p>${cut(paper.summary)}</p>` : ''}
    ${
      paper.links.length > 0
        ? html`<p>${paper.links.map((l, i) => html`${i > 0 ? ' · ' : ''}<a href="${l.url}">${l.label}</a>`)}</p>`
        : ''
    }
  </li>`;
}

/** One line on what an edition holds: "12 papers: Visual RL (3) · Robotics (2) · Also trending (7)". */
export function editionSummary(edition: WebEdition): string {
  const parts = edition.sections.filter((s) => s.papers.length > 0).map((s) => `${s.label} (${s.papers.length})`);
  const count = `${edition.paperCount} paper${edition.paperCount === 1 ? '' : 's'}`;
  return parts.length > 0 ? `${count}: ${parts.join(' · ')}` : count;
}

/**
 * A feed item's HTML content: the edition's papers by section, in the page's order (title, authors, a short
 * summary and links), then a link to the page. Everything is escaped, so the content never holds a `]]>`.
 */
export function editionContent(edition: WebEdition, pageUrl: string): string {
  return html`${edition.sections
    .filter((s) => s.papers.length > 0)
    .map((s) => html`<h2>${s.label}</h2><ol>${s.papers.map(paperEntry)}</ol>`)}<p><a href="${pageUrl}"
        >Read this edition on the web</a
      ></p>`.value;
}
