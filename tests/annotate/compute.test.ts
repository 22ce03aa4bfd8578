import { describe, expect, it } from 'vitest';
import { badgeOfRule, badgesFrom } from '@/lib/annotate/badges';
import { AD_MIN, adAnnotation, adSums, byDate, kpiAnnotation, rankAgents } from '@/lib/annotate/compute';
import { addDays, fact, finding } from './fixtures';

const D = '2026-11-20';

describe('badges', () => {
  const info = (id: string) =>
    ({
      'sel-01-potential-item': { area: 'SEL', ref: 'SEL-01' },
      'sc-01-stock-cover': { area: 'SC', ref: 'SC-01 / SC-10' },
      'sc-03-overstock': { area: 'SC', ref: 'SC-03' },
      'sc-07-refund-rate': { area: 'SC', ref: 'SC-07' },
      'x-new': { area: 'SEL', ref: 'SEL-99', badge: 'slow' },
      'sel-02-cart-no-pay': { area: 'SEL', ref: 'SEL-02' },
      'ads-01-zero-conversion': { area: 'ADS', ref: 'ADS-01' },
    })[id] as never;

  it('a `badge` in rule meta wins; else area + catalogue ref; else none', () => {
    expect(badgeOfRule({ area: 'SEL', ref: 'SEL-99', badge: 'slow' })).toBe('slow');
    expect(badgeOfRule({ area: 'SC', ref: 'SC-01 / SC-10' })).toBe('stockLow');
    // A ref from another area does not map (area + ref, both).
    expect(badgeOfRule({ area: 'DA', ref: 'SC-01' })).toBeNull();
    expect(badgeOfRule(undefined)).toBeNull();
  });

  it('item rows: the four badges in a fixed order, one per id, others folded, non-fired ignored', () => {
    const b = badgesFrom(
      [
        finding('sc-07-refund-rate', 'SC', 'item', '1'),
        finding('sel-01-potential-item', 'SEL', 'item', '1'),
        finding('sc-01-stock-cover', 'SC', 'sku', '11'),
        finding('x-new', 'SEL', 'item', '1'),
        finding('sc-03-overstock', 'SC', 'item', '1', 'dup'),
        finding('sel-02-cart-no-pay', 'SEL', 'item', '1', '意向高、支付低'),
        finding('ads-01-zero-conversion', 'ADS', 'keyword', '9'),
        finding('sc-03-overstock', 'SC', 'item', '1', 'ok', 'ok'),
      ],
      info,
      'item',
    );
    expect(b.map((x) => x.id)).toEqual(['potential', 'slow', 'stockLow', 'refund', 'other']);
    expect(b.at(-1)?.tip.zh).toBe('意向高、支付低');
    expect(badgesFrom([finding('ads-01-zero-conversion', 'ADS', 'keyword', '9')], info, 'ad').map((x) => x.label.zh)).toEqual(['高花费无转化']);
  });
});

describe('KPI delta and sparkline', () => {
  it('same-weekday median of 4 normal weeks, 30-day sparkline with gaps as null', () => {
    const N = '2026-09-20';
    const facts = [];
    for (let i = 0; i < 60; i++) {
      if (i === 3) continue;
      facts.push(fact({ entityKind: 'shop', entityId: '106033221', date: addDays(N, -i), values: { payAmt: i % 7 === 0 ? 100 + i : 50 } }));
    }
    // A mobile-only fact never counts.
    facts.push(fact({ entityKind: 'shop', entityId: '106033221', date: N, dims: { device: '2' }, values: { payAmt: 9999 } }));
    const k = kpiAnnotation('payAmt', 'CNY', byDate(facts), N);
    expect(k.value).toBe(100);
    expect(k.base).toBe(117.5); // median of D-7 … D-28 = 107, 114, 121, 128
    expect(k.baseN).toBe(4);
    expect(k.delta).toBeCloseTo(100 / 117.5 - 1, 10);
    expect(k.spark).toHaveLength(30);
    expect(k.spark[29]).toBe(100);
    expect(k.spark[26]).toBeNull();
  });

  it('大促 days stay out of the baseline: it reaches back to normal weeks', () => {
    const facts = [];
    for (let i = 0; i < 80; i++) facts.push(fact({ entityKind: 'shop', entityId: '106033221', date: addDays(D, -i), values: { payAmt: i % 7 === 0 ? 100 + i : 50 } }));
    // D-7 … D-35 fall in the 双11 window (10-14 … 11-14); D-42, D-49, D-56, D-63 do not.
    expect(kpiAnnotation('payAmt', 'CNY', byDate(facts), D).base).toBe(152.5);
  });

  it('no data → null delta, never a fake zero', () => {
    const k = kpiAnnotation('uv', 'count', new Map(), D);
    expect([k.value, k.base, k.delta]).toEqual([null, null, null]);
  });
});

describe('ad flags and derived figures', () => {
  const win = { from: addDays(D, -6), to: D, days: 7 };
  const margin = { value: 0.4, assumed: true };
  const days = (v: Record<string, number>) => byDate([fact({ entityKind: 'keyword', entityId: '1', date: D, dims: { attr: '15', unify: 'zhai' }, values: v })], '15');

  it('高花费无转化 with enough spend and clicks; not below the minimum sample', () => {
    const s = adSums(days({ adSpend: 80, adClicks: 40, adImpressions: 2000, adOrders: 0, adCarts: 4 }), win.from, win.to);
    const a = adAnnotation(s, win, margin, null, [], true);
    expect(a.flags.map((f) => f.id)).toContain('noConv');
    expect(a.cartCost).toBe(20);
    expect(a.breakEvenRoi).toBe(2.5);
    const small = adAnnotation(adSums(days({ adSpend: 20, adClicks: 40, adOrders: 0 }), win.from, win.to), win, margin, null, [], true);
    expect(small.flags).toEqual([]);
  });

  it('ROI 低于保本 = 1 ÷ gross margin, says when the margin is assumed', () => {
    const s = adSums(days({ adSpend: 100, adClicks: 50, adOrders: 2, adGmv: 200 }), win.from, win.to);
    const a = adAnnotation(s, win, margin, null, [], false);
    const f = a.flags.find((x) => x.id === 'lowRoi');
    expect(f?.tip.zh).toContain('2.50');
    expect(f?.tip.zh).toContain('默认假设');
    expect(adAnnotation(s, win, { value: 0.6, assumed: false }, null, [], false).flags).toEqual([]);
  });

  it('点击率偏低 against 0.8 × page average, floor 1.2% for keywords without peers', () => {
    const s = adSums(days({ adSpend: 10, adClicks: 10, adImpressions: 1000 }), win.from, win.to);
    expect(adAnnotation(s, win, margin, 0.02, [], true).flags.map((f) => f.id)).toEqual(['lowCtr']);
    expect(adAnnotation(s, win, margin, 0.011, [], true).flags).toEqual([]);
    expect(adAnnotation(s, win, margin, null, [], true).flags.map((f) => f.id)).toEqual(['lowCtr']);
    expect(adAnnotation(s, win, margin, null, [], false).flags).toEqual([]);
    expect(AD_MIN.ctrFloor).toBe(0.012);
  });

  it('facts of another attribution window are not mixed in', () => {
    const m = byDate([fact({ entityKind: 'keyword', entityId: '1', date: D, dims: { attr: '3' }, values: { adSpend: 5 } })], '15');
    expect(m.size).toBe(0);
  });

  it('预算进度 only when a budget was captured', () => {
    const s = adSums(days({ adSpend: 30, dayBudget: 120 }), win.from, win.to);
    expect(adAnnotation(s, win, margin, null, [], true).budgetProgress).toBe(0.25);
    expect(adAnnotation(adSums(days({ adSpend: 30 }), win.from, win.to), win, margin, null, [], true).budgetProgress).toBeNull();
  });
});

describe('agent ranking with shrinkage', () => {
  it('a tiny perfect sample does not top a large good one', () => {
    const r = rankAgents(
      new Map([
        ['tiny', { inquiries: 3, rate: 1 }],
        ['big', { inquiries: 400, rate: 0.45 }],
        ['low', { inquiries: 300, rate: 0.3 }],
        ['none', { inquiries: 0, rate: null }],
      ]),
      { from: D, to: D },
    );
    expect(r.get('big')?.rank).toBe(1);
    expect(r.get('tiny')?.rank).toBe(2);
    expect(r.get('low')?.rank).toBe(4);
    expect(r.get('big')?.of).toBe(4);
    expect(r.get('none')?.shrunk).toBeCloseTo(r.get('none')?.teamRate ?? 0, 10);
  });
});
