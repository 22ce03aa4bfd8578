import { describe, expect, it } from 'vitest';
import { daysOfCover, demandStats, reorderPoint, safetyStock, safetyStockDays, serviceLevelZ, stockOutDate } from '../../lib/series';

describe('safety stock (§3.8)', () => {
  it('d̄ = 10, σd = 3, LT = 7, σLT = 0, 95 % → 1.65·√(7·9) ≈ 13.10', () => {
    const ss = safetyStock({ meanDemand: 10, sdDemand: 3, leadTime: 7 });
    expect(ss).toBeCloseTo(13.096468989769724, 10);
    expect(reorderPoint({ meanDemand: 10, sdDemand: 3, leadTime: 7 })).toBeCloseTo(70 + 13.096468989769724, 10);
  });

  it('includes lead-time variability: σLT = 2 → 1.65·√(63 + 400) ≈ 35.50', () => {
    expect(safetyStock({ meanDemand: 10, sdDemand: 3, leadTime: 7, sdLeadTime: 2 })).toBeCloseTo(35.50376740572752, 10);
  });

  it('uses LT + R for periodic review', () => {
    expect(safetyStock({ meanDemand: 10, sdDemand: 3, leadTime: 7, reviewPeriod: 7 })).toBeCloseTo(1.65 * Math.sqrt(14 * 9), 10);
    expect(reorderPoint({ meanDemand: 10, sdDemand: 3, leadTime: 7, reviewPeriod: 7 })).toBeCloseTo(140 + 1.65 * Math.sqrt(126), 10);
    expect(safetyStockDays({ meanDemand: 10, sdDemand: 3, leadTime: 7, reviewPeriod: 7 })).toBeCloseTo(1.65 * 0.3 * Math.sqrt(14), 10);
  });

  it('maps service levels with the §3.8 table', () => {
    expect(serviceLevelZ(0.9)).toBe(1.28);
    expect(serviceLevelZ(0.95)).toBe(1.65);
    expect(serviceLevelZ(0.98)).toBe(2.05);
    expect(serviceLevelZ(0.99)).toBe(2.33);
    expect(serviceLevelZ(0.975)).toBeCloseTo(1.959964, 5);
    expect(serviceLevelZ(1)).toBeNull();
    expect(safetyStock({ meanDemand: 10, sdDemand: 3, leadTime: 7, serviceLevel: 0.99 })).toBeCloseTo(2.33 * Math.sqrt(63), 10);
  });

  it('rejects invalid inputs with null', () => {
    expect(safetyStock({ meanDemand: -1, sdDemand: 3, leadTime: 7 })).toBeNull();
    expect(safetyStock({ meanDemand: Number.NaN, sdDemand: 3, leadTime: 7 })).toBeNull();
    expect(safetyStockDays({ meanDemand: 0, sdDemand: 0, leadTime: 7 })).toBeNull();
  });
});

describe('cover and stock-out date', () => {
  it('computes days of cover and the first short day', () => {
    expect(daysOfCover(100, 10)).toBe(10);
    expect(daysOfCover(100, 0)).toBeNull();
    // 25 units, 10/day: 03-02 → 15, 03-03 → 5, 03-04 cannot be served.
    expect(stockOutDate('2024-03-01', 25, 10)).toBe('2024-03-04');
    expect(stockOutDate('2024-03-01', 20, 10)).toBe('2024-03-04');
    expect(stockOutDate('2024-03-01', 0, 10)).toBe('2024-03-02');
    expect(stockOutDate('2024-03-01', 5, 0)).toBeNull();
  });

  it('demandStats skips missing days', () => {
    expect(demandStats([10, null, 12, 14])).toEqual({ n: 3, mean: 12, sd: 2 });
    expect(demandStats([])).toEqual({ n: 0, mean: null, sd: null });
  });
});
