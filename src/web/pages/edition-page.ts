import { ALSO_TRENDING_ID, type WebEdition, type WebPaper, type WebSection } from '../editions/web-edition.ts';
import { EDITIONS_PATH, editionPath } from '../feeds/paths.ts';
import { html, type SafeHtml } from '../html.ts';
import { feedList, type FeedScope } from './feed-links.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "Daily Papers, Monday 24 November 2025" (and the theme first on a theme's page). */
export function editionTitle(edition: Pick<WebEdition, 'span' | 'theme'>): string {
  const title = `Daily Papers, ${edition.span}`;
  return edition.theme ? `${edition.theme.label} · ${title}` : title;
}

function paperItem(paper: WebPaper): SafeHtml {
  const byline = [paper.authors, paper.organization].filter(Boolean).join(' · ');
  return html`<li class="paper" id="paper-${paper.id}">
    <article aria-labelledby="title-${paper.id}">
      <h3 id="title-${paper.id}">${paper.url ? html`<a href="${paper.url}">${paper.title}</a>` : paper.title}</h3>
      ${byline ? html`<p class="meta">${byline}</p>` : ''}
      <p class="meta">${plural(paper.upvotes, 'upvote')} · ${plural(paper.comments, 'comment')}</p>
      ${
        paper.thumbnail
          ? html`<img src="${paper.thumbnail}" alt="${paper.title}" width="1200" height="648" loading="lazy" decoding="async" />`
          : ''
      }
      ${paper.summary ? html`<p class="summary">${paper.summary}</p>` : ''}
      ${
        paper.links.length > 0
          ? html`<ul class="links" aria-label="Links for this paper">
            ${paper.links.map((l) => html`<li><a href="${l.url}">${l.label}</a></li>`)}
          </ul>`
          : ''
      }
    </article>
  </li>`;
}

function sectionBlock(section: WebSection, topicPage: string | undefined): SafeHtml {
  const headingId = `topic-${section.id}`;
  return html`<section class="topic" aria-labelledby="${headingId}">
    <h2 id="${headingId}">${section.label}</h2>
    ${section.description ? html`<p class="desc">${section.description}</p>` : ''}
    ${topicPage ? html`<p class="meta"><a href="${topicPage}">${section.label} only</a></p>` : ''}
    ${
      section.papers.length > 0
        ? html`<ol class="papers">
          ${section.papers.map(paperItem)}
        </ol>`
        : html`<p>No ${section.label} papers in this edition.</p>`
    }
  </section>`;
}

/**
 * The body of an edition's page (or of one theme's page): every paper with its thumbnail, summary, authors and
 * links, in the email's order, then the feeds.
 */
export function editionBody(edition: WebEdition, feeds: readonly FeedScope[]): SafeHtml {
  const themed = edition.theme !== undefined;
  return html`<nav class="crumbs" aria-label="Breadcrumb">
      <a href="${EDITIONS_PATH}">All editions</a>${
        themed ? html` › <a href="${editionPath(edition.date)}">${edition.span}</a>` : ''
      }
    </nav>
    <h1>${editionTitle(edition)}</h1>
    <p class="count">${plural(edition.paperCount, 'paper')}</p>
    ${
      !themed && edition.sections.length > 1
        ? html`<nav class="toc" aria-label="Topics in this edition">
          <ul>
            ${edition.sections.map((s) => html`<li><a href="#topic-${s.id}">${s.label} (${s.papers.length})</a></li>`)}
          </ul>
        </nav>`
        : ''
    }
    ${edition.sections.map((s) =>
      sectionBlock(s, themed || s.id === ALSO_TRENDING_ID ? undefined : editionPath(edition.date, s.id)),
    )}
    <section aria-labelledby="feeds-heading">
      <h2 id="feeds-heading">Follow in a feed reader</h2>
      ${feedList(feeds)}
    </section>`;
}
