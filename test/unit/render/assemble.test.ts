import { describe, expect, it } from 'vitest';
import { digestTemplate } from '../../../templates/index.ts';
import { DigestAssembler, type ReaderLinks } from '../../../src/render/assemble.ts';
import { joinSpliced, render, TEMPLATE_ENGINES } from '../../../src/render/index.ts';
import type { DigestEmailProps } from '../../../src/render/index.ts';

const links: ReaderLinks = {
  manageUrl: 'https://paperboy.example.org/preferences?token=m.an&age=1',
  unsubscribeUrl: 'https://paperboy.example.org/unsubscribe?token=un-sub',
  feedbackUrl: (paperId, vote) => `https://paperboy.example.org/feedback?token=${vote}-${encodeURIComponent(paperId)}`,
};

describe.each(TEMPLATE_ENGINES)('an assembled digest (%s)', (engine) => {
  // Every sample digest (the busy day, one topic, only trending, a weekend, a reader's own with "For you" and why
  // lines): assembling it from its skeleton and paper blocks gives exactly what rendering it whole gives.
  it.each(Object.keys(digestTemplate.samples))('is byte for byte the rendered email: %s', async (sample) => {
    const props = digestTemplate.samples[sample]!;
    const assembler = new DigestAssembler(engine, props.context);
    const assembled = await assembler.assemble(props.digest, links);
    const whole = await render('digest', { ...props, links } satisfies DigestEmailProps, engine);
    const html = joinSpliced(assembled.html);
    expect(html).toBe(whole.html);
    expect(joinSpliced(assembled.text)).toBe(whole.text);
    expect(assembled.subject).toBe(whole.subject);
    expect(assembled.preheader).toBe(whole.preheader);
    expect(assembled.htmlBytes).toBe(Buffer.byteLength(whole.html, 'utf8'));
  });

  it('renders each shape and each paper block once, whatever the order of the papers', async () => {
    const props = digestTemplate.samples['busy-day']!;
    const assembler = new DigestAssembler(engine, props.context);
    const reversed = {
      ...props.digest,
      sections: props.digest.sections.map((s) => ({ ...s, papers: [...s.papers].reverse() })),
    };
    const a = await assembler.assemble(props.digest, links);
    const b = await assembler.assemble(reversed, links);
    const view = digestTemplate.view({ ...props, links });
    const papers = view.sections.reduce((n, s) => n + s.papers.length, view.alsoTrending?.papers.length ?? 0);
    expect(assembler.cached).toEqual({
      skeletons: 1,
      sections: view.sections.length + 1,
      blocks: papers,
      textBlocks: papers,
    });
    expect(joinSpliced(b.html)).not.toBe(joinSpliced(a.html));
    const whole = await render('digest', { ...props, digest: reversed, links }, engine);
    expect(joinSpliced(b.html)).toBe(whole.html);
    expect(joinSpliced(b.text)).toBe(whole.text);
  });

  it('is the rendered email for a digest with no papers at all (no "In this issue" line)', async () => {
    const props = digestTemplate.samples['two-topics']!;
    const empty = {
      ...props.digest,
      sections: props.digest.sections.map((s) => ({ ...s, papers: [] })),
      alsoTrending: [],
      paperCount: 0,
    };
    const assembled = await new DigestAssembler(engine, props.context).assemble(empty, links);
    const whole = await render('digest', { ...props, digest: empty, links }, engine);
    expect(joinSpliced(assembled.html)).toBe(whole.html);
    expect(whole.html).not.toContain('In this issue');
  });

  it('leaves out the feedback links of a paper whose id a token cannot carry, and only those', async () => {
    const props = digestTemplate.samples['two-topics']!;
    const [first, ...rest] = props.digest.sections[0]!.papers;
    const odd = { ...first!, paper: { ...first!.paper, id: 'hep-th/9901001' } };
    const digest = {
      ...props.digest,
      sections: [{ ...props.digest.sections[0]!, papers: [odd, ...rest] }, ...props.digest.sections.slice(1)],
    };
    const assembled = await new DigestAssembler(engine, props.context).assemble(digest, links);
    const html = joinSpliced(assembled.html);
    const text = joinSpliced(assembled.text);
    const papers = digestTemplate.view({ ...props, digest, links }).sections.reduce((n, s) => n + s.papers.length, 0);
    const shown = papers + props.digest.alsoTrending.length;
    expect(html.match(/>More like this</g)).toHaveLength(shown - 1);
    expect(text.match(/More like this: /g)).toHaveLength(shown - 1);
    expect(html).not.toContain('hep-th%2F9901001');
    expect(html).toContain(`token=more-${rest[0]!.paper.id}`);
  });

  it('refuses a link that is not http(s), so no half-personalised email leaves', async () => {
    const props = digestTemplate.samples['two-topics']!;
    const assembler = new DigestAssembler(engine, props.context);
    await expect(
      assembler.assemble(props.digest, { ...links, feedbackUrl: () => 'javascript:alert(1)' }),
    ).rejects.toThrow(/feedbackUrl must be an absolute http\(s\) URL/);
    await expect(assembler.assemble(props.digest, { ...links, manageUrl: 'ftp://x' })).rejects.toThrow(/manageUrl/);
  });
});
