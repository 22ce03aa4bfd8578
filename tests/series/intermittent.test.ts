import { describe, expect, it } from 'vitest';
import { classifyDemand, croston } from '../../lib/series';

describe('ADI / CV² classification (Syntetos–Boylan–Croston 2005)', () => {
  it('classifies the four quadrants with cut-offs 1.32 / 0.49', () => {
    // [0,3,0,0,5,0,2]: ADI = 7/3; sizes 3,5,2 → mean 10/3, sample var 7/3 → CV² = 0.21.
    const inter = classifyDemand([0, 3, 0, 0, 5, 0, 2]);
    expect(inter.adi).toBeCloseTo(7 / 3, 12);
    expect(inter.cv2).toBeCloseTo(7 / 3 / (100 / 9), 12);
    expect(inter.category).toBe('intermittent');
    expect(classifyDemand([5, 6, 5, 7, 6, 5, 6]).category).toBe('smooth');
    expect(classifyDemand([1, 10, 2, 20, 1, 15, 3]).category).toBe('erratic');
    expect(classifyDemand([0, 0, 1, 0, 0, 20, 0, 0, 2, 0]).category).toBe('lumpy');
  });

  it('skips missing days rather than treating them as zero demand', () => {
    expect(classifyDemand([5, null, 6, null, 5, 7]).adi).toBe(1);
  });

  it('is insufficient with no or one demand size', () => {
    expect(classifyDemand([])).toMatchObject({ status: 'insufficient', category: null, adi: null });
    expect(classifyDemand([0, 0, 0])).toMatchObject({ status: 'insufficient', category: null });
    expect(classifyDemand([0, 4, 0])).toMatchObject({ status: 'insufficient', adi: 3, cv2: null });
  });
});

describe('Croston / SBA', () => {
  it('matches hand-computed steps (α = 0.1)', () => {
    // Demand at periods 1, 4, 6 (sizes 3, 5, 2).
    // init: z = 3, p = 2 (first demand in the 2nd period)
    // t=4: q = 3 → z = 3 + 0.1·(5 − 3) = 3.2; p = 2 + 0.1·(3 − 2) = 2.1
    // t=6: q = 2 → z = 3.2 + 0.1·(2 − 3.2) = 3.08; p = 2.1 + 0.1·(2 − 2.1) = 2.09
    // Croston = 3.08/2.09 = 1.473684…; SBA = (1 − 0.05)·1.473684… = 1.4
    const r = croston([0, 3, 0, 0, 5, 0, 2]);
    expect(r.variant).toBe('sba');
    expect(r.steps.map((s) => s.interval)).toEqual([2, 3, 2]);
    expect(r.steps[1]?.size).toBeCloseTo(3.2, 12);
    expect(r.steps[1]?.meanInterval).toBeCloseTo(2.1, 12);
    expect(r.size).toBeCloseTo(3.08, 12);
    expect(r.meanInterval).toBeCloseTo(2.09, 12);
    expect(r.forecast).toBeCloseTo(0.95 * (3.08 / 2.09), 12);
    expect(r.forecast).toBeCloseTo(1.4, 12);
    expect(croston([0, 3, 0, 0, 5, 0, 2], { variant: 'croston' }).forecast).toBeCloseTo(3.08 / 2.09, 12);
  });

  it('uses α = 0.2 when asked (SBA factor 0.9)', () => {
    // z: 3 → 3.4 → 3.12; p: 2 → 2.2 → 2.16
    const r = croston([0, 3, 0, 0, 5, 0, 2], { alpha: 0.2 });
    expect(r.forecast).toBeCloseTo(0.9 * (3.12 / 2.16), 12);
  });

  it('reports no-demand and empty inputs without NaN', () => {
    expect(croston([])).toMatchObject({ status: 'insufficient', forecast: null });
    expect(croston([null, null])).toMatchObject({ status: 'insufficient', forecast: null });
    expect(croston([0, 0, 0])).toMatchObject({ status: 'tentative', forecast: 0 });
    expect(croston([4])).toMatchObject({ status: 'tentative', forecast: 0.95 * 4 });
  });
});
