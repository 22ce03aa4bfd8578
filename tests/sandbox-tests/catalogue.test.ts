import { describe, expect, it } from 'vitest';
import { createWorld, dateRange, SHOP_A, SHOP_B, XSS_TITLE } from '../sandbox/generator/index.ts';

const world = createWorld();
const A = SHOP_A.runAsShopId;
const B = SHOP_B.runAsShopId;
const sample = ['2025-06-18', '2025-11-11', '2026-02-14', '2026-07-01', '2026-11-18', '2026-11-28'];
const cents = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b * 100, 0));

describe('catalogues', () => {
  for (const id of [A, B]) {
    it(`shop ${id}: items, SKUs, campaigns, keywords, agents`, () => {
      const items = world.items(id);
      expect(items).toHaveLength(40);
      expect(new Set(items.map((i) => i.itemId)).size).toBe(40);
      for (const it of items) {
        expect(it.itemId).toMatch(/^[1-9]\d{11}$/);
        expect(it.title).toMatch(/[\u4e00-\u9fa5]/);
        expect(it.price).toBeGreaterThan(0);
      }
      const skus = world.skus(id);
      for (const it of items) {
        const n = skus.filter((s) => s.itemId === it.itemId).length;
        expect(n).toBeGreaterThanOrEqual(2);
        expect(n).toBeLessThanOrEqual(4);
      }
      for (const s of skus) {
        const stock = world.skuStock(s, '2026-11-28');
        expect(Number.isInteger(stock)).toBe(true);
        expect(stock).toBeGreaterThanOrEqual(0);
      }
      expect(world.campaigns(id)).toHaveLength(5);
      expect(world.keywords(id).length).toBeGreaterThanOrEqual(55);
      expect(world.keywords(id).length).toBeLessThanOrEqual(65);
      expect(world.agents(id)).toHaveLength(6);
      const main = world.shop(id).mainUserName;
      for (const a of world.agents(id)) expect(a.nick.startsWith(`${main}:`)).toBe(true);
    });
  }

  it('shop A has exactly one HTML-bearing title (escaping test); B has none', () => {
    const html = world.items(A).filter((i) => /<img src=x onerror=alert\(1\)>加厚珊瑚绒毯/.test(i.title));
    expect(html).toHaveLength(1);
    expect(html[0]?.title).toBe(XSS_TITLE);
    expect(world.items(B).some((i) => i.title.includes('<'))).toBe(false);
  });

  it('traffic sources carry sycm pageId codes', () => {
    const codes = world.trafficSources(A).map((s) => `${s.pageId} ${s.pageName}`);
    for (const want of ['22 广告流量', '23 平台流量', '23.s1150 手淘搜索']) expect(codes).toContain(want);
    const names = world.trafficSources(A).map((s) => s.pageName);
    for (const want of ['手淘推荐', '直接访问', '购物车', '我的淘宝']) expect(names).toContain(want);
    expect(world.trafficSources(A).some((s) => s.pageId === '22.2' && s.pageName.includes('直通车'))).toBe(true);
  });
});

describe('daily splits sum to shop totals', () => {
  for (const id of [A, B]) {
    it(`shop ${id}`, () => {
      for (const d of sample) {
        const day = world.shopDay(id, d);
        const src = world.sourceDays(id, d);
        const leaves = src.filter((s) => s.pageLevel === 2);
        const tops = src.filter((s) => s.pageLevel === 1);
        expect(leaves.reduce((a, s) => a + s.uv, 0)).toBe(day.uv);
        expect(tops.reduce((a, s) => a + s.uv, 0)).toBe(day.uv);
        expect(leaves.reduce((a, s) => a + s.payByrCnt, 0)).toBe(day.payByrCnt);
        expect(cents(leaves.map((s) => s.payAmt))).toBe(Math.round(day.payAmt * 100));

        const items = world.itemDays(id, d);
        for (const code of ['uv', 'pv', 'payByrCnt', 'payItmCnt', 'cartByrCnt', 'cltItmCnt'] as const) {
          expect(
            items.reduce((a, it) => a + it[code], 0),
            code,
          ).toBe(day[code]);
        }
        expect(cents(items.map((it) => it.payAmt))).toBe(Math.round(day.payAmt * 100));

        const camps = world.campaignDays(id, d);
        const byId = new Map(world.campaigns(id).map((c) => [c.campaignId, c]));
        for (const code of ['p4pExpendAmt', 'cubeAmt', 'feedCharge', 'adStrategyAmt'] as const) {
          const sum = cents(camps.filter((c) => byId.get(c.campaignId)?.spendCode === code).map((c) => c.charge));
          expect(sum, code).toBe(Math.round(day[code] * 100));
        }
        const kws = world.keywordDays(id, d);
        for (const c of camps.filter((c) => byId.get(c.campaignId)?.type === 'keyword')) {
          const mine = kws.filter((k) => k.campaignId === c.campaignId);
          expect(cents(mine.map((k) => k.charge))).toBe(Math.round(c.charge * 100));
          expect(mine.reduce((a, k) => a + k.clicks, 0)).toBe(c.clicks);
        }
        const agents = world.agentDays(id, d);
        expect(agents.reduce((a, x) => a + x.consultUv, 0)).toBe(Math.round(day.uv * day.consultRate));
      }
    });
  }

  it('source splits stay plausible over a long range', () => {
    for (const d of dateRange('2026-10-01', '2026-10-20')) {
      const search = world.sourceDays(A, d).find((s) => s.pageId === '23.s1150');
      expect((search?.uv ?? 0) / world.shopDay(A, d).uv).toBeGreaterThan(0.25);
    }
  });
});
