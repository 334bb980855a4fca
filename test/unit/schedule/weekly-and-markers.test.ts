import { describe, expect, it } from 'vitest';
import { buildWeeklyEdition, weeklyWindow } from '../../../src/editions/index.ts';
import { lastSentAllows } from '../../../src/pipeline/index.ts';
import { isEditionId } from '../../../src/shared/dates.ts';
import { slotsAt } from '../../../src/shared/local-time.ts';
import { normalisePreferences } from '../../../src/subscribers/index.ts';
import { buildEdition } from '../../../src/themes/index.ts';
import { makePaper } from '../../fixtures/themes/make-paper.ts';

const robot = (id: string, upvotes: number) =>
  makePaper({
    id,
    upvotes,
    title: 'Robot manipulation with a humanoid robot arm',
    abstract: 'robot grasping policy for humanoid robots',
  });

describe('weekly round-ups', () => {
  it('keeps each paper once, with its best score, ranked across the week and capped per theme', () => {
    const mon = buildEdition('2026-11-23', [robot('a', 10), robot('b', 50), makePaper({ id: 'x', upvotes: 9 })]);
    const tue = buildEdition('2026-11-24', [robot('a', 70), robot('c', 30)]);
    const weekly = buildWeeklyEdition('2026-11-29', [mon, tue], { perTheme: 2, now: new Date('2026-11-30T00:00:00Z') });
    expect(weekly.date).toBe('2026-11-29-weekly');
    expect(weekly.days).toEqual(['2026-11-23', '2026-11-24']);
    const robotics = weekly.sections.find((s) => s.id === 'robotics')!;
    expect(robotics.papers.map((p) => [p.paper.id, p.paper.upvotes])).toEqual([
      ['a', 70],
      ['b', 50],
    ]);
    expect(weekly.other.map((p) => p.paper.id)).toEqual(['x']);
    expect(weekly.counts.papers).toBe(3);
  });

  it('reaches back seven days, and its id is a valid edition id', () => {
    expect(weeklyWindow('2026-03-01')).toEqual([
      '2026-02-23',
      '2026-02-24',
      '2026-02-25',
      '2026-02-26',
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
    ]);
    expect(isEditionId('2026-03-01-weekly')).toBe(true);
    expect(isEditionId('2026-02-30-weekly')).toBe(false);
    expect(isEditionId('2026-W09')).toBe(false);
  });
});

describe('at most one digest a local day, one round-up a week', () => {
  const run = { cadence: 'd' as const, date: '2026-03-29', edition: '2026-03-28' };
  it.each([
    [null, run, 'new'],
    ['d:2026-03-28:2026-03-27', run, 'new'],
    ['d:2026-03-29:2026-03-28', run, 'again'],
    ['d:2026-03-29:2026-03-27', run, 'no'],
    ['w:2026-03-29:2026-03-28-weekly', run, 'no'],
    ['w:2026-03-23:2026-03-22-weekly', { cadence: 'w', date: '2026-03-29', edition: '2026-03-28-weekly' }, 'no'],
    ['w:2026-03-22:2026-03-21-weekly', { cadence: 'w', date: '2026-03-29', edition: '2026-03-28-weekly' }, 'new'],
    ['d:2026-03-28:2026-03-27', { cadence: 'w', date: '2026-03-29', edition: '2026-03-28-weekly' }, 'new'],
  ] as const)('%s then %o: %s', (marker, next, expected) => {
    expect(lastSentAllows(marker, next)).toBe(expected);
  });
});

describe('schedule fields', () => {
  it('keep only what applies, with canonical zones and defaults', () => {
    const base = { topics: ['robotics'], perTopic: 5, alsoTrending: true };
    expect(normalisePreferences({ ...base, cadence: 'daily', weekday: 3, hour: 9 })).toEqual(base);
    expect(normalisePreferences({ ...base, cadence: 'weekly' })).toEqual({
      ...base,
      cadence: 'weekly',
      weekday: 1,
      timeZone: 'UTC',
      hour: 7,
    });
    expect(normalisePreferences({ ...base, timeZone: 'us/eastern' })).toEqual({
      ...base,
      timeZone: 'America/New_York',
      hour: 7,
    });
    expect(() => normalisePreferences({ ...base, timeZone: 'Mars/Olympus' })).toThrow();
  });

  it('serve a 45-minute zone at a quarter to, once an hour', () => {
    expect(slotsAt('Asia/Kathmandu', new Date('2026-03-29T01:00:00Z'))).toEqual([
      { date: '2026-03-29', hour: 6, weekday: 7 },
    ]);
  });
});
