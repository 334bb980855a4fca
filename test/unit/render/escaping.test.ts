import { describe, expect, it } from 'vitest';
import { personalise, renderDigest, TEMPLATE_ENGINES } from '../../../src/render/index.ts';
import { cutAtWord } from '../../../templates/components/clean.ts';
import { context, digestWith, hrefs, recipient } from './digest-fixture.ts';

const hostile = digestWith({
  title: '<script>alert(1)</script>',
  authors: ['"><img src=x onerror=alert(1)>', "O'Brien & <b>Sons</b>"],
  organization: { name: 'x', fullname: '</p><a href="javascript:alert(2)">click</a>' },
  aiSummary: '<style>body{display:none}</style> summary with <iframe src="https://evil.example"></iframe>',
  githubStars: 10,
  thumbnail: 'javascript:alert(7)',
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
    expect(html).not.toMatch(/<script|<iframe|<b>|<style>body/i);
    // The only images are the other papers' thumbnails; the hostile paper's javascript: thumbnail is gone.
    const images = html.match(/<img[^>]*>/g) ?? [];
    expect(images).toHaveLength(hostile.sections.flatMap((s) => s.papers).length + hostile.alsoTrending.length - 1);
    for (const img of images) expect(img).toMatch(/^<img src="https:\/\/cdn-thumbnails\.huggingface\.co\/[^"]+\.png"/);
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i); // no event-handler attribute on any tag
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toMatch(/&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;/);
    expect(html).toMatch(/O(&#x27;|&#39;)Brien &amp; &lt;b&gt;Sons&lt;\/b&gt;/);
  });

  it('turns only http(s) URLs into links and drops the rest', async () => {
    const { html, text } = personalise(await renderDigest(hostile, context, engine), recipient);
    for (const href of hrefs(html)) expect(href).toMatch(/^https?:\/\//);
    // The page, PDF and project URLs were javascript:/data: ones: gone from both parts, not merely escaped.
    for (const part of [html, text]) expect(part).not.toMatch(/alert\([3467]\)/);
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

/** Every paper of the fixed digest with the given title (so it is also the subject's top paper). */
function everyTitle(title: string) {
  const digest = digestWith({});
  const retitle = <T extends { paper: object }>(ep: T): T => ({ ...ep, paper: { ...ep.paper, title } });
  return {
    ...digest,
    sections: digest.sections.map((s) => ({ ...s, papers: s.papers.map(retitle) })),
    alsoTrending: digest.alsoTrending.map(retitle),
  };
}

// Every bidi control and invisible format character a title could use to read differently than it is stored.
const INVISIBLES = [
  '\u200E',
  '\u200F',
  '\u061C',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\u2061',
  '\u2064',
  '\uFEFF',
  '\u180E',
  '\u00AD',
  '\u3164',
  '\u{E0041}',
  '\u{E007F}',
];

describe.each(TEMPLATE_ENGINES)('invisible and broken text (%s)', (engine) => {
  it('strips every bidi control and invisible character from paper text, in the HTML, the text and the subject', async () => {
    const digest = everyTitle(`Safe${INVISIBLES.join('')}Title: about ${INVISIBLES.join('x')}`);
    const email = personalise(await renderDigest(digest, context, engine), recipient);
    // Our own preheader filler (U+034F U+200C U+00A0, which MJML turns into a space) is invisible on purpose.
    const html = email.html.replace(/(\u034F\u200C[\u00A0 ]?)+/g, '');
    for (const ch of INVISIBLES) {
      const name = `U+${ch.codePointAt(0)!.toString(16).toUpperCase()}`;
      expect(email.subject.includes(ch), `${name} in the subject`).toBe(false);
      expect(email.text.includes(ch), `${name} in the text`).toBe(false);
      expect(html.includes(ch), `${name} in the HTML`).toBe(false);
    }
    expect(email.subject).toContain('SafeTitle');
  });

  it('repairs lone surrogates before the subject is built, also where a cut would split an emoji', async () => {
    const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
    // A lone high and a lone low surrogate from upstream, and an emoji that straddles the 32-character cut.
    for (const title of [
      'Broken \uD83D title \uDE00 here',
      `${'a'.repeat(31)}\u{1F916}${' and more words'.repeat(3)}`,
    ]) {
      const email = await renderDigest(everyTitle(title), context, engine);
      expect(wellFormed(email.subject), JSON.stringify(email.subject)).toBe(true);
      expect(wellFormed(email.text)).toBe(true);
      expect(wellFormed(email.html)).toBe(true);
    }
  });
});

describe('cutAtWord', () => {
  it('never leaves half of a surrogate pair at the cut', () => {
    const cut = cutAtWord(`${'a'.repeat(31)}\u{1F916}bcdefgh`, 32);
    expect(cut).toBe(`${'a'.repeat(31)}…`);
  });
});
