import { describe, expect, it } from 'vitest';
import { fitHoltWinters, forecast, forecastSeries } from '../../lib/series';
import { daily, lcg } from './helpers';

const season = [10, -5, 3, 0, -8, 6, -6]; // sums to 0
const truth = (t: number): number => 100 + 2 * t + (season[t % 7] as number);

describe('Holt-Winters (additive, damped, m = 7)', () => {
  const pure = daily(Array.from({ length: 56 }, (_, t) => truth(t)));

  it('reproduces a pure trend + season series exactly when damping is off (φ = 1)', () => {
    // The classical two-season initialisation recovers level, slope and season exactly,
    // so every one-step error is 0 and forecasts continue the line.
    const { model, points } = forecastSeries(pure, 14, { phiRange: [1, 1] });
    expect(model.method).toBe('holt-winters');
    for (const e of model.residuals) expect(Math.abs(e)).toBeLessThan(1e-9);
    for (const p of points) expect(p.mean).toBeCloseTo(truth(55 + p.h), 6);
    expect(points[0]?.date).toBe('2024-02-26');
  });

  it('tracks it closely with the default damped trend (φ ≤ 0.98)', () => {
    const { model, points } = forecastSeries(pure, 14);
    expect(model.method).toBe('holt-winters');
    expect(model.status).toBe('ok');
    expect(model.params?.phi).toBeLessThanOrEqual(0.98);
    expect(model.params?.phi).toBeGreaterThanOrEqual(0.8);
    expect(model.mase).not.toBeNull();
    expect(model.mase as number).toBeLessThan(0.05);
    for (const p of points) {
      const err = Math.abs(p.mean - truth(55 + p.h)) / truth(55 + p.h);
      expect(err).toBeLessThan(p.h <= 7 ? 0.01 : 0.02);
    }
  });

  it('handles a multiplicative season via log1p', () => {
    const idx = [1.3, 0.8, 1, 1, 0.9, 1.2, 0.8];
    const mult = (t: number): number => 500 * 1.005 ** t * (idx[t % 7] as number);
    const { model, points } = forecastSeries(daily(Array.from({ length: 63 }, (_, t) => mult(t))), 7, { transform: 'log1p' });
    expect(model.method).toBe('holt-winters');
    for (const p of points) expect(Math.abs(p.mean / mult(62 + p.h) - 1)).toBeLessThan(0.02);
  });

  it('gives ordered intervals that widen with the horizon on noisy data', () => {
    const rnd = lcg(3);
    const noisy = daily(Array.from({ length: 84 }, (_, t) => truth(t) + 20 * (rnd() - 0.5)));
    const { model, points } = forecastSeries(noisy, 21);
    expect(model.method).toBe('holt-winters');
    let prevWidth = 0;
    for (const p of points) {
      expect(p.lo95 as number).toBeLessThanOrEqual(p.lo80 as number);
      expect(p.lo80 as number).toBeLessThanOrEqual(p.mean);
      expect(p.mean).toBeLessThanOrEqual(p.hi80 as number);
      expect(p.hi80 as number).toBeLessThanOrEqual(p.hi95 as number);
      const width = (p.hi95 as number) - (p.lo95 as number);
      expect(width).toBeGreaterThanOrEqual(prevWidth - 1e-9);
      prevWidth = width;
    }
    expect((points[20]?.hi95 as number) - (points[20]?.lo95 as number)).toBeGreaterThan((points[0]?.hi95 as number) - (points[0]?.lo95 as number));
  });

  it('falls back to seasonal naive when MASE ≥ 1', () => {
    // A seasonal random walk (y_t = y_{t−7} + noise) is exactly what seasonal naive
    // models; with HW forced to tiny smoothing it cannot follow and MASE exceeds 1.
    const rnd = lcg(5);
    const ys: number[] = [];
    for (let t = 0; t < 70; t++) ys.push(t < 7 ? 100 + 40 * rnd() : (ys[t - 7] as number) + 20 * (rnd() - 0.5));
    const model = fitHoltWinters(daily(ys), { params: { alpha: 0.01, beta: 0.01, gamma: 0.01, phi: 0.8 } });
    expect(model.mase as number).toBeGreaterThanOrEqual(1);
    expect(model.method).toBe('seasonal-naive');
    const pts = forecast(model, 8);
    expect(pts[0]?.mean).toBeCloseTo(ys[63] as number, 9);
    expect(pts[7]?.mean).toBeCloseTo(ys[63] as number, 9);
    // Seasonal-naive intervals widen by √⌈h/7⌉.
    const w1 = (pts[0]?.hi80 as number) - (pts[0]?.lo80 as number);
    const w8 = (pts[7]?.hi80 as number) - (pts[7]?.lo80 as number);
    expect(w8 / w1).toBeCloseTo(Math.SQRT2, 9);
  });

  it('uses seasonal naive below 14 points and the mean below one week', () => {
    const ten = daily([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    const m1 = fitHoltWinters(ten);
    expect(m1).toMatchObject({ method: 'seasonal-naive', status: 'tentative' });
    // Last 7 days are 14..20 (dates 01-04..01-10); h = 1 → same weekday last week = 14.
    expect(forecast(m1, 8).map((p) => p.mean)).toEqual([14, 15, 16, 17, 18, 19, 20, 14]);

    const five = fitHoltWinters(daily([10, 20, 30, 40, 50]));
    expect(five.method).toBe('mean');
    const pts = forecast(five, 3);
    expect(pts.map((p) => p.mean)).toEqual([30, 30, 30]);
    expect(pts[0]?.lo80).toBeNull();
  });

  it('handles empty, all-null, single-point, constant and zero series without NaN', () => {
    expect(fitHoltWinters([]).method).toBe('insufficient');
    expect(forecast(fitHoltWinters([]), 7)).toEqual([]);
    expect(fitHoltWinters(daily([null, null, null])).method).toBe('insufficient');
    expect(forecast(fitHoltWinters(daily([42])), 2).map((p) => p.mean)).toEqual([42, 42]);
    for (const v of [0, 7]) {
      const { points } = forecastSeries(daily(Array(28).fill(v)), 7);
      for (const p of points) {
        expect(p.mean).toBeCloseTo(v, 9);
        for (const b of [p.lo80, p.hi80, p.lo95, p.hi95]) expect(b === null || Number.isFinite(b)).toBe(true);
      }
    }
  });

  it('skips missing days and masks excluded event days', () => {
    const ys = Array.from({ length: 42 }, (_, t) => truth(t)) as (number | null)[];
    ys[20] = null;
    ys[30] = 5000; // a 大促 spike
    const series = daily(ys);
    const masked = forecastSeries(series, 7, { exclude: (d) => d === '2024-01-31', phiRange: [1, 1] });
    for (const p of masked.points) expect(p.mean).toBeCloseTo(truth(41 + p.h), 6);
    const unmasked = forecastSeries(series, 7, { phiRange: [1, 1] });
    const drift = Math.abs((unmasked.points[0]?.mean as number) - truth(42));
    expect(drift).toBeGreaterThan(0.01); // the unmasked spike leaks into the states
  });

  it('never forecasts negative sales for non-negative data', () => {
    const ys = Array.from({ length: 42 }, (_, t) => Math.max(0, 60 - 2 * t));
    const { points } = forecastSeries(daily(ys), 14);
    for (const p of points) {
      expect(p.mean).toBeGreaterThanOrEqual(0);
      expect(p.lo95 === null || p.lo95 >= 0).toBe(true);
    }
  });
});
