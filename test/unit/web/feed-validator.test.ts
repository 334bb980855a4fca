import { describe, expect, it } from 'vitest';
import { skipXmlFeedTests, validateAtom, validateJsonFeed, validateRss } from '../../support/feed-validator.ts';

// The validators must be able to say no: each broken feed here breaks one rule of its format.
const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>https://paperboy.test/feeds/all.atom</id>
  <title>Feed</title>
  <updated>2025-11-24T07:00:00Z</updated>
  <author><name>Paperboy</name></author>
  <entry>
    <title>Item</title>
    <id>https://paperboy.test/editions/2025-11-24</id>
    <link href="https://paperboy.test/editions/2025-11-24"/>
    <updated>2025-11-24T07:00:00Z</updated>
  </entry>
</feed>`;

const RSS = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Feed</title>
    <link>https://paperboy.test/editions</link>
    <description>Papers</description>
    <item>
      <title>Item</title>
      <link>https://paperboy.test/editions/2025-11-24</link>
      <guid isPermaLink="false">https://paperboy.test/editions/2025-11-24</guid>
      <pubDate>Mon, 24 Nov 2025 07:00:00 GMT</pubDate>
      <content:encoded><![CDATA[<p>Hello</p>]]></content:encoded>
    </item>
  </channel>
</rss>`;

describe.skipIf(skipXmlFeedTests())('the XML feed validators (xmllint and RELAX NG)', () => {
  it('accept valid Atom and RSS', () => {
    expect(validateAtom(ATOM)).toEqual({ ok: true, errors: [] });
    expect(validateRss(RSS)).toEqual({ ok: true, errors: [] });
  });

  it.each([
    ['no id', ATOM.replace('<id>https://paperboy.test/feeds/all.atom</id>', '')],
    [
      'a date that is not RFC 3339',
      ATOM.replace('<updated>2025-11-24T07:00:00Z</updated>\n  <author>', '<updated>24/11/2025</updated>\n  <author>'),
    ],
    ['an unknown Atom element', ATOM.replace('<title>Item</title>', '<title>Item</title><colour>red</colour>')],
    ['no author anywhere', ATOM.replace('<author><name>Paperboy</name></author>', '')],
    ['an entry without link or content', ATOM.replace('<link href="https://paperboy.test/editions/2025-11-24"/>', '')],
  ])('reject Atom with %s', (_name, xml) => {
    expect(validateAtom(xml).ok).toBe(false);
  });

  it.each([
    ['version 0.91', RSS.replace('version="2.0"', 'version="0.91"')],
    ['a channel without description', RSS.replace('<description>Papers</description>', '')],
    ['an item with neither title nor description', RSS.replace('<title>Item</title>', '')],
    ['a pubDate that is not RFC 822', RSS.replace('Mon, 24 Nov 2025 07:00:00 GMT', '2025-11-24T07:00:00Z')],
    [
      'an unknown element without a namespace',
      RSS.replace('<title>Item</title>', '<title>Item</title><colour>red</colour>'),
    ],
    ['two links in an item', RSS.replace('<title>Item</title>', '<title>Item</title><link>https://a.test/</link>')],
  ])('reject RSS with %s', (_name, xml) => {
    expect(validateRss(xml).ok).toBe(false);
  });
});

describe('the JSON Feed 1.1 validator (zod)', () => {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Feed',
    authors: [{ name: 'Paperboy' }],
    items: [{ id: 'a', url: 'https://paperboy.test/editions/2025-11-24', content_html: '<p>x</p>', _paperboy: {} }],
  };

  it('accepts a valid feed (with an underscore extension)', () => {
    expect(validateJsonFeed(JSON.stringify(feed))).toEqual({ ok: true, errors: [] });
  });

  it.each([
    ['version 1', { ...feed, version: 'https://jsonfeed.org/version/1' }],
    ['no title', { ...feed, title: undefined }],
    ['an item without content', { ...feed, items: [{ id: 'a' }] }],
    ['an item without id', { ...feed, items: [{ content_text: 'x' }] }],
    ['a date that is not RFC 3339', { ...feed, items: [{ id: 'a', content_text: 'x', date_published: 'Monday' }] }],
    ['an unknown key', { ...feed, colour: 'red' }],
    ['an empty author', { ...feed, authors: [{}] }],
  ])('rejects a feed with %s', (_name, value) => {
    expect(validateJsonFeed(JSON.stringify(value)).ok).toBe(false);
  });

  it('rejects text that is not JSON', () => {
    expect(validateJsonFeed('<rss/>').ok).toBe(false);
  });
});
