import { describe, expect, it } from 'vitest';
import { loadSampleDay } from '../../../src/papers/index.ts';
import { buildEdition, THEMES } from '../../../src/themes/index.ts';
import { makePaper } from '../../fixtures/themes/make-paper.ts';

const ranking = { starBonus: 0.05 };

describe('buildEdition', () => {
  const day = loadSampleDay();
  const edition = buildEdition(day.date, day.papers, { ranking, now: new Date('2025-11-24T18:00:00.000Z') });

  it('has one section per theme, in taxonomy order', () => {
    expect(edition.sections.map((s) => s.id)).toEqual(THEMES.map((t) => t.id));
    expect(edition.sections.map((s) => s.label)).toEqual(THEMES.map((t) => t.label));
  });

  it('places every paper exactly once, in the section of its primary theme or in other', () => {
    const placed = [...edition.sections.flatMap((s) => s.papers), ...edition.other].map((p) => p.paper.id);
    expect(placed).toHaveLength(day.papers.length);
    expect(new Set(placed).size).toBe(day.papers.length);
    for (const section of edition.sections)
      for (const p of section.papers) expect(p.classification.theme).toBe(section.id);
    for (const p of edition.other) expect(p.classification.theme).toBe('other');
  });

  it('ranks each section best first', () => {
    for (const list of [...edition.sections.map((s) => s.papers), edition.other]) {
      const scores = list.map((p) => p.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
  });

  it('counts papers per theme', () => {
    expect(edition.counts.papers).toBe(day.papers.length);
    expect(edition.counts.other).toBe(edition.other.length);
    for (const s of edition.sections) expect(edition.counts.byTheme[s.id]).toBe(s.papers.length);
  });

  it('stamps builtAt with now and is otherwise a pure function of its inputs', () => {
    expect(edition.builtAt).toBe('2025-11-24T18:00:00.000Z');
    const again = buildEdition(day.date, [...day.papers].reverse(), { ranking, now: new Date(edition.builtAt) });
    expect(again).toEqual(edition);
  });

  it('ranks with the default settings when none are given', () => {
    const paper = makePaper({ upvotes: 10, githubStars: 10_000 });
    expect(buildEdition('2025-11-24', [paper]).other[0]?.score).toBeCloseTo(10.5, 4);
  });

  it('keeps a paper listed twice only once', () => {
    const paper = makePaper({ upvotes: 3 });
    const e = buildEdition('2025-11-24', [paper, { ...paper }], { ranking });
    expect(e.counts.papers).toBe(1);
    expect(e.other).toHaveLength(1);
  });
});
