import { describe, expect, it } from 'vitest';
import { addDays, dateRange, daysBetween, fillCalendar, isIsoDate, lastMatureDate, weekday } from '../../lib/series';

describe('dates', () => {
  it('adds days across month, leap-day and year boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(addDays('2024-03-10', 0)).toBe('2024-03-10');
  });

  it('weekday uses 0 = Sunday and is timezone-free', () => {
    expect(weekday('1970-01-01')).toBe(4); // Thursday
    expect(weekday('2024-01-01')).toBe(1); // Monday
    expect(weekday('2024-11-11')).toBe(1); // 双 11 2024 was a Monday
    expect(weekday('2024-03-10')).toBe(0); // Sunday (US DST switch day — must not matter)
  });

  it('daysBetween is signed', () => {
    expect(daysBetween('2024-01-01', '2024-03-01')).toBe(60);
    expect(daysBetween('2024-03-01', '2024-01-01')).toBe(-60);
  });

  it('dateRange is inclusive and empty when reversed or invalid', () => {
    expect(dateRange('2024-02-27', '2024-03-01')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    expect(dateRange('2024-03-01', '2024-02-27')).toEqual([]);
    expect(dateRange('nope', '2024-02-27')).toEqual([]);
  });

  it('validates real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-2-1')).toBe(false);
    expect(() => addDays('2024-02-30', 1)).toThrow(RangeError);
  });

  it('fillCalendar keeps gaps as null, never 0', () => {
    const filled = fillCalendar([
      { date: '2024-01-01', value: 5 },
      { date: '2024-01-04', value: 0 },
      { date: '2024-01-02', value: null },
    ]);
    expect(filled).toEqual([
      { date: '2024-01-01', value: 5 },
      { date: '2024-01-02', value: null },
      { date: '2024-01-03', value: null },
      { date: '2024-01-04', value: 0 },
    ]);
    expect(fillCalendar([], '2024-01-01', '2024-01-02')).toEqual([
      { date: '2024-01-01', value: null },
      { date: '2024-01-02', value: null },
    ]);
    expect(fillCalendar([])).toEqual([]);
    expect(fillCalendar([{ date: '2024-01-01', value: Number.NaN }])).toEqual([{ date: '2024-01-01', value: null }]);
  });

  it('lastMatureDate never returns today (§0.4)', () => {
    expect(lastMatureDate('2024-03-10')).toBe('2024-03-09');
    expect(lastMatureDate('2024-03-10', 8)).toBe('2024-03-02');
    expect(lastMatureDate('2024-03-10', 0)).toBe('2024-03-09');
  });
});
