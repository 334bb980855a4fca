import { describe, expect, it } from 'vitest';
import { loadSampleDay } from '../../../src/papers/index.ts';
import { buildEdition } from '../../../src/themes/index.ts';
import { webEdition } from '../../../src/web/editions/web-edition.ts';
import { buildFeed } from '../../../src/web/feeds/build-feed.ts';
import { skipXmlFeedTests, validateAtom, validateJsonFeed, validateRss } from '../../support/feed-validator.ts';

const edition = {
  ...buildEdition('2025-11-24', loadSampleDay().papers, { now: new Date('2025-11-24T06:00:00Z') }),
  frozenAt: '2025-11-24T07:00:00.000Z',
};
const scope = { id: 'image-generation', label: 'Image & video generation' };

describe('buildFeed', () => {
  it('writes JSON Feed 1.1 with plain-text titles and summaries', () => {
    const view = webEdition(edition, 'image-generation')!;
    const json = buildFeed({ baseUrl: 'https://paperboy.test/', scope, editions: [view] }, 'json');
    expect(validateJsonFeed(json).errors).toEqual([]);
    const feed = JSON.parse(json) as { title: string; items: { title: string; url: string; summary: string }[] };
    expect(feed.title).toBe('Paperboy: Daily Papers · Image & video generation');
    expect(feed.items[0]!.title).toBe('Image & video generation · Daily Papers, Monday 24 November 2025');
    expect(feed.items[0]!.url).toBe('https://paperboy.test/editions/2025-11-24/image-generation');
    expect(feed.items[0]!.summary).toMatch(/^\d+ papers: Image & video generation \(\d+\)$/);
  });

  it.skipIf(skipXmlFeedTests())('escapes titles in Atom and RSS, where they are HTML', () => {
    const view = webEdition(edition, 'image-generation')!;
    const atom = buildFeed({ baseUrl: 'https://paperboy.test', scope, editions: [view] }, 'atom');
    const rss = buildFeed({ baseUrl: 'https://paperboy.test', scope, editions: [view] }, 'rss');
    expect(validateAtom(atom).errors).toEqual([]);
    expect(validateRss(rss).errors).toEqual([]);
    expect(atom).toContain('<![CDATA[Image &amp; video generation · Daily Papers, Monday 24 November 2025]]>');
    expect(rss).toContain('<![CDATA[Image &amp; video generation · Daily Papers, Monday 24 November 2025]]>');
  });

  it.skipIf(skipXmlFeedTests())('writes valid empty feeds before the first edition', () => {
    const input = { baseUrl: 'https://paperboy.test', scope: { id: 'all', label: 'All topics' }, editions: [] };
    expect(validateAtom(buildFeed(input, 'atom')).errors).toEqual([]);
    expect(validateRss(buildFeed(input, 'rss')).errors).toEqual([]);
    expect(validateJsonFeed(buildFeed(input, 'json')).errors).toEqual([]);
  });
});
