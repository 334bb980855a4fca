import { describe, expect, it } from 'vitest';
import { MAX_VECTOR_BYTES, paperTerms, VECTOR_TERMS, withTerms } from '../../../src/relevance/index.ts';
import { decodeTerms, encodeTerms, topTerms } from '../../../src/relevance/vector.ts';
import { makePaper } from '../../fixtures/themes/make-paper.ts';

describe('stored vote vectors', () => {
  it('keep at most VECTOR_TERMS terms within MAX_VECTOR_BYTES, however long the paper', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `word${i.toString(36)}${'x'.repeat(i % 40)}`);
    const paper = makePaper({ title: words.slice(0, 50).join(' '), abstract: words.join(' '), aiKeywords: words });
    const vote = withTerms(
      {
        paperId: paper.id,
        date: '2025-11-24',
        vote: 'more',
        title: paper.title.slice(0, 500),
        at: '2025-11-24T10:00:00.000Z',
      },
      paper,
    );
    expect(vote.terms).toBeDefined();
    expect(Buffer.byteLength(vote.terms ?? '')).toBeLessThanOrEqual(MAX_VECTOR_BYTES);
    expect(decodeTerms(vote.terms ?? '')).toHaveLength(VECTOR_TERMS);
  });

  it('favour title and keyword terms, drop stop words, and round-trip through their encoding', () => {
    const paper = makePaper({
      title: 'Humanoid locomotion',
      abstract: 'We propose a method that is about control of robots in the wild.',
      aiKeywords: ['whole-body control'],
    });
    const terms = paperTerms(paper);
    expect(terms.has('we')).toBe(false);
    expect(terms.has('propose')).toBe(false);
    expect(terms.get('humanoid locomotion')).toBeGreaterThan(terms.get('wild') ?? 0);
    const top = topTerms(terms);
    expect(top.indexOf('humanoid locomotion')).toBeGreaterThanOrEqual(0);
    expect(top.indexOf('humanoid locomotion')).toBeLessThan(top.indexOf('wild'));
    expect(decodeTerms(encodeTerms(top))).toEqual(top);
  });

  it('choose the same terms whatever the order of equal weights', () => {
    const entries: [string, number][] = ['delta', 'alpha', 'gamma', 'beta', 'epsilon'].map((t) => [t, 1]);
    const forwards = topTerms(new Map(entries), 3);
    expect(forwards).toEqual(['alpha', 'beta', 'delta']);
    expect(topTerms(new Map([...entries].reverse()), 3)).toEqual(forwards);
  });
});
