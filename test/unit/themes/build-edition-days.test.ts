import { describe, expect, it } from 'vitest';
import { buildEdition } from '../../../src/themes/index.ts';
import { makePaper } from '../../fixtures/themes/make-paper.ts';

describe('an edition of several days', () => {
  it('records its days, keeps a paper listed twice once, and leaves out what recent editions carried', () => {
    const papers = [
      makePaper({ id: '2511.00003', upvotes: 40 }),
      makePaper({ id: '2511.00001', upvotes: 30 }),
      makePaper({ id: '2511.00002', upvotes: 20 }),
      makePaper({ id: '2511.00001', upvotes: 5 }),
    ];
    const edition = buildEdition('2025-11-23', papers, {
      days: ['2025-11-23', '2025-11-21', '2025-11-22'],
      alreadySent: new Set(['2511.00002', '2511.09999']),
    });
    const ids = [...edition.sections.flatMap((s) => s.papers), ...edition.other].map((p) => p.paper.id).sort();
    expect(edition.days).toEqual(['2025-11-21', '2025-11-22', '2025-11-23']);
    expect(ids).toEqual(['2511.00001', '2511.00003']);
    expect(edition.repeats).toEqual(['2511.00002']);
    expect(edition.counts.papers).toBe(2);
  });

  it('covers its own date when no days are given', () => {
    const edition = buildEdition('2025-11-24', [makePaper({ id: '2511.00001' })]);
    expect(edition.days).toEqual(['2025-11-24']);
    expect(edition.repeats).toBeUndefined();
  });
});
