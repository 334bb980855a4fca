import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDigest } from '../../../src/digest/index.ts';
import { THEMES, type Edition } from '../../../src/themes/index.ts';
import { escapeHtml } from '../../../src/web/html.ts';
import { publishEdition } from '../../support/published-edition.ts';
import { allMatches, startEditionsWeb } from './editions-support.ts';

type Web = Awaited<ReturnType<typeof startEditionsWeb>>;
const TITLES = /<h3 id="title-[^"]+"><a [^>]*>([^<]+)<\/a><\/h3>/g;

function digestSections(edition: Edition, topics: string[], perTopic: number, alsoTrending: boolean) {
  const result = composeDigest(edition, { topics, perTopic, alsoTrending }, { skipEmpty: false });
  if (result.kind !== 'digest') throw new Error('no digest');
  const sections = result.digest.sections.map((s) => s.papers.map((p) => escapeHtml(p.paper.title)));
  if (alsoTrending) sections.push(result.digest.alsoTrending.map((p) => escapeHtml(p.paper.title)));
  return sections;
}

/** The titles on the page, per section (in page order). */
function pageSections(body: string): string[][] {
  return body
    .split('<section class="topic"')
    .slice(1)
    .map((section) => allMatches(section, TITLES));
}

describe('web editions', () => {
  let web: Web;
  let monday: Edition;

  beforeAll(async () => {
    web = await startEditionsWeb('editions');
    await publishEdition(web.t.redis, web.t.keyspace, '2025-11-23', {
      days: ['2025-11-21', '2025-11-22', '2025-11-23'],
    });
    monday = await publishEdition(web.t.redis, web.t.keyspace, '2025-11-24');
    await publishEdition(web.t.redis, web.t.keyspace, '2025-11-25', { freeze: false });
  });
  afterAll(() => web?.close());

  it('the home page links the archive and advertises the RSS, Atom and JSON feeds', async () => {
    const home = await web.app.inject('/');
    expect(home.body).toContain('<a href="/editions">');
    for (const [type, path] of [
      ['application/rss+xml', '/feeds/all.rss'],
      ['application/atom+xml', '/feeds/all.atom'],
      ['application/feed+json', '/feeds/all.json'],
    ]) {
      const escaped = type!.replace('+', '\\+');
      expect(home.body).toMatch(
        new RegExp(`<link\\s+rel="alternate"\\s+type="${escaped}"\\s+title="[^"]+"\\s+href="${path}"`),
      );
    }
  });

  it('the archive links every published edition, newest first, and advertises the feeds', async () => {
    const index = await web.app.inject('/editions');
    expect(index.statusCode).toBe(200);
    expect(allMatches(index.body, /<h2><a href="([^"]+)">/g)).toEqual(['/editions/2025-11-24', '/editions/2025-11-23']);
    expect(index.body).toContain('Daily Papers, Friday 21 – Sunday 23 November 2025');
    expect(index.body).toContain('type="application/atom+xml"');
    for (const theme of THEMES) expect(index.body).toContain(`href="/feeds/${theme.id}.rss"`);
    expect(index.body).not.toContain('2025-11-25');
    expect(index.headers['cache-control']).toBe('public, max-age=300');
  });

  it('an edition page holds the whole edition in the email order, with thumbnails, summaries and links', async () => {
    const page = await web.app.inject('/editions/2025-11-24');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("img-src 'self' https:");
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).not.toContain('noindex');
    expect(page.body).toContain('<h1>Daily Papers, Monday 24 November 2025</h1>');

    const topics = THEMES.map((t) => t.id);
    const whole = digestSections(monday, topics, 20, true);
    expect(pageSections(page.body)).toEqual(whole);
    // The email (5 per topic) shows the start of each of the page's sections: the same papers, the same order.
    const email = digestSections(monday, topics, 5, true);
    email.forEach((papers, i) => expect(whole[i]!.slice(0, papers.length)).toEqual(papers));

    const paper = monday.sections[0]!.papers[0]!.paper;
    const card = page.body.slice(page.body.indexOf(`id="paper-${paper.id}"`));
    expect(card).toMatch(
      new RegExp(
        `<img src="${paper.thumbnail}" alt="${escapeHtml(paper.title)}" width="\\d+" height="\\d+" loading="lazy"`,
      ),
    );
    for (const url of [paper.links.abs, paper.links.pdf, paper.links.page]) expect(card).toContain(`href="${url}"`);
    expect(card).toContain(escapeHtml(paper.authors[0]!));
  });

  it('a theme page holds what a reader of that theme receives, and links back to the whole edition', async () => {
    const page = await web.app.inject('/editions/2025-11-24/robotics');
    expect(page.statusCode).toBe(200);
    expect(pageSections(page.body)).toEqual(digestSections(monday, ['robotics'], 20, false));
    expect(page.body).toContain('href="/editions/2025-11-24"');
    expect(page.body).toContain('href="/feeds/robotics.atom"');
  });

  it('answers 304 to a revalidation of an edition page', async () => {
    const first = await web.app.inject('/editions/2025-11-24');
    const again = await web.app.inject({
      url: '/editions/2025-11-24',
      headers: { 'if-none-match': first.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('a malformed date or page is a 400 naming the parameter; an unknown date, theme or page is a 404', async () => {
    for (const url of ['/editions/2025-13-01', '/editions/yesterday', '/editions/2025-02-30/robotics']) {
      const response = await web.app.inject(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.body).toContain('Invalid date parameter');
    }
    const page = await web.app.inject('/editions?page=first');
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Invalid page parameter');
    for (const url of [
      '/editions/2025-11-20',
      '/editions/2025-11-25',
      '/editions/2025-11-24/cooking',
      '/editions?page=2',
    ]) {
      expect((await web.app.inject(url)).statusCode, url).toBe(404);
    }
  });

  it('an edition that expired is gone from the web at once, however it was cached', async () => {
    await publishEdition(web.t.redis, web.t.keyspace, '2025-11-10');
    expect((await web.app.inject('/editions/2025-11-10')).statusCode).toBe(200);
    await web.t.redis.del(web.t.keyspace.key('edition', '2025-11-10'));
    expect((await web.app.inject('/editions/2025-11-10')).statusCode).toBe(404);
  });
});

describe('the archive, paged', () => {
  let web: Web;

  beforeAll(async () => {
    web = await startEditionsWeb('editions-paged');
    // 32 days: 1 October to 1 November 2025.
    for (let day = 0; day < 32; day++) {
      const date = new Date(Date.UTC(2025, 9, 1 + day)).toISOString().slice(0, 10);
      await publishEdition(web.t.redis, web.t.keyspace, date);
    }
  });
  afterAll(() => web?.close());

  it('shows 30 editions a page, with links to older and newer pages', async () => {
    const first = await web.app.inject('/editions');
    const links = allMatches(first.body, /<h2><a href="([^"]+)">/g);
    expect(links).toHaveLength(30);
    expect(links[0]).toBe('/editions/2025-11-01');
    expect(first.body).toContain('<a rel="next" href="/editions?page=2">');
    const second = await web.app.inject('/editions?page=2');
    expect(allMatches(second.body, /<h2><a href="([^"]+)">/g)).toEqual([
      '/editions/2025-10-02',
      '/editions/2025-10-01',
    ]);
    expect(second.body).toContain('<a rel="prev" href="/editions">');
    expect(second.body).not.toContain('rel="next"');
    expect((await web.app.inject('/editions?page=3')).statusCode).toBe(404);
  });
});
