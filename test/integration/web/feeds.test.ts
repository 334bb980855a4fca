import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDigest } from '../../../src/digest/index.ts';
import { THEMES, type Edition } from '../../../src/themes/index.ts';
import { escapeHtml } from '../../../src/web/html.ts';
import { skipXmlFeedTests, validateAtom, validateJsonFeed, validateRss } from '../../support/feed-validator.ts';
import { publishEdition } from '../../support/published-edition.ts';
import { allMatches, BASE_URL, startEditionsWeb } from './editions-support.ts';

type Web = Awaited<ReturnType<typeof startEditionsWeb>>;

/** The papers of the edition's every-topic digest, in the email's order (sections, then "Also trending"). */
function emailOrder(edition: Edition, topics = THEMES.map((t) => t.id), alsoTrending = true): string[] {
  const result = composeDigest(edition, { topics, perTopic: 20, alsoTrending }, { skipEmpty: false });
  if (result.kind !== 'digest') throw new Error('no digest');
  return [...result.digest.sections.flatMap((s) => s.papers), ...result.digest.alsoTrending].map((p) => p.paper.title);
}

/** The feed's items as (link, titles of the papers in its content), for each format. */
function itemsOf(format: 'rss' | 'atom' | 'json', body: string): { link: string; papers: string[] }[] {
  if (format === 'json') {
    const feed = JSON.parse(body) as { items: { url: string; content_html: string }[] };
    return feed.items.map((i) => ({
      link: i.url,
      papers: allMatches(i.content_html, /<strong><a [^>]*>([^<]+)<\/a>/g),
    }));
  }
  const tag = format === 'rss' ? 'item' : 'entry';
  return body
    .split(`<${tag}>`)
    .slice(1)
    .map((item) => ({
      link: (format === 'rss' ? /<link>([^<]+)<\/link>/.exec(item) : /<link href="([^"]+)"\/>/.exec(item))![1]!,
      papers: allMatches(item, /<strong><a [^>]*>([^<]+)<\/a>/g),
    }));
}

const VALIDATORS = { rss: validateRss, atom: validateAtom, json: validateJsonFeed };
const FORMATS = ['rss', 'atom', 'json'] as const;
const TYPES = { rss: 'application/rss+xml', atom: 'application/atom+xml', json: 'application/feed+json' };

describe.skipIf(skipXmlFeedTests())('feeds (RSS 2.0, Atom, JSON Feed 1.1)', () => {
  let web: Web;
  let monday: Edition;
  let sunday: Edition;

  beforeAll(async () => {
    web = await startEditionsWeb('feeds');
    sunday = await publishEdition(web.t.redis, web.t.keyspace, '2025-11-23', {
      days: ['2025-11-21', '2025-11-22', '2025-11-23'],
      // A title that needs escaping everywhere, and a ]]> that must not end a CDATA section.
      papers: (papers) => papers.map((p, i) => (i === 0 ? { ...p, title: `${p.title} <b>&</b> ]]> "q"` } : p)),
    });
    monday = await publishEdition(web.t.redis, web.t.keyspace, '2025-11-24');
    // Built but not sent yet: not published, so in no feed.
    await publishEdition(web.t.redis, web.t.keyspace, '2025-11-25', { freeze: false });
  });
  afterAll(() => web?.close());

  for (const format of FORMATS) {
    it(`/feeds/all.${format} validates, holds each edition's papers in the email's order, and links to its page`, async () => {
      const response = await web.app.inject(`/feeds/all.${format}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe(`${TYPES[format]}; charset=utf-8`);
      const validation = VALIDATORS[format](response.body);
      expect(validation.errors).toEqual([]);
      expect(validation.ok).toBe(true);

      const items = itemsOf(format, response.body);
      expect(items.map((i) => i.link)).toEqual([`${BASE_URL}/editions/2025-11-24`, `${BASE_URL}/editions/2025-11-23`]);
      // The content is HTML in every format: titles appear escaped.
      expect(items[0]!.papers).toEqual(emailOrder(monday).map(escapeHtml));
      expect(items[1]!.papers).toEqual(emailOrder(sunday).map(escapeHtml));
      expect(response.body).not.toContain('2025-11-25');

      // Each item leads to the web page of its edition, which shows those papers in that order.
      for (const item of items) {
        const page = await web.app.inject(item.link.replace(BASE_URL, ''));
        expect(page.statusCode).toBe(200);
        const shown = allMatches(page.body, /<h3 id="title-[^"]+"><a [^>]*>([^<]+)<\/a><\/h3>/g);
        expect(shown).toEqual(item.papers);
      }
    });

    it(`/feeds/robotics.${format} validates and holds the theme's papers, linking to the theme's page`, async () => {
      const response = await web.app.inject(`/feeds/robotics.${format}`);
      expect(response.statusCode).toBe(200);
      expect(VALIDATORS[format](response.body).errors).toEqual([]);
      const items = itemsOf(format, response.body);
      expect(items[0]!.link).toBe(`${BASE_URL}/editions/2025-11-24/robotics`);
      expect(items[0]!.papers).toEqual(emailOrder(monday, ['robotics'], false).map(escapeHtml));
      expect(items[0]!.papers.length).toBeGreaterThan(0);
      const page = await web.app.inject(items[0]!.link.replace(BASE_URL, ''));
      expect(allMatches(page.body, /<h3 id="title-[^"]+"><a [^>]*>([^<]+)<\/a><\/h3>/g)).toEqual(items[0]!.papers);
    });
  }

  it('answers 304 to If-None-Match and to If-Modified-Since, and 200 with a new ETag after a new edition', async () => {
    const first = await web.app.inject('/feeds/all.atom');
    const etag = first.headers.etag as string;
    const lastModified = first.headers['last-modified'] as string;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(lastModified).toBe(new Date('2025-11-24T07:00:00Z').toUTCString());
    expect(first.headers['cache-control']).toBe('public, max-age=300');

    const byEtag = await web.app.inject({ url: '/feeds/all.atom', headers: { 'if-none-match': etag } });
    expect(byEtag.statusCode).toBe(304);
    expect(byEtag.body).toBe('');
    expect(byEtag.headers.etag).toBe(etag);
    const byDate = await web.app.inject({ url: '/feeds/all.atom', headers: { 'if-modified-since': lastModified } });
    expect(byDate.statusCode).toBe(304);
    const older = await web.app.inject({
      url: '/feeds/all.atom',
      headers: { 'if-modified-since': new Date('2025-11-24T06:59:59Z').toUTCString() },
    });
    expect(older.statusCode).toBe(200);
    const otherTag = await web.app.inject({ url: '/feeds/all.atom', headers: { 'if-none-match': '"something-else"' } });
    expect(otherTag.statusCode).toBe(200);

    // A new edition goes out: the old validators no longer match.
    await publishEdition(web.t.redis, web.t.keyspace, '2025-11-26', { frozenAt: new Date('2025-11-26T07:00:00Z') });
    const after = await web.app.inject({
      url: '/feeds/all.atom',
      headers: { 'if-none-match': etag, 'if-modified-since': lastModified },
    });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(after.headers['last-modified']).toBe(new Date('2025-11-26T07:00:00Z').toUTCString());
    expect(itemsOf('atom', after.body)[0]!.link).toBe(`${BASE_URL}/editions/2025-11-26`);
  });

  it('answers 404 for an unknown feed', async () => {
    for (const url of ['/feeds/nothing.rss', '/feeds/all.xml', '/feeds/all']) {
      expect((await web.app.inject(url)).statusCode).toBe(404);
    }
  });
});
