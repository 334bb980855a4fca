import { describe, expect, it } from 'vitest';
import { personalise, renderDigest, TEMPLATE_ENGINES } from '../../../src/render/index.ts';
import { context, digestWith, hrefs, recipient } from './digest-fixture.ts';

const hostile = digestWith({
  title: '<script>alert(1)</script>',
  authors: ['"><img src=x onerror=alert(1)>', "O'Brien & <b>Sons</b>"],
  organization: { name: 'x', fullname: '</p><a href="javascript:alert(2)">click</a>' },
  aiSummary: '<style>body{display:none}</style> summary with <iframe src="https://evil.example"></iframe>',
  githubStars: 10,
  links: {
    page: 'javascript:alert(3)',
    abs: 'https://arxiv.org/abs/1',
    pdf: 'data:text/html,<script>alert(4)</script>',
    code: 'https://github.com/ok/repo?a=1&b="><script>alert(5)</script>',
    project: ' JaVaScRiPt:alert(6)',
  },
});

describe.each(TEMPLATE_ENGINES)('escaping (%s)', (engine) => {
  it('shows hostile paper fields as text, never as markup', async () => {
    const { html } = personalise(await renderDigest(hostile, context, engine), recipient);
    expect(html).not.toMatch(/<script|<img|<iframe|<b>|<style>body/i);
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i); // no event-handler attribute on any tag
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toMatch(/&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;/);
    expect(html).toMatch(/O(&#x27;|&#39;)Brien &amp; &lt;b&gt;Sons&lt;\/b&gt;/);
  });

  it('turns only http(s) URLs into links and drops the rest', async () => {
    const { html, text } = personalise(await renderDigest(hostile, context, engine), recipient);
    for (const href of hrefs(html)) expect(href).toMatch(/^https?:\/\//);
    // The page, PDF and project URLs were javascript:/data: ones: gone from both parts, not merely escaped.
    for (const part of [html, text]) expect(part).not.toMatch(/alert\([346]\)/);
    // The code link survives, normalised so it cannot close its attribute.
    expect(hrefs(html)).toContain('https://github.com/ok/repo?a=1&amp;b=%22%3E%3Cscript%3Ealert(5)%3C/script%3E');
    // The title of a paper whose page URL was dropped still shows, unlinked.
    expect(html).toMatch(/<h3[^>]*>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/h3>/);
  });

  it('keeps the plain text free of markup it did not write', async () => {
    const { text } = personalise(await renderDigest(hostile, context, engine), recipient);
    expect(text).toContain('1. <script>alert(1)</script>');
    expect(text).not.toContain('Paper: javascript');
  });
});
