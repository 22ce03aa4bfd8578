import { describe, expect, it } from 'vitest';
import { mannKendall, movingAverage, theilSen, weeklyTrend } from '../../lib/series';

// Expected values are hand-derived from the Mann-Kendall formulas as given in Gilbert (1987),
// "Statistical Methods for Environmental Pollution Monitoring", §16.4 (S, tie-corrected Var(S),
// continuity-corrected Z, two-sided normal p); p cross-checked with scipy.stats.norm.sf.
describe('Mann-Kendall', () => {
  it('strictly increasing n = 5: S = 10, Var = 5·4·15/18, Z = 9/√16.667', () => {
    const r = mannKendall([1, 2, 3, 4, 5], { minPoints: 3 });
    expect(r.s).toBe(10);
    expect(r.varS).toBeCloseTo(16.666666666666668, 12);
    expect(r.z).toBeCloseTo(2.2045407685048604, 10);
    expect(r.p).toBeCloseTo(0.02748633611151033, 6);
    expect(r.tau).toBe(1);
    expect(r.trend).toBe('increasing');
    expect(r.status).toBe('ok');
  });

  it('with ties: x = 10,9,9,8,8,8,7,7,6,5,5,4 → S = −60, Var = (3828 − 120)/18 = 206', () => {
    // 66 pairs, 6 tied pairs, all others decreasing → S = −60. Tie groups 2,3,2,2 →
    // Σt(t−1)(2t+5) = 18 + 66 + 18 + 18 = 120. Z = (−60 + 1)/√206.
    const r = mannKendall([10, 9, 9, 8, 8, 8, 7, 7, 6, 5, 5, 4], { minPoints: 3 });
    expect(r.s).toBe(-60);
    expect(r.varS).toBe(206);
    expect(r.z).toBeCloseTo(-4.110724784320544, 10);
    expect(r.p).toBeCloseTo(3.944190958715079e-5, 8);
    expect(r.trend).toBe('decreasing');
  });

  it('mixed series 5,3,3,7,8,3,9,10,12,11: S = 30, Var = 121.333, p ≈ 0.00847', () => {
    const r = mannKendall([5, 3, 3, 7, 8, 3, 9, 10, 12, 11], { minPoints: 3 });
    expect(r.s).toBe(30);
    expect(r.varS).toBeCloseTo(121.33333333333333, 10);
    expect(r.z).toBeCloseTo(2.6327397671092907, 10);
    expect(r.p).toBeCloseTo(0.008469921628468142, 6);
  });

  it('drops nulls, flags < 21 points by default, handles constants and tiny inputs', () => {
    expect(mannKendall([1, null, 2, 3, null, 4, 5], { minPoints: 3 }).s).toBe(10);
    expect(mannKendall([1, 2, 3, 4, 5]).status).toBe('insufficient');
    expect(mannKendall([4, 4, 4, 4], { minPoints: 3 })).toMatchObject({ s: 0, z: 0, p: 1, trend: 'none' });
    expect(mannKendall([])).toMatchObject({ status: 'insufficient', z: null, p: null });
    expect(mannKendall([1])).toMatchObject({ status: 'insufficient', z: null });
  });
});

describe('Theil–Sen', () => {
  it('recovers an exact line, even across gaps', () => {
    const r = theilSen([3, 3.5, null, 4.5, 5, 5.5]);
    expect(r.slope).toBeCloseTo(0.5, 12);
    expect(r.intercept).toBeCloseTo(3, 12);
  });

  it('ignores a single outlier', () => {
    const ys = Array.from({ length: 11 }, (_, i) => 10 - 2 * i);
    ys[5] = 500;
    expect(theilSen(ys).slope).toBeCloseTo(-2, 12);
  });

  it('is insufficient below two points', () => {
    expect(theilSen([])).toMatchObject({ status: 'insufficient', slope: null });
    expect(theilSen([null, 4])).toMatchObject({ status: 'insufficient', slope: null });
  });
});

describe('movingAverage', () => {
  it('is a trailing 7-day mean that refuses incomplete windows by default', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, null, 10];
    const ma = movingAverage(xs, 7);
    expect(ma.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(ma[6]).toBe(4);
    expect(ma[7]).toBe(5);
    expect(ma[8]).toBeNull();
    expect(movingAverage(xs, 7, 6)[8]).toBe((3 + 4 + 5 + 6 + 7 + 8) / 6);
    expect(movingAverage([], 7)).toEqual([]);
  });
});

describe('weeklyTrend (DA-05)', () => {
  it('detects a steady 1 %/day decline on MA-7', () => {
    const xs = Array.from({ length: 35 }, (_, i) => 1000 - 10 * i + (i % 7 === 5 ? 40 : 0));
    const r = weeklyTrend(xs);
    expect(r.status).toBe('ok');
    expect(r.mk.trend).toBe('decreasing');
    expect(r.sen.slope).toBeCloseTo(-10, 9);
    expect(r.slopePctPerWeek).toBeLessThan(-0.05);
    expect(r.cumulativeChangePct).toBeLessThan(-0.1);
  });

  it('is insufficient on short series', () => {
    expect(weeklyTrend([1, 2, 3]).status).toBe('insufficient');
  });
});
