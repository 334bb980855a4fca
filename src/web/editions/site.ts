import { LRUCache } from 'lru-cache';
import type { WebContext } from '../context.ts';
import { buildFeed, feedUpdated } from '../feeds/build-feed.ts';
import { ALL_THEMES, type FeedFormat } from '../feeds/paths.ts';
import { html } from '../html.ts';
import { editionIndexBody } from '../pages/edition-index.ts';
import { editionBody, editionTitle } from '../pages/edition-page.ts';
import { EDITION_STYLE_ELEMENT } from '../pages/edition-style.ts';
import { feedAlternates, type FeedScope } from '../pages/feed-links.ts';
import { pageHtml } from '../respond.ts';
import { representation, type Representation } from './conditional.ts';
import { PublishedEditions, type PublishedEdition } from './published.ts';
import { webEdition } from './web-edition.ts';

/** Editions per page of the archive. */
export const INDEX_PAGE_SIZE = 30;
/** Editions (items) per feed. */
export const FEED_EDITIONS = 10;

const ALL_SCOPE: FeedScope = { id: ALL_THEMES, label: 'All topics' };
const stamp = (editions: readonly PublishedEdition[]) => editions.map((e) => `${e.date}@${e.frozenAt}`).join(',');

/**
 * The public side of the editions: the edition pages, the archive and the feeds, each rendered once per content
 * (the cache key names the editions and their freeze times, so a new or expired edition is a new key) and sent
 * with a strong ETag. Nothing here is personal.
 */
export class EditionSite {
  readonly published: PublishedEditions;
  private readonly rendered = new LRUCache<string, Representation>({
    maxSize: 32_000_000,
    sizeCalculation: (r) => Math.max(1, r.body.length),
  });

  constructor(private readonly ctx: WebContext) {
    this.published = new PublishedEditions(ctx.deps.redis, ctx.deps.keyspace);
  }

  /** `all` and every theme, as feed scopes. */
  scopes(): FeedScope[] {
    return [ALL_SCOPE, ...this.ctx.topics.map((t) => ({ id: t.id, label: t.label }))];
  }

  isTheme(id: string): boolean {
    return this.ctx.topics.some((t) => t.id === id);
  }

  /** The page of an edition (or of one of its themes), or undefined when there is none. */
  async editionPage(date: string, themeId?: string): Promise<Representation | undefined> {
    const edition = await this.published.get(date);
    if (!edition) return undefined;
    return this.cached(`e:${date}@${edition.frozenAt}/${themeId ?? ''}`, () => {
      const view = webEdition(edition, themeId);
      if (!view) return undefined;
      const scopes = view.theme ? [ALL_SCOPE, view.theme] : [ALL_SCOPE];
      const body = pageHtml(this.ctx, {
        title: editionTitle(view),
        body: editionBody(view, scopes),
        head: html`${EDITION_STYLE_ELEMENT}${feedAlternates(scopes)}`,
        indexable: true,
      });
      return representation(body, new Date(edition.frozenAt));
    });
  }

  /** Page `page` (from 1) of the archive, or undefined past its end (page 1 always exists). */
  async indexPage(page: number): Promise<Representation | undefined> {
    const offset = (page - 1) * INDEX_PAGE_SIZE;
    const { total, editions } = await this.published.page(offset, INDEX_PAGE_SIZE);
    if (page > 1 && offset >= total) return undefined;
    const hasOlder = offset + INDEX_PAGE_SIZE < total;
    return this.cached(`i:${page}:${total}:${stamp(editions)}`, () => {
      const views = editions.map((e) => webEdition(e)).filter((v) => v !== undefined);
      const body = pageHtml(this.ctx, {
        title: page > 1 ? `Editions, page ${page}` : 'Editions',
        body: editionIndexBody({ editions: views, page, hasOlder }, this.scopes()),
        head: html`${EDITION_STYLE_ELEMENT}${feedAlternates([ALL_SCOPE])}`,
        indexable: true,
      });
      return representation(body, feedUpdated(views));
    });
  }

  /** A feed: `all` or a theme, in one format (the caller checked the scope). */
  async feed(scope: FeedScope, format: FeedFormat): Promise<Representation> {
    const editions = await this.published.latest(FEED_EDITIONS);
    const themeId = scope.id === ALL_THEMES ? undefined : scope.id;
    const rep = this.cached(`f:${scope.id}.${format}:${stamp(editions)}`, () => {
      const views = editions.map((e) => webEdition(e, themeId)).filter((v) => v !== undefined);
      const body = buildFeed({ baseUrl: this.ctx.deps.config.web.publicBaseUrl, scope, editions: views }, format);
      return representation(body, feedUpdated(views));
    });
    return rep!;
  }

  private cached(key: string, render: () => Representation | undefined): Representation | undefined {
    const hit = this.rendered.get(key);
    if (hit) return hit;
    const rep = render();
    if (rep) this.rendered.set(key, rep);
    return rep;
  }
}
