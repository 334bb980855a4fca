import { describe, expect, it } from 'vitest';
import { personalise, render, renderDigest, TEMPLATE_ENGINES } from '../../../src/render/index.ts';
import { context, fixedDigest, hrefs, recipient, unescapeAttr } from './digest-fixture.ts';

describe.each(TEMPLATE_ENGINES)('digest (%s)', (engine) => {
  it('matches the snapshot (HTML and plain text)', async () => {
    const email = personalise(await renderDigest(fixedDigest(), context, engine), recipient);
    await expect(email.html).toMatchFileSnapshot(`__snapshots__/digest.${engine}.html.snap`);
    await expect(email.text).toMatchFileSnapshot(`__snapshots__/digest.txt`);
    expect(email.subject).toBe('Daily Papers, 24 Nov: Think with Crops + 5 more');
  });

  it('renders the same way every time', async () => {
    const [a, b] = await Promise.all([
      renderDigest(fixedDigest(), context, engine),
      renderDigest(fixedDigest(), context, engine),
    ]);
    expect(a).toEqual(b);
  });

  it('has the structure the quality bar asks for', async () => {
    const digest = fixedDigest();
    const { html } = personalise(await renderDigest(digest, context, engine), recipient);
    expect(html).toMatch(/<html[^>]* lang="en"/);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html.match(/<h2[\s>]/g)).toHaveLength(digest.sections.length + 1);
    const paperCount = digest.sections.reduce((n, s) => n + s.papers.length, 0) + digest.alsoTrending.length;
    expect(html.match(/<h3[\s>]/g)).toHaveLength(paperCount);
    for (const table of html.match(/<table[^>]*>/g) ?? []) expect(table).toContain('role="presentation"');
    expect(html).not.toMatch(/<script|<link[^>]+stylesheet|@import/i);
    // A thumbnail per paper: a fixed box (width and height), alt = the title, inside a table cell.
    const images = html.match(/<img[^>]*>/g) ?? [];
    expect(images).toHaveLength(paperCount);
    for (const img of images) {
      expect(img).toMatch(/ width="120" height="65" /);
      expect(img).toMatch(/ alt="[^"]{10,}"/);
    }
    expect(html.match(/<td class="pb-thumb"[^>]*>(<a [^>]*>)?<img /g)).toHaveLength(paperCount);
    // Separators and padding on table cells, not on divs (classic Outlook ignores those).
    expect(html).not.toMatch(/<div[^>]*style="[^"]*(border-top|padding:\s*\d+px 0)/);
    expect(html).toContain('name="color-scheme"');
    expect(html).toContain(context.postalAddress);
  });

  it('lists every link of the HTML in the plain text', async () => {
    const email = personalise(await renderDigest(fixedDigest(), context, engine), recipient);
    const links = hrefs(email.html).map(unescapeAttr);
    expect(links.length).toBeGreaterThan(20);
    for (const link of links) expect(email.text).toContain(link);
    expect(email.text).toContain(`Manage your topics: ${recipient.manageUrl}`);
    expect(email.text).toContain(`Unsubscribe: ${recipient.unsubscribeUrl}`);
  });

  it('links each title to its paper page and shows code stars', async () => {
    const digest = fixedDigest();
    const { html, text } = personalise(await renderDigest(digest, context, engine), recipient);
    for (const ep of digest.sections.flatMap((s) => s.papers)) {
      expect(html).toContain(`href="${ep.paper.links.page}"`);
      expect(text).toContain(ep.paper.title);
    }
    expect(html).toContain('Code (★ 4k)');
  });

  it('renders through the generic render() with real links, same as render-once-then-personalise', async () => {
    const direct = await render('digest', { digest: fixedDigest(), context, links: recipient }, engine);
    const viaPlaceholders = personalise(await renderDigest(fixedDigest(), context, engine), recipient);
    expect(direct).toEqual(viaPlaceholders);
  });
});

describe('digest subject', () => {
  it('names the top papers and counts the rest', async () => {
    const digest = fixedDigest();
    const one = {
      ...digest,
      sections: [{ ...digest.sections[0]!, papers: digest.sections[0]!.papers.slice(0, 1) }],
      paperCount: 1,
    };
    expect((await renderDigest(one, context, 'react')).subject).toBe('Daily Papers, 24 Nov: Think with Crops');
    const trendingOnly = { ...digest, sections: [], paperCount: 0 };
    const email = await renderDigest(trendingOnly, context, 'react');
    expect(email.subject).toBe('Daily Papers, 24 Nov: Sparse Mixtures of Experts Learn… + 2 more trending');
    expect(email.html).toContain('No new papers in your topics today');
  });
});
