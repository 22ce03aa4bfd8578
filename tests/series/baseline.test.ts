import { describe, expect, it } from 'vitest';
import { changePct, sameWeekdayBaseline, seasonalIndex, seasonallyAdjust } from '../../lib/series';
import { daily } from './helpers';

describe('sameWeekdayBaseline (§3.2)', () => {
  // 29 days; target 2024-01-29 (Monday) has D-7/14/21/28 = 01-22/15/08/01.
  const values = Array.from({ length: 29 }, (_, i) => 100 + i);
  const series = daily(values);

  it('uses the median of D-7, D-14, D-21, D-28', () => {
    const b = sameWeekdayBaseline(series, '2024-01-29');
    expect(b).toEqual({ value: (107 + 114) / 2, n: 4, lags: [7, 14, 21, 28], fallback: 'none' });
  });

  it('uses fewer weeks when some are missing (gap or new shop)', () => {
    const gappy = series.map((p) => (p.date === '2024-01-08' ? { ...p, value: null } : p));
    const b = sameWeekdayBaseline(gappy, '2024-01-29');
    expect(b.fallback).toBe('fewer-weeks');
    expect(b.lags).toEqual([7, 14, 28]);
    expect(b.value).toBe(114); // median(121, 114, 100)
  });

  it('falls back to D-1 with < 1 week of history, then to insufficient', () => {
    const young = daily([10, 20, 30]);
    expect(sameWeekdayBaseline(young, '2024-01-03')).toEqual({ value: 20, n: 1, lags: [1], fallback: 'previous-day' });
    expect(sameWeekdayBaseline([], '2024-01-03')).toEqual({ value: null, n: 0, lags: [], fallback: 'insufficient' });
    expect(sameWeekdayBaseline(young, 'bad-date').fallback).toBe('insufficient');
  });

  it('keeps excluded event days out of the baseline', () => {
    const b = sameWeekdayBaseline(series, '2024-01-29', { exclude: (d) => d === '2024-01-22' });
    expect(b.lags).toEqual([14, 21, 28]);
    expect(b.value).toBe(107);
  });

  it('treats a recorded 0 as data, unlike a missing day', () => {
    const zeros = daily(Array.from({ length: 29 }, () => 0));
    expect(sameWeekdayBaseline(zeros, '2024-01-29')).toMatchObject({ value: 0, fallback: 'none' });
  });
});

describe('changePct', () => {
  it('computes (x − base) ÷ base and refuses a zero or missing base', () => {
    expect(changePct(73, 100)).toBeCloseTo(-0.27, 12);
    expect(changePct(5, 0)).toBeNull();
    expect(changePct(null, 10)).toBeNull();
    expect(changePct(5, null)).toBeNull();
  });
});

describe('seasonalIndex (§3.1)', () => {
  // 2024-01-07 is a Sunday; weekday value pattern Sun..Sat.
  const pattern = [70, 100, 100, 100, 100, 120, 90];
  const series = daily(
    Array.from({ length: 56 }, (_, i) => pattern[i % 7] as number),
    '2024-01-07',
  );

  it('is weekday median ÷ overall median over the last 8 weeks', () => {
    const r = seasonalIndex(series);
    // Overall median of {70×8, 90×8, 100×32, 120×8} is 100.
    expect(r.overallMedian).toBe(100);
    expect(r.index).toEqual([0.7, 1, 1, 1, 1, 1.2, 0.9]);
    expect(r.status).toBe('ok');
    expect(r.from).toBe('2024-01-07');
  });

  it('seasonally adjusts to a flat series', () => {
    const r = seasonalIndex(series);
    const adj = seasonallyAdjust(series, r.index);
    for (const p of adj) expect(p.value).toBeCloseTo(100, 10);
  });

  it('reports insufficient on empty / all-null / all-zero input and tentative on missing weekdays', () => {
    expect(seasonalIndex([]).status).toBe('insufficient');
    expect(seasonalIndex(daily([null, null, null])).status).toBe('insufficient');
    expect(seasonalIndex(daily([0, 0, 0, 0, 0, 0, 0])).status).toBe('insufficient');
    const short = seasonalIndex(daily([10, 20, 30]));
    expect(short.status).toBe('tentative');
    expect(short.missingWeekdays.length).toBe(4);
    expect(short.index.every((v) => Number.isFinite(v))).toBe(true);
  });
});
