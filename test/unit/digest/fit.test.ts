import { describe, expect, it } from 'vitest';
import { fitDigest, type Digest } from '../../../src/digest/index.ts';
import { busyDigest } from '../render/digest-fixture.ts';

const shown = (d: Digest) =>
  (d.forYou?.length ?? 0) + d.sections.reduce((n, s) => n + s.papers.length, 0) + d.alsoTrending.length;

// A stand-in for rendering: 1,000 bytes per paper shown plus 2,000 for the rest of the email.
const measure = (d: Digest) => Promise.resolve(2_000 + 1_000 * shown(d));

describe('fitDigest (the size guard)', () => {
  it('returns the digest untouched when it fits', async () => {
    const digest = busyDigest();
    const fitted = await fitDigest(digest, measure, 1_000_000);
    expect(fitted).toEqual({ digest, hidden: 0 });
    expect(fitted.digest).toBe(digest);
  });

  it('trims "Also trending" first, keeping as many papers as fit', async () => {
    const digest = busyDigest(); // 4 topics x 5 papers + 5 trending = 25 papers = 27,000 bytes
    const { digest: fitted, hidden } = await fitDigest(digest, measure, 24_000);
    expect(hidden).toBe(3);
    expect(fitted.hiddenPapers).toBe(3);
    expect(fitted.alsoTrending.map((p) => p.paper.id)).toEqual(digest.alsoTrending.slice(0, 2).map((p) => p.paper.id));
    expect(fitted.sections.map((s) => s.papers.length)).toEqual([5, 5, 5, 5]);
    expect(await measure(fitted)).toBeLessThanOrEqual(24_000);
  });

  it('then shows fewer papers in every topic, the best of each kept, and counts what it left out', async () => {
    const digest = busyDigest();
    const { digest: fitted, hidden } = await fitDigest(digest, measure, 15_000);
    expect(fitted.alsoTrending).toEqual([]);
    expect(fitted.sections.map((s) => s.papers.length)).toEqual([3, 3, 3, 3]);
    expect(fitted.sections[0]!.papers).toEqual(digest.sections[0]!.papers.slice(0, 3));
    expect(fitted.paperCount).toBe(12);
    expect(hidden).toBe(25 - 12);
    expect(await measure(fitted)).toBeLessThanOrEqual(15_000);
  });

  it('keeps "For you" and gives the most trimmed digest when nothing fits', async () => {
    const base = busyDigest();
    const digest: Digest = { ...base, forYou: base.alsoTrending.slice(0, 2), alsoTrending: base.alsoTrending.slice(2) };
    const { digest: fitted, hidden } = await fitDigest(digest, measure, 100);
    expect(fitted.forYou).toHaveLength(2);
    expect(fitted.sections.every((s) => s.papers.length === 1)).toBe(true);
    expect(fitted.alsoTrending).toEqual([]);
    expect(hidden).toBe(shown(digest) - shown(fitted));
  });

  it('renders a handful of times, not once per paper', async () => {
    let renders = 0;
    const counting = (d: Digest) => {
      renders += 1;
      return measure(d);
    };
    await fitDigest(busyDigest(), counting, 10_000);
    expect(renders).toBeLessThanOrEqual(7);
  });
});
