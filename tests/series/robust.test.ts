import { describe, expect, it } from 'vitest';
import { logResiduals, mad, meanAbsDev, median, modifiedZ, robustSigma, robustZ } from '../../lib/series';
import { daily } from './helpers';

describe('median / MAD', () => {
  it('match hand values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([1, null, 3])).toBe(2);
    expect(median([])).toBeNull();
    // |x − 3| = [2, 1, 0, 1, 97] → MAD 1, MeanAD 20.2
    expect(mad([1, 2, 3, 4, 100])).toBe(1);
    expect(meanAbsDev([1, 2, 3, 4, 100])).toBeCloseTo(20.2, 12);
    expect(robustSigma([1, 2, 3, 4, 100])).toBeCloseTo(1.4826, 12);
    expect(robustSigma([5, 5, 5])).toBeNull();
  });

  it('modifiedZ follows 0.6745·(x − med)/MAD with the MeanAD and min-change fallbacks', () => {
    expect(modifiedZ([1, 2, 3, 4, 100], 100).z).toBeCloseTo(0.6745 * 97, 10);
    // MAD = 0 (three of five identical) → (x − med)/(1.253314·MeanAD); MeanAD = 12/5.
    const fb = modifiedZ([0, 0, 0, 2, 10], 10);
    expect(fb.method).toBe('mean-ad');
    expect(fb.z).toBeCloseTo(10 / (1.253314 * 2.4), 10);
    const flat = modifiedZ([4, 4, 4], 4);
    expect(flat).toMatchObject({ z: null, method: 'min-change', deviation: 0 });
    expect(modifiedZ([], 1).method).toBe('insufficient');
  });
});

describe('robustZ (§3.3)', () => {
  it('scores a constructed series against Python/numpy-computed values', () => {
    // Weeks 1–4 = 100, week 5 up, week 6 down, week 7 = 100, week 8 = 100… then 60.
    // Every base7w in weeks 5–8 is exactly 100 (median of {up, down, 100, 100} etc.),
    // so r = ln(x+1) − ln(101). numpy: median(r) = 0, MAD = 0.039235807720747,
    // M(last) = 0.6745·(−0.504246652667948)/0.039235807720747 = −8.668468600040665.
    const w5 = [110, 120, 105, 130, 115, 108, 125];
    const w6 = [90, 95, 85, 80, 92, 88, 97];
    const values = [...Array(28).fill(100), ...w5, ...w6, ...Array(7).fill(100), ...Array(6).fill(100), 60];
    const series = daily(values);
    const last = series[series.length - 1]?.date as string;
    const r = robustZ(series, last);
    expect(r.n).toBe(28);
    expect(r.baseline.value).toBe(100);
    expect(r.residual).toBeCloseTo(-0.504246652667948, 12);
    expect(r.median).toBeCloseTo(0, 12);
    expect(r.z).toBeCloseTo(-8.668468600040665, 8);
    expect(r.method).toBe('mad');
    expect(r.status).toBe('ok');
    expect(r.level).toBe('anomaly');
    expect(r.changePct).toBeCloseTo(-0.4, 12);
  });

  it('uses the MeanAD fallback when all other residuals are 0: z = 28/1.253314', () => {
    const series = daily([...Array(55).fill(100), 200]);
    const r = robustZ(series, '2024-02-25');
    // r_target = ln(201/101); MeanAD = r/28 → z = 28/1.253314 = 22.340770150177846.
    expect(r.residual).toBeCloseTo(Math.log(201 / 101), 12);
    expect(r.method).toBe('mean-ad');
    expect(r.z).toBeCloseTo(22.340770150177846, 6);
    expect(r.level).toBe('anomaly');
  });

  it('falls back to the minimum-change rule on a constant series', () => {
    const r = robustZ(daily(Array(40).fill(7)), '2024-02-09');
    expect(r).toMatchObject({ z: null, method: 'min-change', level: 'normal', status: 'ok' });
  });

  it('flags tentative below 14 residuals and insufficient with nothing', () => {
    // 20 days → residuals only for days 8–20 (13 of them).
    const r = robustZ(daily(Array.from({ length: 20 }, (_, i) => 100 + (i % 3))), '2024-01-20');
    expect(r.n).toBe(13);
    expect(r.status).toBe('tentative');
    expect(robustZ([], '2024-01-20')).toMatchObject({ z: null, status: 'insufficient', level: null });
    expect(robustZ(daily([null, null, null]), '2024-01-03').status).toBe('insufficient');
    expect(robustZ(daily([5]), '2024-01-01').status).toBe('insufficient');
    expect(robustZ(daily(Array(30).fill(0)), '2024-01-30').z).toBeNull();
  });

  it('does not compare against D-1 when building residuals', () => {
    const res = logResiduals(daily([1, 2, 3, 4, 5, 6, 7, 8]), '2024-01-01', '2024-01-08');
    expect(res.map((p) => p.value === null)).toEqual([true, true, true, true, true, true, true, false]);
    expect(res[7]?.value).toBeCloseTo(Math.log(9 / 2), 12);
  });
});
