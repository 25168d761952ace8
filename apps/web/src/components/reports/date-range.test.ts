import { describe, expect, it } from 'vitest';
import {
  addDays,
  monthGrid,
  PRESETS,
  parseDay,
  presetDays,
  rangeLabel,
  todayIn,
  weekdayLabels,
} from './date-range.ts';

describe('report date ranges', () => {
  it('compute each preset from today in the user’s zone, inclusive days', () => {
    const today = '2026-03-31';
    const expected: Record<string, [string, string]> = {
      today: ['2026-03-31', '2026-03-31'],
      yesterday: ['2026-03-30', '2026-03-30'],
      last_7_days: ['2026-03-25', '2026-03-31'],
      last_30_days: ['2026-03-02', '2026-03-31'],
      this_month: ['2026-03-01', '2026-03-31'],
      last_month: ['2026-02-01', '2026-02-28'],
      last_90_days: ['2026-01-01', '2026-03-31'],
    };
    for (const preset of PRESETS) {
      const { start, end } = presetDays(preset.id, today);
      expect([start, end], preset.id).toEqual(expected[preset.id]);
    }
    expect(presetDays('last_month', '2026-01-15')).toEqual({ start: '2025-12-01', end: '2025-12-31' });
  });

  it('take today from the zone, not the machine', () => {
    const instant = new Date('2026-11-23T23:30:00Z');
    expect(todayIn('UTC', instant)).toBe('2026-11-23');
    expect(todayIn('Europe/Berlin', instant)).toBe('2026-11-24');
    expect(todayIn('America/Los_Angeles', instant)).toBe('2026-11-23');
  });

  it('lay out months on the user’s week start', () => {
    // 1 November 2026 is a Sunday.
    expect(monthGrid('2026-11', 'sunday')[0]?.[0]).toBe('2026-11-01');
    const monday = monthGrid('2026-11', 'monday');
    expect(monday[0]?.slice(0, 7)).toEqual([null, null, null, null, null, null, '2026-11-01']);
    expect(monday.flat().filter(Boolean)).toHaveLength(30);
    expect(weekdayLabels('monday')[0]).toBe('Mo');
    expect(weekdayLabels('sunday')[0]).toBe('Su');
  });

  it('parse only real days, and label ranges', () => {
    expect(parseDay('2026-02-29')).toBeNull();
    expect(parseDay('2028-02-29')).toBe('2028-02-29');
    expect(parseDay('2026-1-01')).toBeNull();
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(rangeLabel('2026-11-01', '2026-11-07')).toBe('Nov 1 – Nov 7, 2026');
    expect(rangeLabel('2025-12-25', '2026-01-02')).toBe('Dec 25, 2025 – Jan 2, 2026');
  });
});
