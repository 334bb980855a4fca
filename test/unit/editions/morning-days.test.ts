import { describe, expect, it } from 'vitest';
import { catchUpWindow, lastCompleteDay, planMorning } from '../../../src/editions/index.ts';

const covered = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('the morning rule', () => {
  it('takes yesterday in UTC as the newest complete list day, whatever the hour', () => {
    expect(lastCompleteDay(new Date('2025-11-25T07:00:00Z'))).toBe('2025-11-24');
    expect(lastCompleteDay(new Date('2025-11-25T00:00:00Z'))).toBe('2025-11-24');
    expect(lastCompleteDay(new Date('2025-11-24T23:59:59Z'))).toBe('2025-11-23');
    expect(catchUpWindow('2025-11-24', 3)).toEqual(['2025-11-22', '2025-11-23', '2025-11-24']);
  });

  it('sends the newest complete day alone on the first morning', () => {
    const plan = planMorning({ lastDay: '2025-11-20', maxDays: 7, coveredBy: covered({}), firstCovered: undefined });
    expect(plan).toEqual({ kind: 'new', edition: '2025-11-20', days: ['2025-11-20'] });
  });

  it('sends yesterday after a morning that sent the day before', () => {
    const plan = planMorning({
      lastDay: '2025-11-25',
      maxDays: 7,
      coveredBy: covered({ '2025-11-24': '2025-11-24', '2025-11-23': '2025-11-23' }),
      firstCovered: '2025-11-23',
    });
    expect(plan).toEqual({ kind: 'new', edition: '2025-11-25', days: ['2025-11-25'] });
  });

  it('covers Friday to Sunday on a Monday after a Friday edition of Thursday', () => {
    const plan = planMorning({
      lastDay: '2025-11-23',
      maxDays: 7,
      coveredBy: covered({ '2025-11-20': '2025-11-20' }),
      firstCovered: '2025-11-20',
    });
    expect(plan).toEqual({ kind: 'new', edition: '2025-11-23', days: ['2025-11-21', '2025-11-22', '2025-11-23'] });
  });

  it('finds its own edition when run again the same morning', () => {
    const plan = planMorning({
      lastDay: '2025-11-23',
      maxDays: 7,
      coveredBy: covered({
        '2025-11-20': '2025-11-20',
        '2025-11-21': '2025-11-23',
        '2025-11-22': '2025-11-23',
        '2025-11-23': '2025-11-23',
      }),
      firstCovered: '2025-11-20',
    });
    expect(plan).toEqual({ kind: 'existing', edition: '2025-11-23' });
  });

  it('picks up a day left between two editions (an operator sent a later day by hand)', () => {
    const plan = planMorning({
      lastDay: '2025-11-23',
      maxDays: 7,
      coveredBy: covered({ '2025-11-20': '2025-11-20', '2025-11-22': '2025-11-22' }),
      firstCovered: '2025-11-20',
    });
    expect(plan).toEqual({ kind: 'new', edition: '2025-11-23', days: ['2025-11-21', '2025-11-23'] });
  });

  it('catches up at most maxDays back and says where it stopped', () => {
    const plan = planMorning({
      lastDay: '2025-11-30',
      maxDays: 3,
      coveredBy: covered({ '2025-11-20': '2025-11-20' }),
      firstCovered: '2025-11-20',
    });
    expect(plan).toEqual({
      kind: 'new',
      edition: '2025-11-30',
      days: ['2025-11-28', '2025-11-29', '2025-11-30'],
      missedBefore: '2025-11-27',
    });
  });

  it('does nothing for a day older than the first edition', () => {
    const plan = planMorning({
      lastDay: '2025-11-19',
      maxDays: 7,
      coveredBy: covered({}),
      firstCovered: '2025-11-20',
    });
    expect(plan).toEqual({ kind: 'none' });
  });
});
