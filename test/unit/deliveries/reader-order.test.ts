import { describe, expect, it } from 'vitest';
import { digestOfOrder, editionPapers, orderOf, readerOrderSchema } from '../../../src/deliveries/reader-order.ts';
import { fitDigest } from '../../../src/digest/index.ts';
import { loadSampleDay } from '../../../src/papers/index.ts';
import { NO_INTERESTS, personalDigest, readerVoteSchema, withTerms } from '../../../src/relevance/index.ts';
import { DigestAssembler, joinSpliced, TEMPLATE_ENGINES, type ReaderLinks } from '../../../src/render/index.ts';
import { THEMES, buildEdition } from '../../../src/themes/index.ts';

const context = { postalAddress: 'Paperboy, 1 Test Lane', publicBaseUrl: 'https://paperboy.test' };
const links: ReaderLinks = {
  manageUrl: 'https://paperboy.test/preferences?token=m',
  unsubscribeUrl: 'https://paperboy.test/unsubscribe?token=u',
  feedbackUrl: (paperId, vote) => `https://paperboy.test/feedback?token=${vote}-${paperId}`,
};

const day = loadSampleDay();
const edition = buildEdition(day.date, day.papers);
const papers = editionPapers(edition);
const at = `${day.date}T06:00:00.000Z`;

/** Reader n: some votes (more and less) on the day's papers, follows and mutes for some, varied topics. */
function reader(n: number) {
  const votes = Array.from({ length: n % 6 }, (_, k) => {
    const paper = day.papers[(n * 5 + k * 3) % day.papers.length]!;
    const vote = k % 3 === 2 ? ('less' as const) : ('more' as const);
    return readerVoteSchema.parse(
      withTerms({ paperId: paper.id, date: day.date, vote, title: paper.title, at }, paper),
    );
  });
  const author = day.papers[n % day.papers.length]!.authors[0] ?? 'Ana Ruiz';
  return {
    votes,
    interests: {
      ...NO_INTERESTS,
      authors: n % 3 === 1 ? [author] : [],
      mutes: n % 7 === 0 ? ['diffusion'] : [],
    },
  };
}

const prefsOf = (n: number) => ({
  topics: THEMES.filter((_, i) => (n + i) % 3 !== 0).map((t) => t.id),
  perTopic: [3, 5, 10][n % 3]!,
  alsoTrending: n % 2 === 0,
});

describe.each(TEMPLATE_ENGINES)('a stored reader order (%s)', (engine) => {
  // A retry assembles the email from the stored order: it must be the bytes the first attempt assembled from the
  // reader's digest, for every kind of reader (cold start, votes, follows, mutes, trimmed by the size guard).
  it('assembles to the same bytes as the digest it was taken from', async () => {
    const assembler = new DigestAssembler(engine, context);
    const seen = { trimmed: 0, forYou: 0, cold: 0 };
    for (let n = 0; n < 24; n++) {
      const composed = personalDigest({ edition, prefs: prefsOf(n), reader: reader(n), skipEmpty: false });
      if (composed.kind !== 'digest') throw new Error('expected a digest');
      // Every fourth reader gets a budget that forces the size guard to trim ("N more papers online").
      const budget = n % 4 === 3 ? 20_000 : 95 * 1024;
      const { digest } = await fitDigest(
        composed.digest,
        async (d) => (await assembler.assemble(d, links)).htmlBytes,
        budget,
      );
      if (digest.hiddenPapers) seen.trimmed += 1;
      if (digest.forYou) seen.forYou += 1;
      if (!digest.why) seen.cold += 1;
      const order = readerOrderSchema.parse(JSON.parse(JSON.stringify(orderOf(digest))));
      const again = digestOfOrder(edition, papers, digest.profileKey, order);
      const [a, b] = [await assembler.assemble(digest, links), await assembler.assemble(again, links)];
      expect(joinSpliced(b.html), `reader ${n}`).toBe(joinSpliced(a.html));
      expect(joinSpliced(b.text)).toBe(joinSpliced(a.text));
      expect(b.subject).toBe(a.subject);
    }
    expect(seen.trimmed).toBeGreaterThan(0);
    expect(seen.forYou).toBeGreaterThan(0);
    expect(seen.cold).toBeGreaterThan(0);
  });

  it('refuses an order naming a paper the edition does not hold', () => {
    expect(() => digestOfOrder(edition, papers, 'p', { s: [['robotics', ['2599.99999']]], a: [] })).toThrow(
      /paper 2599\.99999 of a stored reader order is not in edition/,
    );
  });
});
