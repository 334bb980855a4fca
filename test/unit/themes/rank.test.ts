import { describe, expect, it } from 'vitest';
import { buildEdition, compareRanked, rankScore, type EditionPaper } from '../../../src/themes/index.ts';
import { makePaper } from '../../fixtures/themes/make-paper.ts';

const weights = { upvotes: 1, comments: 0.5, stars: 0.3, freshnessHalfLifeHours: 24 };
const now = new Date('2025-11-25T00:00:00.000Z');
const at = (iso: string) => ({ upvotes: 10, comments: 2, githubStars: 100, submittedAt: iso });

describe('rankScore', () => {
  it('follows the documented formula', () => {
    const paper = { upvotes: 20, comments: 3, githubStars: 150, submittedAt: '2025-11-24T12:00:00.000Z' };
    const expected = (Math.log1p(20) + 0.5 * Math.log1p(3) + 0.3 * Math.log1p(150)) * Math.pow(2, -12 / 24);
    expect(rankScore(paper, weights, now)).toBeCloseTo(expected, 4);
  });

  it('halves the score every half-life of age', () => {
    const fresh = rankScore(at('2025-11-25T00:00:00.000Z'), weights, now);
    const dayOld = rankScore(at('2025-11-24T00:00:00.000Z'), weights, now);
    expect(dayOld).toBeCloseTo(fresh / 2, 3);
  });

  it('never rewards a submission time in the future', () => {
    expect(rankScore(at('2025-11-26T00:00:00.000Z'), weights, now)).toBe(
      rankScore(at('2025-11-25T00:00:00.000Z'), weights, now),
    );
  });

  it('takes its weights from the config shape: a zero weight ignores that signal', () => {
    const noStars = { ...weights, stars: 0 };
    const a = { upvotes: 5, comments: 0, githubStars: 10_000, submittedAt: now.toISOString() };
    const b = { upvotes: 5, comments: 0, githubStars: 0, submittedAt: now.toISOString() };
    expect(rankScore(a, noStars, now)).toBe(rankScore(b, noStars, now));
    expect(rankScore(a, weights, now)).toBeGreaterThan(rankScore(b, weights, now));
  });

  it('compresses heavy tails: 10x the upvotes is not 10x the score', () => {
    const ten = rankScore({ upvotes: 10, comments: 0, submittedAt: now.toISOString() }, weights, now);
    const hundred = rankScore({ upvotes: 100, comments: 0, submittedAt: now.toISOString() }, weights, now);
    expect(hundred).toBeGreaterThan(ten);
    expect(hundred / ten).toBeLessThan(2);
  });
});

describe('ranking order', () => {
  const edition = (papers: ReturnType<typeof makePaper>[]) =>
    buildEdition('2025-11-24', papers, { ranking: weights, now });

  it('orders by score, best first', () => {
    const low = makePaper({ id: '2511.00001', upvotes: 3 });
    const high = makePaper({ id: '2511.00002', upvotes: 80, comments: 4 });
    const mid = makePaper({ id: '2511.00003', upvotes: 20 });
    expect(edition([low, high, mid]).other.map((p) => p.paper.id)).toEqual(['2511.00002', '2511.00003', '2511.00001']);
  });

  it('prefers the later submission at equal engagement', () => {
    const early = makePaper({ id: '2511.00010', upvotes: 10, submittedAt: '2025-11-24T01:00:00.000Z' });
    const late = makePaper({ id: '2511.00011', upvotes: 10, submittedAt: '2025-11-24T15:00:00.000Z' });
    expect(edition([early, late]).other.map((p) => p.paper.id)).toEqual(['2511.00011', '2511.00010']);
  });

  it('breaks exact ties by arXiv id, whatever the input order', () => {
    const twins = ['2511.00300', '2511.00100', '2511.00200'].map((id) => makePaper({ id, upvotes: 7 }));
    const forward = edition(twins).other.map((p) => p.paper.id);
    const backward = edition([...twins].reverse()).other.map((p) => p.paper.id);
    expect(forward).toEqual(['2511.00100', '2511.00200', '2511.00300']);
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

  it('gives the same order whenever the edition is rebuilt (decay is a common factor)', () => {
    const papers = [
      makePaper({ upvotes: 12, submittedAt: '2025-11-24T02:00:00.000Z' }),
      makePaper({ upvotes: 9, submittedAt: '2025-11-24T14:00:00.000Z' }),
      makePaper({ upvotes: 30, comments: 5, submittedAt: '2025-11-24T00:30:00.000Z' }),
    ];
    const order = (when: string) =>
      buildEdition('2025-11-24', papers, { ranking: weights, now: new Date(when) }).other.map((p) => p.paper.id);
    expect(order('2025-11-24T16:00:00.000Z')).toEqual(order('2025-11-27T09:00:00.000Z'));
  });
});
