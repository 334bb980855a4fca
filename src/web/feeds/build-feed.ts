import { Feed } from 'feed';
import type { WebEdition } from '../editions/web-edition.ts';
import { escapeHtml } from '../html.ts';
import { editionTitle } from '../pages/edition-page.ts';
import { editionContent, editionSummary } from './feed-content.ts';
import { EDITIONS_PATH, editionPath, feedPath, type FeedFormat } from './paths.ts';

export interface FeedInput {
  /** PUBLIC_BASE_URL: feeds carry absolute links. */
  baseUrl: string;
  /** `all` or a theme id, and its label. */
  scope: { id: string; label: string };
  /** The editions, newest first, each already cut to the scope (a theme's page for a theme's feed). */
  editions: readonly WebEdition[];
}

/** When the feed last changed: its newest edition's freeze time (a fixed time for an empty feed). */
export function feedUpdated(editions: readonly WebEdition[]): Date {
  const times = editions.map((e) => Date.parse(e.frozenAt)).filter((t) => !Number.isNaN(t));
  return new Date(times.length > 0 ? Math.max(...times) : 0);
}

// Atom's title and summary are typed html and RSS's are read as HTML (RSS Best Practices: encode & and <), so
// their text is escaped there; JSON Feed's title and summary are plain text.
function makeFeed(input: FeedInput, htmlText: boolean): Feed {
  const text = htmlText ? escapeHtml : (value: string) => value;
  const base = input.baseUrl.replace(/\/+$/, '');
  const all = input.scope.id === 'all';
  const feed = new Feed({
    id: `${base}${feedPath(input.scope.id, 'atom')}`,
    title: all ? 'Paperboy: Daily Papers' : `Paperboy: Daily Papers · ${input.scope.label}`,
    description: all
      ? 'Hugging Face Daily Papers sorted into topics, one item per edition.'
      : `Hugging Face Daily Papers on ${input.scope.label}, one item per edition.`,
    link: `${base}${EDITIONS_PATH}`,
    language: 'en',
    updated: feedUpdated(input.editions),
    generator: 'Paperboy',
    docs: 'https://www.rssboard.org/rss-specification',
    feedLinks: {
      rss: `${base}${feedPath(input.scope.id, 'rss')}`,
      atom: `${base}${feedPath(input.scope.id, 'atom')}`,
      json: `${base}${feedPath(input.scope.id, 'json')}`,
    },
    author: { name: 'Paperboy', link: `${base}/` },
  });
  for (const edition of input.editions) {
    const url = `${base}${editionPath(edition.date, edition.theme?.id)}`;
    const frozenAt = new Date(edition.frozenAt);
    feed.addItem({
      title: text(editionTitle(edition)),
      id: url,
      link: url,
      date: frozenAt,
      published: frozenAt,
      description: text(editionSummary(edition)),
      content: editionContent(edition, url),
    });
  }
  return feed;
}

/**
 * The JSON Feed 1.1 form of the `feed` package's JSON Feed 1.0 output: the 1.1 version URL, `authors` (1.1
 * deprecates the single `author`) and the feed's `language`.
 */
function jsonFeed11(json1: string): string {
  const feed = JSON.parse(json1) as Record<string, unknown> & { items: Record<string, unknown>[] };
  const upgrade = (o: Record<string, unknown>) => {
    if (o.author) {
      o.authors = [o.author];
      delete o.author;
    }
  };
  upgrade(feed);
  feed.items.forEach(upgrade);
  const { version: _v, title, items, ...rest } = feed;
  return JSON.stringify(
    { version: 'https://jsonfeed.org/version/1.1', title, ...rest, language: 'en', items },
    null,
    2,
  );
}

/** The feed of these editions in one format: RSS 2.0, Atom 1.0 (RFC 4287) or JSON Feed 1.1. */
export function buildFeed(input: FeedInput, format: FeedFormat): string {
  if (format === 'rss') return makeFeed(input, true).rss2();
  if (format === 'atom') return makeFeed(input, true).atom1();
  return jsonFeed11(makeFeed(input, false).json1());
}
