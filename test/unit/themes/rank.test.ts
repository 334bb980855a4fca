import { describe, expect, it } from 'vitest';
import {
  buildEdition,
  compareRanked,
  DEFAULT_RANKING,
  rankScore,
  type EditionPaper,
  type RankingWeights,
} from '../../../src/themes/index.ts';
import { makePaper } from '../../fixtures/themes/make-paper.ts';

const weights: RankingWeights = { starBonus: 0.05 };
const order = (papers: ReturnType<typeof makePaper>[], ranking: RankingWeights = weights) =>
  buildEdition('2025-11-24', papers, { ranking }).other.map((p) => p.paper.id);

describe('rankScore', () => {
  it('follows the documented formula: upvotes times a star bonus of at most starBonus', () => {
    const share = Math.log10(1 + 150) / Math.log10(1 + 10_000);
    expect(rankScore({ upvotes: 20, githubStars: 150 }, weights)).toBeCloseTo(20 * (1 + 0.05 * share), 4);
    expect(rankScore({ upvotes: 20 }, weights)).toBe(20);
  });

  it('caps the bonus at starBonus of the upvotes, however many stars', () => {
    expect(rankScore({ upvotes: 40, githubStars: 10_000 }, weights)).toBeCloseTo(42, 4);
    expect(rankScore({ upvotes: 40, githubStars: 5_000_000 }, weights)).toBeCloseTo(42, 4);
  });

  it('gives a paper without upvotes nothing, whatever its stars', () => {
    expect(rankScore({ upvotes: 0, githubStars: 100_000 }, weights)).toBe(0);
  });

  it('ignores the stars when starBonus is 0', () => {
    expect(rankScore({ upvotes: 7, githubStars: 9_000 }, { starBonus: 0 })).toBe(7);
  });

  it('defaults to a 5% star bonus', () => {
    expect(DEFAULT_RANKING).toEqual({ starBonus: 0.05 });
  });
});

describe('ranking order', () => {
  it('follows upvotes: 73 upvotes rank above 17 upvotes with 3,265 stars', () => {
    const starred = makePaper({ id: '2511.00001', upvotes: 17, githubStars: 3_265, comments: 40 });
    const voted = makePaper({ id: '2511.00002', upvotes: 73 });
    expect(order([starred, voted])).toEqual(['2511.00002', '2511.00001']);
  });

  it('lets stars reorder only a near-tie (within the bonus)', () => {
    const starred = makePaper({ id: '2511.00010', upvotes: 100, githubStars: 10_000 });
    const close = makePaper({ id: '2511.00011', upvotes: 103 });
    const clear = makePaper({ id: '2511.00012', upvotes: 106 });
    expect(order([close, starred, clear])).toEqual(['2511.00012', '2511.00010', '2511.00011']);
  });

  it('never puts a paper above one with more than starBonus more upvotes', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const papers = Array.from({ length: 200 }, (_, i) =>
      makePaper({
        id: `2511.${String(20000 + i)}`,
        upvotes: Math.floor(next() * 300),
        comments: Math.floor(next() * 50),
        submittedAt: new Date(Date.UTC(2025, 10, 24, Math.floor(next() * 24))).toISOString(),
        ...(next() < 0.5 ? { githubStars: Math.floor(next() ** 4 * 200_000) } : {}),
      }),
    );
    const ranked = buildEdition('2025-11-24', papers, { ranking: weights }).other;
    for (let i = 0; i < ranked.length; i++)
      for (let j = i + 1; j < ranked.length; j++)
        expect(ranked[j]!.paper.upvotes).toBeLessThanOrEqual(ranked[i]!.paper.upvotes * (1 + weights.starBonus));
  });

  it('does not reward comments or an earlier or later submission', () => {
    const chatty = makePaper({ id: '2511.00020', upvotes: 10, comments: 90, submittedAt: '2025-11-24T01:00:00.000Z' });
    const late = makePaper({ id: '2511.00021', upvotes: 11, comments: 0, submittedAt: '2025-11-24T23:00:00.000Z' });
    const early = makePaper({ id: '2511.00022', upvotes: 12, comments: 1, submittedAt: '2025-11-24T00:00:00.000Z' });
    expect(order([chatty, late, early])).toEqual(['2511.00022', '2511.00021', '2511.00020']);
  });

  it('breaks exact ties by stars, then arXiv id, whatever the input order', () => {
    const twins = ['2511.00300', '2511.00100', '2511.00200'].map((id) => makePaper({ id, upvotes: 7 }));
    const starred = makePaper({ id: '2511.00400', upvotes: 7, githubStars: 3 });
    const forward = order([...twins, starred], { starBonus: 0 });
    const backward = order([starred, ...twins].reverse(), { starBonus: 0 });
    expect(forward).toEqual(['2511.00400', '2511.00100', '2511.00200', '2511.00300']);
    expect(backward).toEqual(forward);
  });

  it('breaks equal scores by upvotes before id', () => {
    const entry = (id: string, upvotes: number): EditionPaper => ({
      paper: makePaper({ id, upvotes }),
      score: 1,
      classification: { theme: 'other', secondary: [], scores: {}, matched: {} },
    });
    const sorted = [entry('2511.1', 1), entry('2511.2', 9)].sort(compareRanked);
    expect(sorted.map((p) => p.paper.id)).toEqual(['2511.2', '2511.1']);
  });

  it('gives the same order whenever the edition is rebuilt', () => {
    const papers = [makePaper({ upvotes: 12 }), makePaper({ upvotes: 9, githubStars: 50 }), makePaper({ upvotes: 30 })];
    const at = (when: string) =>
      buildEdition('2025-11-24', papers, { ranking: weights, now: new Date(when) }).other.map((p) => p.paper.id);
    expect(at('2025-11-24T16:00:00.000Z')).toEqual(at('2025-11-27T09:00:00.000Z'));
  });
});
