import { describe, expect, it } from 'vitest';
import { ewmaChart, ewmaChartSeries, logResiduals } from '../../lib/series';
import { daily, lcg } from './helpers';

describe('EWMA control chart (§3.5)', () => {
  it('reproduces hand-computed statistics and time-varying limits', () => {
    // μ0 = 0, σ = 1, λ = 0.2, L = 3; limit_t = 3·√(0.2/1.8·(1 − 0.8^{2t})):
    // t=1: 0.6; t=2: 0.768375; t=3: 0.858986; t=4: 0.912263; steady state 1.
    // z: 0.4, 0.72, 0.976, 1.1808 → breaches at t = 3, 4 → signal at t = 4.
    const r = ewmaChart([2, 2, 2, 2], { mu0: 0, sigma: 1 });
    expect(r.status).toBe('ok');
    const z = r.points.map((p) => p.z);
    expect(z[0]).toBeCloseTo(0.4, 12);
    expect(z[1]).toBeCloseTo(0.72, 12);
    expect(z[2]).toBeCloseTo(0.976, 12);
    expect(z[3]).toBeCloseTo(1.1808, 12);
    expect(r.points[0]?.ucl).toBeCloseTo(0.6, 12);
    expect(r.points[1]?.ucl).toBeCloseTo(3 * Math.sqrt((0.2 / 1.8) * (1 - 0.8 ** 4)), 12);
    expect(r.points.map((p) => p.side)).toEqual([null, null, 'above', 'above']);
    expect(r.points.map((p) => p.signal)).toEqual([false, false, false, true]);
    expect(r.firstSignalIndex).toBe(3);
    expect(r.signalSide).toBe('above');
    expect(r.signalNow).toBe(true);
  });

  it('converges to the steady-state limit L·σ·√(λ/(2−λ))', () => {
    const r = ewmaChart(Array(60).fill(0), { mu0: 0, sigma: 2 });
    expect(r.points[59]?.ucl).toBeCloseTo(3 * 2 * Math.sqrt(0.2 / 1.8), 9);
    expect(r.signal).toBe(false);
  });

  it('estimates μ0 from the baseline mean and σ from 1.4826·MAD', () => {
    const base = [0.1, -0.1, 0.05, -0.05, 0, 0.1, -0.1, 0.05, -0.05, 0, 0.1, -0.1, 0.05, -0.05];
    const r = ewmaChart([...base, 0, 0], { baselineLength: 14 });
    // |dev from median 0| = {0.1×6, 0.05×6, 0×2} → MAD = 0.05.
    expect(r.mu0).toBeCloseTo(0, 12);
    expect(r.sigma).toBeCloseTo(1.4826 * 0.05, 12);
    expect(r.points).toHaveLength(2);
  });

  it('signals a persistent −7 % slide on log residuals vs base7w', () => {
    // 8 weeks of ±3 % noise around a weekly pattern, then 7 days at −7 %.
    const rnd = lcg(7);
    const pattern = [1, 1.1, 0.95, 1.05, 0.9, 1.2, 0.8];
    const values = Array.from({ length: 63 }, (_, i) => 1000 * (pattern[i % 7] as number) * (1 + 0.06 * (rnd() - 0.5)) * (i >= 56 ? 0.93 : 1));
    const series = daily(values);
    const res = logResiduals(series, '2024-01-29', '2024-03-03');
    const chart = ewmaChartSeries(res, { baselineLength: 28 });
    expect(chart.status).toBe('ok');
    expect(chart.signal).toBe(true);
    expect(chart.signalSide).toBe('below');
    const first = chart.points.find((p) => p.signal);
    expect(first?.date !== undefined && first.date >= '2024-02-26').toBe(true);
  });

  it('stays quiet on in-control noise', () => {
    const rnd = lcg(11);
    const r = ewmaChart(
      Array.from({ length: 60 }, () => rnd() - 0.5),
      { baselineLength: 28 },
    );
    expect(r.status).toBe('ok');
    expect(r.signal).toBe(false);
  });

  it('requires two consecutive same-side breaches', () => {
    const r = ewmaChart([5, -5, 5, -5], { mu0: 0, sigma: 1, L: 0.5 });
    expect(r.points.every((p) => p.side !== null)).toBe(true);
    expect(r.signal).toBe(false);
  });

  it('returns insufficient instead of NaN on empty, all-null, short or flat baselines', () => {
    expect(ewmaChart([]).status).toBe('insufficient');
    expect(ewmaChart([null, null, null]).status).toBe('insufficient');
    expect(ewmaChart([1, 2, 3], { baselineLength: 3 }).status).toBe('insufficient');
    expect(ewmaChart(Array(30).fill(0), { baselineLength: 28 }).status).toBe('insufficient');
    const gap = ewmaChart([1, null, 1], { mu0: 0, sigma: 1 });
    expect(gap.points[1]).toMatchObject({ z: null, signal: false });
    expect(gap.points[2]?.z).toBeCloseTo(0.2 * 1 + 0.8 * 0.2, 12);
  });
});
