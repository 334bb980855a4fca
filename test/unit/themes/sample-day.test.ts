import { describe, expect, it } from 'vitest';
import { loadSampleDay } from '../../../src/papers/index.ts';
import { buildEdition, THEMES } from '../../../src/themes/index.ts';

// The bundled demo day must show every theme, "Also trending", and the hard cases landing where they belong.
describe('the bundled sample day', () => {
  const day = loadSampleDay();
  const edition = buildEdition(day.date, day.papers, {
    ranking: { starBonus: 0.05 },
  });
  const themeOf = (titleStart: string) =>
    [...edition.sections.flatMap((s) => s.papers), ...edition.other].find((p) => p.paper.title.startsWith(titleStart))
      ?.classification.theme;

  it('is one day of about 28 papers', () => {
    expect(day.date).toBe('2025-11-24');
    expect(day.papers.length).toBeGreaterThanOrEqual(25);
  });

  it('fills every theme and "Also trending"', () => {
    for (const theme of THEMES) expect(edition.counts.byTheme[theme.id]).toBeGreaterThanOrEqual(4);
    expect(edition.other.length).toBeGreaterThanOrEqual(4);
  });

  it('puts the hard cases where they belong', () => {
    expect(themeOf('Entropy-Calibrated GRPO')).toBe('other');
    expect(themeOf('OpenArm-VLA')).toBe('robotics');
    expect(themeOf('LongTake')).toBe('image-generation');
  });
});
