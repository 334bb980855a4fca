import { describe, expect, it } from 'vitest';
import { isEditionDate } from '../../../src/shared/dates.ts';
import { webEdition } from '../../../src/web/editions/web-edition.ts';
import { editionOf, entry } from '../../fixtures/themes/edition.ts';
import { parseFeedName } from '../../../src/web/feeds/paths.ts';

describe('edition dates and feed names', () => {
  it('accepts only real calendar dates written YYYY-MM-DD', () => {
    expect(isEditionDate('2025-11-24')).toBe(true);
    expect(isEditionDate('2024-02-29')).toBe(true);
    for (const bad of ['2025-02-29', '2025-13-01', '2025-11-4', '24-11-2025', '2025-11-24T00:00:00Z', '']) {
      expect(isEditionDate(bad), bad).toBe(false);
    }
  });

  it("names an edition's days as its email does, never claiming a day it does not carry", () => {
    const papers = [entry('wm', 'visual-rl', 30)];
    const span = (days: string[]) =>
      webEdition({ ...editionOf(papers), days, date: days.at(-1)!, frozenAt: '2025-11-24T06:00:00.000Z' })?.span;
    expect(span(['2025-11-24'])).toBe('Monday 24 November 2025');
    expect(span(['2025-11-21', '2025-11-22', '2025-11-23'])).toBe('Friday 21 – Sunday 23 November 2025');
    expect(span(['2025-12-31', '2026-01-01'])).toBe('Wednesday 31 December 2025 – Thursday 1 January 2026');
    // A day missing between two: both named, no range.
    expect(span(['2025-10-31', '2025-11-02'])).toBe('Friday 31 October 2025, Sunday 2 November 2025');
  });

  it('reads feed names', () => {
    expect(parseFeedName('all.rss')).toEqual({ scope: 'all', format: 'rss' });
    expect(parseFeedName('visual-rl.json')).toEqual({ scope: 'visual-rl', format: 'json' });
    for (const bad of ['all.xml', 'all', '.rss', 'ALL.rss', '../all.rss'])
      expect(parseFeedName(bad), bad).toBeUndefined();
  });
});
