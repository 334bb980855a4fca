import { describe, expect, it } from 'vitest';
import { personalise, renderDigest, TEMPLATE_ENGINES } from '../../../src/render/index.ts';
import { GMAIL_CLIP_BYTES } from '../../../templates/components/tokens.ts';
import { busyDigest, context, longPaper, recipient } from './digest-fixture.ts';

describe.each(TEMPLATE_ENGINES)('digest size (%s)', (engine) => {
  it('stays under Gmail clipping on a busy day (4 themes x 5 papers + Also trending)', async () => {
    const digest = busyDigest();
    expect(digest.sections).toHaveLength(4);
    expect(digest.sections.every((s) => s.papers.length === 5)).toBe(true);
    expect(digest.alsoTrending).toHaveLength(5);
    const { html } = personalise(await renderDigest(digest, context, engine), recipient);
    expect(Buffer.byteLength(html, 'utf8')).toBeLessThan(GMAIL_CLIP_BYTES);
  });

  it('stays under Gmail clipping when every field of a busy day is as long as it gets', async () => {
    const digest = busyDigest();
    const long = {
      ...digest,
      sections: digest.sections.map((s) => ({ ...s, papers: s.papers.map(longPaper) })),
      alsoTrending: digest.alsoTrending.map(longPaper),
    };
    const { html } = personalise(await renderDigest(long, context, engine), recipient);
    const bytes = Buffer.byteLength(html, 'utf8');
    expect(bytes).toBeGreaterThan(Buffer.byteLength((await renderDigest(digest, context, engine)).html));
    expect(bytes).toBeLessThan(GMAIL_CLIP_BYTES);
  });
});
