import { describe, expect, it } from 'vitest';
import { classifyPaper } from '../../../src/themes/index.ts';
import { loadReadersLabels, loadRealDays, papersById } from '../../../bench/classify/shared-data.ts';

// Real papers live outside the repo (../shared, third-party text read at run time only); without it this skips.
// Tune and held-out figures are the bench's job (`npm run bench -- classify`); this guards against regressions.
const days = loadRealDays();
const byId = days ? papersById(days) : undefined;
const labelled = byId ? loadReadersLabels(byId) : undefined;

describe.skipIf(!labelled)("the readers' labelled real papers of 2025", () => {
  it('are filed under a theme the readers accept at least 95% of the time, their primary theme 90%', () => {
    const papers = labelled!;
    const predicted = papers.map((p) => classifyPaper(p.text).theme);
    const accepted = papers.filter((p, i) => p.accept.includes(predicted[i]!)).length / papers.length;
    const primary = papers.filter((p, i) => p.primary.includes(predicted[i]!)).length / papers.length;
    console.log(`real labelled: accepted ${(accepted * 100).toFixed(1)}%, primary ${(primary * 100).toFixed(1)}%`);
    expect(papers.length).toBeGreaterThan(100);
    expect(accepted).toBeGreaterThanOrEqual(0.95);
    expect(primary).toBeGreaterThanOrEqual(0.9);
  });
});

describe.skipIf(!byId)('the misfiles named in issue 12, on the real days', () => {
  const themeOf = (id: string) => {
    const paper = byId!.get(id);
    expect(paper, `paper ${id} in ../shared`).toBeDefined();
    return classifyPaper(paper!).theme;
  };

  it.each([
    ['2504.05304', 'GMFlow'],
    ['2504.10483', 'REPA-E'],
    ['2504.05741', 'DDT'],
    ['2511.19797', 'Terminal Velocity Matching'],
    ['2509.23951', 'HunyuanImage 3.0'],
  ])('files %s (%s) under image generation', (id) => {
    expect(themeOf(id)).toBe('image-generation');
  });

  it('does not file the speech model MGM-Omni (2509.25131) under VLM reasoning', () => {
    expect(themeOf('2509.25131')).toBe('other');
  });
});
