import type { WebEdition } from '../editions/web-edition.ts';
import { editionSummary } from '../feeds/feed-content.ts';
import { EDITIONS_PATH, editionPath } from '../feeds/paths.ts';
import { html, type SafeHtml } from '../html.ts';
import { feedList, type FeedScope } from './feed-links.ts';

export interface IndexPage {
  editions: readonly WebEdition[];
  page: number;
  hasOlder: boolean;
}

const pagePath = (page: number) => (page <= 1 ? EDITIONS_PATH : `${EDITIONS_PATH}?page=${page}`);

/** The archive: a link to every published edition's page, newest first, paged, and the feeds. */
export function editionIndexBody(index: IndexPage, feeds: readonly FeedScope[]): SafeHtml {
  const { page, hasOlder } = index;
  return html`<h1>Editions${page > 1 ? html` <span class="count">(page ${page})</span>` : ''}</h1>
    <p class="lead">Every Daily Papers edition Paperboy has sent, newest first. Each page holds all of the day's
      papers, by topic.</p>
    ${
      index.editions.length > 0
        ? html`<ol class="editions">
          ${index.editions.map(
            (e) => html`<li>
              <h2><a href="${editionPath(e.date)}">Daily Papers, ${e.span}</a></h2>
              <p class="meta">${editionSummary(e)}</p>
            </li>`,
          )}
        </ol>`
        : html`<p>No editions yet.</p>`
    }
    ${
      page > 1 || hasOlder
        ? html`<nav class="pager" aria-label="Pages of editions">
          ${page > 1 ? html`<a rel="prev" href="${pagePath(page - 1)}">Newer editions</a>` : html`<span></span>`}
          ${hasOlder ? html`<a rel="next" href="${pagePath(page + 1)}">Older editions</a>` : ''}
        </nav>`
        : ''
    }
    <section aria-labelledby="feeds-heading">
      <h2 id="feeds-heading">Follow in a feed reader</h2>
      ${feedList(feeds)}
    </section>`;
}
