import { describe, expect, it } from 'vitest';
import { coveredDates } from '../../../templates/digest/dates.ts';

describe('coveredDates', () => {
  it('names one day as before', () => {
    expect(coveredDates(['2025-11-24'], '2025-11-24')).toEqual({
      long: 'Monday 24 November 2025',
      short: '24 Nov',
      count: 1,
    });
  });

  it('names consecutive days as a range, saying the month and year once when shared', () => {
    expect(coveredDates(['2025-11-23', '2025-11-21', '2025-11-22'], '2025-11-23')).toEqual({
      long: 'Friday 21 – Sunday 23 November 2025',
      short: 'Fri 21 – Sun 23 Nov',
      count: 3,
    });
    expect(coveredDates(['2025-11-29', '2025-11-30', '2025-12-01'], '2025-12-01')).toMatchObject({
      long: 'Saturday 29 November – Monday 1 December 2025',
      short: 'Sat 29 Nov – Mon 1 Dec',
    });
    expect(coveredDates(['2025-12-31', '2026-01-01'], '2026-01-01')).toMatchObject({
      long: 'Wednesday 31 December 2025 – Thursday 1 January 2026',
      short: 'Wed 31 Dec 2025 – Thu 1 Jan 2026',
    });
  });

  it('lists days with a gap one by one (it never claims a day it does not carry)', () => {
    expect(coveredDates(['2025-11-21', '2025-11-23'], '2025-11-23')).toEqual({
      long: 'Friday 21 November 2025, Sunday 23 November 2025',
      short: 'Fri 21 Nov, Sun 23 Nov',
      count: 2,
    });
  });

  it('falls back to the edition date when no day is given', () => {
    expect(coveredDates([], '2025-11-24').short).toBe('24 Nov');
  });
});
