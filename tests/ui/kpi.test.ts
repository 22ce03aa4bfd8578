import { describe, expect, it } from 'vitest';
import { kpiChange, kpiDaily, kpiValue, lastYearPeriod, periodFor, previousPeriod } from '@/lib/ui/kpi';

const data: Record<string, Map<string, number>> = {
  payAmt: new Map([
    ['2026-11-18', 100],
    ['2026-11-19', 200],
    ['2026-11-20', 300],
  ]),
  uv: new Map([
    ['2026-11-18', 10],
    ['2026-11-19', 20],
    ['2026-11-20', 30],
  ]),
  payByrCnt: new Map([
    ['2026-11-18', 1],
    ['2026-11-19', 2],
    ['2026-11-20', 3],
  ]),
  a: new Map([['2026-11-20', 5]]),
  b: new Map([['2026-11-20', 7]]),
};
const get = (m: string) => data[m];

describe('period KPIs', () => {
  it('periods: 日/周/月, 环比 and a weekday-aligned 同比', () => {
    expect(periodFor('week', '2026-11-20')).toEqual({ from: '2026-11-14', to: '2026-11-20' });
    expect(previousPeriod({ from: '2026-11-14', to: '2026-11-20' })).toEqual({ from: '2026-11-07', to: '2026-11-13' });
    expect(lastYearPeriod({ from: '2026-11-20', to: '2026-11-20' })).toEqual({ from: '2025-11-21', to: '2025-11-21' });
  });

  it('sums amounts, averages visitors, recomputes rates from their parts', () => {
    const p = { from: '2026-11-18', to: '2026-11-20' };
    expect(kpiValue(get, { kind: 'sum' }, 'payAmt', p)).toEqual({ value: 600, days: 3, length: 3 });
    expect(kpiValue(get, { kind: 'avg' }, 'uv', p).value).toBe(20);
    expect(kpiValue(get, { kind: 'ratio', num: 'payByrCnt', den: 'uv' }, 'payRate', p).value).toBeCloseTo(6 / 60);
    expect(kpiValue(get, { kind: 'sumOf', parts: ['a', 'b'] }, 'x', p).value).toBe(12);
  });

  it('never a fake zero: no data → null; a change only between complete periods', () => {
    const none = kpiValue(get, { kind: 'sum' }, 'payAmt', { from: '2026-01-01', to: '2026-01-02' });
    expect(none.value).toBeNull();
    const part = kpiValue(get, { kind: 'sum' }, 'payAmt', { from: '2026-11-17', to: '2026-11-19' });
    expect(kpiChange(part, kpiValue(get, { kind: 'sum' }, 'payAmt', { from: '2026-11-18', to: '2026-11-20' }))).toBeNull();
    const d1 = kpiValue(get, { kind: 'sum' }, 'payAmt', { from: '2026-11-20', to: '2026-11-20' });
    const d0 = kpiValue(get, { kind: 'sum' }, 'payAmt', { from: '2026-11-19', to: '2026-11-19' });
    expect(kpiChange(d1, d0)).toBeCloseTo(0.5);
  });

  it('daily series of a derived KPI', () => {
    expect([
      ...kpiDaily(get, { id: 'payRate', agg: { kind: 'ratio', num: 'payByrCnt', den: 'uv' } }, { from: '2026-11-19', to: '2026-11-20' }).values(),
    ]).toEqual([0.1, 0.1]);
  });
});
