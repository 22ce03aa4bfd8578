import { describe, expect, it } from 'vitest';
import { buildIndexMap, estimateFromIndex, fitIndexMap, isotonic } from '@/lib/series/index-map';

describe('isotonic (pool-adjacent-violators)', () => {
  it.each([
    [
      [1, 3, 2, 4],
      [1, 2.5, 2.5, 4],
    ],
    [
      [5, 4, 3],
      [4, 4, 4],
    ],
    [
      [1, 2, 3],
      [1, 2, 3],
    ],
    [
      [2, 1, 1, 6],
      [4 / 3, 4 / 3, 4 / 3, 6],
    ],
  ])('%j → %j', (ys, want) => {
    const got = isotonic(ys);
    for (const [i, v] of got.entries()) expect(v).toBeCloseTo(want[i] as number, 10);
  });

  it('weights pull the pooled value', () => {
    expect(isotonic([3, 1], [3, 1])).toEqual([2.5, 2.5]);
  });
});

describe('index map', () => {
  // A power-law index like sycm's: index = 12.3 · v^0.74 (exact, no rounding).
  const idx = (v: number) => 12.3 * v ** 0.74;
  const values = [5000, 8000, 12000, 20000, 30000, 45000, 60000, 80000, 100000, 150000, 200000, 300000];
  const pairs = values.map((v) => ({ index: idx(v), value: v }));

  it('recovers known values between the pairs exactly for a power law (linear in log–log)', () => {
    const map = buildIndexMap(pairs);
    expect(map).not.toBeNull();
    for (const v of [6500, 25000, 70000, 250000]) {
      const e = estimateFromIndex(map!, idx(v));
      expect(e?.extrapolated).toBe(false);
      expect(e!.value / v).toBeCloseTo(1, 10);
    }
  });

  it('extrapolates with the fitted slope and says so', () => {
    const map = buildIndexMap(pairs)!;
    const e = estimateFromIndex(map, idx(1_000_000))!;
    expect(e.extrapolated).toBe(true);
    expect(e.value / 1_000_000).toBeCloseTo(1, 6);
    expect(estimateFromIndex(map, 0)).toBeNull();
  });

  it('leave-one-out MAPE is ~0 on an exact power law and grows with noise', () => {
    const exact = fitIndexMap(pairs);
    expect(exact.status).toBe('ok');
    expect(exact.mape).toBeLessThan(1e-9);
    const noisy = fitIndexMap(pairs.map((p, i) => ({ ...p, value: p.value * (i % 2 ? 1.1 : 0.9) })));
    expect(noisy.mape).toBeGreaterThan(0.05);
    expect(noisy.mape).toBeLessThan(0.4);
  });

  it('stays monotone when noise breaks the order, and refuses too few pairs', () => {
    const map = buildIndexMap([
      { index: 100, value: 1000 },
      { index: 200, value: 900 },
      { index: 300, value: 3000 },
    ])!;
    const ys = map.knots.map((k) => k.y);
    for (let i = 1; i < ys.length; i++) expect(ys[i]).toBeGreaterThanOrEqual(ys[i - 1] as number);
    expect(fitIndexMap(pairs.slice(0, 5)).status).toBe('insufficient');
    expect(fitIndexMap([{ index: -1, value: 5 }], { minPairs: 1 }).map).toBeNull();
  });
});
