/** The feed formats, each at `/feeds/<scope>.<extension>`. */
export const FEED_FORMATS = {
  rss: { extension: 'rss', contentType: 'application/rss+xml; charset=utf-8', label: 'RSS' },
  atom: { extension: 'atom', contentType: 'application/atom+xml; charset=utf-8', label: 'Atom' },
  json: { extension: 'json', contentType: 'application/feed+json; charset=utf-8', label: 'JSON Feed' },
} as const;

export type FeedFormat = keyof typeof FEED_FORMATS;
export const FEED_FORMAT_NAMES = Object.keys(FEED_FORMATS) as FeedFormat[];

/** The scope of the feed of every theme (a theme's feed is named by its id). */
export const ALL_THEMES = 'all';

/** `/feeds/all.rss`, `/feeds/visual-rl.atom`, ... */
export function feedPath(scope: string, format: FeedFormat): string {
  return `/feeds/${scope}.${FEED_FORMATS[format].extension}`;
}

/** Reads `visual-rl.atom` into its scope and format, or undefined. */
export function parseFeedName(name: string): { scope: string; format: FeedFormat } | undefined {
  const match = /^([a-z0-9][a-z0-9-]{0,62})\.(rss|atom|json)$/.exec(name);
  if (!match) return undefined;
  return { scope: match[1]!, format: match[2] as FeedFormat };
}

/** `/editions/2025-11-24`, or a theme's page `/editions/2025-11-24/visual-rl`. */
export function editionPath(date: string, themeId?: string): string {
  return themeId === undefined ? `/editions/${date}` : `/editions/${date}/${themeId}`;
}

export const EDITIONS_PATH = '/editions';
