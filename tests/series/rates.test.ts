import { describe, expect, it } from 'vitest';
import { rateDrop, shrinkRate, twoProportionZ, wilsonInterval } from '../../lib/series';

describe('Wilson interval', () => {
  it('10/100 → [0.0552, 0.1744] (Newcombe 1998 method 3; scipy-checked 0.055229, 0.174366)', () => {
    const w = wilsonInterval(10, 100);
    expect(w.p).toBe(0.1);
    expect(w.lo).toBeCloseTo(0.0552291370606751, 7);
    expect(w.hi).toBeCloseTo(0.17436566150491345, 7);
  });

  it('stays inside [0, 1] at the extremes', () => {
    const zero = wilsonInterval(0, 10);
    expect(zero.lo).toBe(0);
    expect(zero.hi).toBeCloseTo(0.2775327998628892, 7); // z²/(n + z²)
    const all = wilsonInterval(10, 10);
    expect(all.lo).toBeCloseTo(0.7224672001371107, 7);
    expect(all.hi).toBeLessThanOrEqual(1);
  });

  it('is insufficient for n = 0 or impossible counts', () => {
    expect(wilsonInterval(0, 0)).toMatchObject({ status: 'insufficient', p: null, lo: null });
    expect(wilsonInterval(5, 3).status).toBe('insufficient');
    expect(wilsonInterval(Number.NaN, 3).status).toBe('insufficient');
  });
});

describe('two-proportion z test', () => {
  it('30/100 vs 20/100: pooled 0.25, z = 0.1/√(0.25·0.75·0.02) = 1.63299, p = 0.10247', () => {
    const t = twoProportionZ(30, 100, 20, 100);
    expect(t.z).toBeCloseTo(1.6329931618554523, 10);
    expect(t.pValue).toBeCloseTo(0.10247043485974937, 6);
    expect(t.diff).toBeCloseTo(0.1, 12);
  });

  it('degenerate pooled rates give z = 0, p = 1; bad input is insufficient', () => {
    expect(twoProportionZ(0, 50, 0, 80)).toMatchObject({ z: 0, pValue: 1 });
    expect(twoProportionZ(1, 0, 2, 10).status).toBe('insufficient');
  });
});

describe('rateDrop (§3.4 + §0.5)', () => {
  it('flags a significant drop with enough visitors', () => {
    const r = rateDrop({ successes: 20, trials: 1000 }, { successes: 45, trials: 1000 });
    expect(r.status).toBe('ok');
    expect(r.significant).toBe(true);
  });

  it('never flags below 200 visitors', () => {
    const r = rateDrop({ successes: 0, trials: 150 }, { successes: 30, trials: 150 });
    expect(r.status).toBe('insufficient');
    expect(r.significant).toBe(false);
  });

  it('does not call a rise a drop', () => {
    expect(rateDrop({ successes: 60, trials: 1000 }, { successes: 20, trials: 1000 }).significant).toBe(false);
  });
});

describe('shrinkRate (n0 = 200)', () => {
  it('pulls 1/2 towards the shop rate: (1 + 0.02·200)/(2 + 200)', () => {
    expect(shrinkRate(1, 2, 0.02)).toBeCloseTo(5 / 202, 12);
    expect(shrinkRate(0, 0, 0.03)).toBeCloseTo(0.03, 12);
    expect(shrinkRate(100, 10000, 0.02, 100)).toBeCloseTo(102 / 10100, 12);
    expect(shrinkRate(1, 2, 1.5)).toBeNull();
  });
});
