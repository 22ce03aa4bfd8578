import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  createWorld,
  dateRange,
  expectedUv,
  HOME_KPI_CODES,
  HOME_KPIS,
  PEER_CODES,
  plantedProblems,
  SHOP_A,
  SHOP_B,
  weekdayIndex,
} from '../sandbox/generator/index.ts';

const world = createWorld();
const A = SHOP_A.runAsShopId;
const B = SHOP_B.runAsShopId;
const TODAY = '2026-11-29';
const round = (v: number, dp: number) => Math.round(v * 10 ** dp) / 10 ** dp;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length / 2;
  return s.length % 2 ? (s[Math.floor(m)] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const sameWeekdayBaseline = (shopId: string, date: string, code: 'uv' | 'pv' | 'payByrCnt' | 'payAmt') =>
  median([1, 2, 3, 4].map((k) => world.shopDay(shopId, addDays(date, -7 * k))[code]));

describe('identities', () => {
  it('has the two exact shops', () => {
    expect(world.shops.map((s) => s.runAsShopId)).toEqual(['106033221', '106078842']);
    expect(SHOP_A).toMatchObject({
      runAsShopTitle: '暖居家纺旗舰店',
      mainUserId: '2206514830',
      mainUserName: '暖居家纺旗舰店',
      loginUserName: '暖居家纺旗舰店:小王',
      legalityToken: '1aa656228',
    });
    expect(SHOP_B).toMatchObject({
      runAsShopTitle: '轻野户外旗舰店',
      mainUserId: '2210339175',
      mainUserName: '轻野户外旗舰店',
      loginUserName: '轻野户外旗舰店:阿杰',
      legalityToken: 'ff25b109b',
    });
  });
});

describe('determinism', () => {
  it('same seed → same data; other seed → different data', () => {
    const w2 = createWorld({ seed: 20261129 });
    const w3 = createWorld({ seed: 7 });
    for (const d of ['2025-06-01', '2025-11-11', '2026-03-15', '2026-11-28']) {
      expect(w2.shopDay(A, d)).toEqual(world.shopDay(A, d));
      expect(w2.peerDay(B, d, 'rivalGood')).toEqual(world.peerDay(B, d, 'rivalGood'));
      expect(w3.shopDay(A, d)).not.toEqual(world.shopDay(A, d));
    }
    expect(w2.items(A)).toEqual(world.items(A));
    expect(w2.keywords(B)).toEqual(world.keywords(B));
  });

  it('any day is computable independently (order does not matter)', () => {
    const fresh = createWorld();
    const late = fresh.shopDay(B, '2026-10-10');
    expect(createWorld().shopDay(B, '2026-10-10')).toEqual(late);
  });

  it('history spans ≥ 400 days from 2025-06-01 to yesterday', () => {
    expect(world.historyStart).toBe('2025-06-01');
    expect(world.hasData('2025-05-31', TODAY)).toBe(false);
    expect(world.hasData('2025-06-01', TODAY)).toBe(true);
    expect(world.hasData('2026-11-28', TODAY)).toBe(true);
    expect(world.hasData(TODAY, TODAY)).toBe(false);
    expect(dateRange('2025-06-01', '2026-11-28').length).toBeGreaterThanOrEqual(400);
  });
});

describe('internal consistency', () => {
  const dates = dateRange('2025-06-01', '2026-11-28').filter((_, i) => i % 3 === 0);
  it('all home codes, derived ratios, units', () => {
    const moneyCodes = HOME_KPIS.filter((k) => k.unit === 'money').map((k) => k.code);
    const countCodes = HOME_KPIS.filter((k) => k.unit === 'count').map((k) => k.code);
    const rateCodes = HOME_KPIS.filter((k) => k.unit === 'rate').map((k) => k.code);
    expect(HOME_KPI_CODES).toHaveLength(32);
    for (const shopId of [A, B]) {
      for (const date of dates) {
        const d = world.shopDay(shopId, date);
        expect(Object.keys(d).sort()).toEqual([...HOME_KPI_CODES].sort());
        expect(d.payRate).toBe(round(d.payByrCnt / d.uv, 4));
        expect(d.payPct).toBe(round(d.payAmt / d.payByrCnt, 2));
        expect(d.hasPurchaseUbyCntRate).toBe(round(d.payOldByrCnt / d.payByrCnt, 4));
        expect(d.netPaymentAmount).toBe(round(d.payAmt - d.payShopRfdAmt, 2));
        for (const c of moneyCodes) expect(round(d[c], 2)).toBe(d[c]);
        for (const c of countCodes) expect(Number.isInteger(d[c])).toBe(true);
        for (const c of rateCodes) {
          expect(d[c]).toBeGreaterThanOrEqual(0);
          expect(d[c]).toBeLessThanOrEqual(1);
        }
        expect(d.pv).toBeGreaterThan(d.uv);
        expect(d.payItmCnt).toBeGreaterThanOrEqual(d.subPayOrdSubCnt);
        expect(d.subPayOrdSubCnt).toBeGreaterThanOrEqual(d.payByrCnt);
        expect(d.cartItemCnt).toBeGreaterThanOrEqual(d.cartByrCnt);
        expect(d.payOldByrCnt).toBeLessThanOrEqual(d.payByrCnt);
        expect(d.rePurchasePayAmount).toBeLessThanOrEqual(d.payAmt);
        expect(d.stayTime).toBeGreaterThan(10);
        expect(d.stayTime).toBeLessThan(200); // seconds
        expect(d.avgSignTimeHh).toBeGreaterThan(12); // hours
        expect(d.rfdFinshDur).toBeLessThan(10); // days
      }
    }
  });

  it('peers are consistent and ordered avg < good', () => {
    for (const date of dates.slice(0, 60)) {
      for (const shopId of [A, B]) {
        const avg = world.peerDay(shopId, date, 'rivalAvg');
        const good = world.peerDay(shopId, date, 'rivalGood');
        expect(Object.keys(avg).sort()).toEqual([...PEER_CODES].sort());
        for (const p of [avg, good]) {
          expect(p.payRate).toBe(round(p.payByrCnt / p.uv, 4));
          expect(p.payPct).toBe(round(p.payAmt / p.payByrCnt, 2));
        }
        expect(good.payAmt).toBeGreaterThan(avg.payAmt);
      }
    }
  });

  it('GMV levels: A ≈ ¥40k/day, B ≈ ¥25k/day on ordinary days', () => {
    const ordinary = dateRange('2026-08-01', '2026-09-30');
    const avg = (id: string) => ordinary.reduce((s, d) => s + world.shopDay(id, d).payAmt, 0) / ordinary.length;
    expect(avg(A)).toBeGreaterThan(33_000);
    expect(avg(A)).toBeLessThan(50_000);
    expect(avg(B)).toBeGreaterThan(20_000);
    expect(avg(B)).toBeLessThan(31_000);
  });
});

describe('realism', () => {
  const ordinary = dateRange('2026-08-03', '2026-10-11');
  const weekendRatio = (id: string) => {
    const we = ordinary.filter((d) => weekdayIndex(d) >= 5);
    const wd = ordinary.filter((d) => weekdayIndex(d) < 5);
    const m = (ds: string[]) => ds.reduce((s, d) => s + world.shopDay(id, d).uv, 0) / ds.length;
    return m(we) / m(wd);
  };
  it('weekday seasonality: A busier at weekends, B quieter', () => {
    expect(weekendRatio(A)).toBeGreaterThan(1.05);
    expect(weekendRatio(B)).toBeLessThan(0.95);
  });

  it('618, 双11 (with post-peak dip) and 双12 peaks exist', () => {
    for (const id of [A, B]) {
      for (const y of [2025, 2026]) {
        const base = median(dateRange(`${y}-10-01`, `${y}-10-14`).map((d) => world.shopDay(id, d).payAmt));
        const peak = world.shopDay(id, `${y}-11-11`);
        expect(peak.payAmt).toBeGreaterThan(3 * base);
        expect(peak.uv).toBeGreaterThan(world.shopDay(id, `${y}-11-01`).uv);
        expect(world.shopDay(id, `${y}-11-01`).uv).toBeGreaterThan(world.shopDay(id, `${y}-10-25`).uv);
        expect(world.shopDay(id, `${y}-11-12`).uv).toBeLessThan(world.shopDay(id, `${y}-11-05`).uv * 0.6);
      }
      const june = median(dateRange('2026-07-06', '2026-07-19').map((d) => world.shopDay(id, d).payAmt));
      expect(world.shopDay(id, '2026-06-18').payAmt).toBeGreaterThan(2.5 * june);
      expect(world.shopDay(id, '2026-06-10').uv).toBeGreaterThan(world.shopDay(id, '2026-05-27').uv);
      expect(world.shopDay(id, '2025-12-12').payAmt).toBeGreaterThan(world.shopDay(id, '2025-12-05').payAmt * 1.2);
    }
  });

  it('slow trend: A grows year over year on the same season', () => {
    const m = (from: string, to: string) => median(dateRange(from, to).map((d) => world.shopDay(A, d).uv));
    expect(m('2026-09-01', '2026-09-28')).toBeGreaterThan(m('2025-09-01', '2025-09-28'));
  });
});

describe('planted problems', () => {
  const problems = plantedProblems(world);
  const window = dateRange('2026-11-16', '2026-11-22');

  it('exactly one DA problem: A traffic-drop 2026-11-16…22', () => {
    const da = problems.filter((p) => p.area === 'DA');
    expect(da).toHaveLength(1);
    expect(da[0]).toMatchObject({
      shopId: A,
      area: 'DA',
      kind: 'traffic-drop',
      entity: { kind: 'shop', id: A },
      from: '2026-11-16',
      to: '2026-11-22',
      metric: 'uv',
    });
    expect(problems.every((p) => p.shopId !== B)).toBe(true);
    expect(world.plantedProblems()).toEqual(problems);
  });

  it('uv ×0.62 inside the window, normal right outside it; conversion unchanged', () => {
    const ratio = (id: string, d: string) => world.shopDay(id, d).uv / expectedUv(world.shop(id), d);
    for (const d of window) {
      expect(ratio(A, d)).toBeGreaterThan(0.62 * 0.97);
      expect(ratio(A, d)).toBeLessThan(0.62 * 1.03);
      expect(ratio(B, d)).toBeGreaterThan(0.97);
      const day = world.shopDay(A, d);
      expect(day.payRate).toBeGreaterThan(SHOP_A.profile.basePayRate * 0.95);
      expect(day.payRate).toBeLessThan(SHOP_A.profile.basePayRate * 1.05);
      expect(day.pv / day.uv).toBeGreaterThan(SHOP_A.profile.pvPerUv * 0.96);
    }
    for (const d of ['2026-11-15', '2026-11-23', '2026-11-28']) expect(ratio(A, d)).toBeGreaterThan(0.97);
  });

  it('payByrCnt and payAmt drop accordingly; the 15 % rule fires on every planted day', () => {
    for (const d of window) {
      const day = world.shopDay(A, d);
      const expectedPay = expectedUv(SHOP_A, d) * SHOP_A.profile.basePayRate * SHOP_A.profile.basePayPct;
      expect(day.payAmt / expectedPay).toBeLessThan(0.7);
      expect(day.uv).toBeLessThanOrEqual(0.85 * sameWeekdayBaseline(A, d, 'uv'));
    }
  });

  it('the loss comes from 手淘搜索 / 手淘推荐; other sources keep their visitors', () => {
    const others = (d: string) =>
      world
        .sourceDays(A, d)
        .filter((s) => s.pageLevel === 2 && !['23.s1150', '23.s1152'].includes(s.pageId))
        .reduce((a, s) => a + s.uv, 0) / expectedUv(SHOP_A, d);
    for (const d of window) {
      expect(others(d)).toBeGreaterThan(0.45);
      expect(others(d)).toBeLessThan(0.6);
    }
  });
});

describe('no false alarms on ordinary days', () => {
  const excluded = (d: string) =>
    (d >= '2026-11-16' && d <= '2026-11-29') || // planted window + 7 days
    (d >= '2026-11-01' && d <= '2026-11-22') || // 双11 peak + 7 days
    (d >= '2026-06-01' && d <= '2026-07-02'); // 618 + 7 days
  const days = dateRange(addDays(TODAY, -120), addDays(TODAY, -1)).filter((d) => !excluded(d));

  it('covers a meaningful number of days', () => {
    expect(days.length).toBeGreaterThan(80);
  });

  for (const shop of [SHOP_A, SHOP_B]) {
    it(`shop ${shop.key}: uv, pv, payByrCnt, payAmt within ±10 % of the same-weekday median of the previous 4 weeks`, () => {
      const bad: string[] = [];
      for (const d of days) {
        for (const code of ['uv', 'pv', 'payByrCnt', 'payAmt'] as const) {
          const dev = world.shopDay(shop.runAsShopId, d)[code] / sameWeekdayBaseline(shop.runAsShopId, d, code) - 1;
          if (Math.abs(dev) > 0.1) bad.push(`${d} ${code} ${(dev * 100).toFixed(1)}%`);
        }
      }
      expect(bad).toEqual([]);
    });
  }
});

describe('generator purity', () => {
  it('imports no Node-only modules', () => {
    const dir = new URL('../sandbox/generator/', import.meta.url);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const src = readFileSync(new URL(f, dir), 'utf8');
      expect(src, f).not.toMatch(/from ['"](node:|fs|path|crypto|os)['"/]/);
      expect(src, f).not.toMatch(/\bprocess\.|\bBuffer\b|require\(/);
    }
  });
});
