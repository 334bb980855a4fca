import { describe, expect, it } from 'vitest';
import { coveredSpan, isIsoDate, longDate } from '../../../src/web/editions/dates.ts';
import { parseFeedName } from '../../../src/web/feeds/paths.ts';

describe('edition dates and feed names', () => {
  it('accepts only real calendar dates written YYYY-MM-DD', () => {
    expect(isIsoDate('2025-11-24')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    for (const bad of ['2025-02-29', '2025-13-01', '2025-11-4', '24-11-2025', '2025-11-24T00:00:00Z', '']) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
  });

  it('writes a day and a span of days in words', () => {
    expect(longDate('2025-11-24')).toBe('Monday 24 November 2025');
    expect(coveredSpan(['2025-11-24'], '2025-11-24')).toBe('Monday 24 November 2025');
    expect(coveredSpan(['2025-11-21', '2025-11-22', '2025-11-23'], '2025-11-23')).toBe(
      'Friday 21 – Sunday 23 November 2025',
    );
    expect(coveredSpan(['2025-10-31', '2025-11-02'], '2025-11-02')).toBe('Friday 31 October – Sunday 2 November 2025');
    expect(coveredSpan(['2025-12-31', '2026-01-01'], '2026-01-01')).toBe(
      'Wednesday 31 December 2025 – Thursday 1 January 2026',
    );
  });

  it('reads feed names', () => {
    expect(parseFeedName('all.rss')).toEqual({ scope: 'all', format: 'rss' });
    expect(parseFeedName('visual-rl.json')).toEqual({ scope: 'visual-rl', format: 'json' });
    for (const bad of ['all.xml', 'all', '.rss', 'ALL.rss', '../all.rss'])
      expect(parseFeedName(bad), bad).toBeUndefined();
  });
});
