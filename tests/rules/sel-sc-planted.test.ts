/**
 * Planted problems of the 选品 (SEL) and 供应链 (SC) areas: the generator world's shop A and B over
 * 2026-09-01…2026-11-22, in the shapes the adapters store (sycm-home / sycm-trade shop days, peer
 * days, sycm-item item days and SKU sales with dims.itemId, SKU stock snapshots, 千牛 商品管理 and
 * 工作台 snapshots, sycm-market indexes under list=compare / list=monitor), run through the SEL
 * and SC rules as of 2026-11-22. Every planted problem must be found at its entity and period;
 * shop B (the control) must get no fired P0/P1.
 */
import { describe, expect, it } from 'vitest';
import { buildContext } from '@/lib/rules/context';
import { evaluateRules, type FindingDraft } from '@/lib/rules/engine';
import { RULES } from '@/lib/rules/registry';
import { type Fact, factId } from '@/lib/schema/fact';
import { createWorld, dateRange, SHOP_A, SHOP_B } from '../sandbox/generator/index.ts';
import { logisticsOverview, skuSales, skuStock } from '../sandbox/generator/item-trade.ts';
import { MARKET_CATE, marketIndexes, rivalMarketDay, rivalShops, selfMarketDay } from '../sandbox/generator/market.ts';
import { qnItemRows, qnTodos } from '../sandbox/generator/qianniu.ts';

const FROM = '2026-09-01';
const AS_OF = '2026-11-22';
/** The capture day: real-time stock and 千牛 lists are read the morning after the last closed day. */
const TODAY = '2026-11-23';
const world = createWorld();

function shopFactsOf(shopId: string): Fact[] {
  const facts: Fact[] = [];
  const put = (
    entityKind: Fact['entityKind'],
    entityId: string,
    date: string,
    values: Record<string, number>,
    dims: Record<string, string>,
    grain: Fact['grain'] = 'day',
    name?: string,
  ) => {
    const f = {
      shopId,
      entityKind,
      entityId,
      ...(name ? { entityName: name } : {}),
      grain,
      date,
      dims,
      values,
      source: { adapter: 'planted', route: 'planted' },
      capturedAt: 1,
      updatedAt: 1,
    };
    facts.push({ ...f, id: factId(f) });
  };
  const shop = world.shop(shopId);
  const items = world.items(shopId);
  const cate = MARKET_CATE[shop.key].cateId;
  const rivals = rivalShops(world.seed, shop);
  for (const date of dateRange(FROM, AS_OF)) {
    const day = world.shopDay(shopId, date);
    const lg = logisticsOverview(world, shopId, date);
    put('shop', shopId, date, { ...day, gotInTime48hRate: lg.gotInTime48hRate as number, avgShipTimeHh: lg.avgShipTimeHh as number }, { device: '0' });
    put('peer', 'rivalAvg', date, { ...world.peerDay(shopId, date, 'rivalAvg') }, { device: '0' }, 'day', '同行平均');
    for (const it of world.itemDays(shopId, date)) {
      const { itemId, ...v } = it;
      put('item', itemId, date, v, { device: '0' }, 'day', items.find((x) => x.itemId === itemId)?.title);
      for (const s of skuSales(world, shopId, itemId, date)) {
        put('sku', s.sku.skuId, date, { payAmt: s.payAmt, payByrCnt: s.payByrCnt, payItmCnt: s.payItmCnt }, { device: '0', itemId }, 'day', s.sku.name);
      }
    }
    // 竞店分析 (own shop vs rival 1) and 监控店铺 (all rivals): 指数 only for rivals.
    const own = marketIndexes(selfMarketDay(day));
    put('shop', shopId, date, { tradeIndex: own.tradeIndex, uvIndex: own.uvIndex }, { device: '0', cateId: cate, list: 'compare' });
    for (const r of rivals) {
      const idx = marketIndexes(rivalMarketDay(world.seed, day, r.userId, r.scale, r.rate, date));
      put(
        'rivalShop',
        r.userId,
        date,
        { tradeIndex: idx.tradeIndex, uvIndex: idx.uvIndex },
        { device: '0', cateId: cate, list: 'monitor', sellerType: '-1' },
        'day',
        r.title,
      );
    }
  }
  for (const it of items) {
    for (const s of skuStock(world, shopId, it.itemId, TODAY)) {
      put(
        'sku',
        s.sku.skuId,
        TODAY,
        { currentStockCnt: s.currentStockCnt, sellRate: s.sellRate, stockDays: s.stockDays },
        { itemId: it.itemId },
        'snapshot',
        s.sku.name,
      );
    }
  }
  for (const r of qnItemRows(world, shopId, TODAY))
    put('item', r.itemId, TODAY, { itemPrice: r.price, stockOnHand: r.stock, soldQty30d: r.sold30, soldQtyTotal: r.soldTotal }, {}, 'snapshot', r.title);
  const todo: Record<string, number> = {};
  for (const t of qnTodos(world, shopId, TODAY))
    for (const d of t.details)
      if (d.uiCode === 'timeOutDelivery' || d.uiCode === 'willTimeOutDelivery')
        todo[d.uiCode === 'timeOutDelivery' ? 'todoTimeOutDelivery' : 'todoWillTimeOutDelivery'] = d.count;
  put('shop', shopId, TODAY, todo, { panel: 'todo' }, 'snapshot');
  return facts;
}

const MINE = RULES.filter((r) => r.meta.area === 'SEL' || r.meta.area === 'SC');

function findings(shopId: string): FindingDraft[] {
  const ctx = buildContext(shopId, shopFactsOf(shopId));
  if (!ctx) throw new Error('no context');
  expect(ctx.asOf).toBe(AS_OF);
  return evaluateRules(MINE, ctx);
}

describe('planted SEL / SC problems', () => {
  const A = findings(SHOP_A.runAsShopId);
  const B = findings(SHOP_B.runAsShopId);
  const planted = world.plantedProblems().filter((p) => p.area === 'SEL' || p.area === 'SC');

  it('plants at least one problem per area in shop A', () => {
    expect(new Set(planted.map((p) => p.area))).toEqual(new Set(['SEL', 'SC']));
    for (const p of planted) expect(p.entity.id).toMatch(/^\d+$/);
  });

  it.each(planted.map((p) => [p.id, p] as const))('%s is found at its entity and period', (_id, p) => {
    const hit = A.filter(
      (f) =>
        f.status === 'fired' &&
        f.area === p.area &&
        f.entity.kind === p.entity.kind &&
        f.entity.id === p.entity.id &&
        f.period.to >= p.from &&
        f.period.from <= p.to,
    );
    expect(hit.length, JSON.stringify(A.filter((f) => f.status === 'fired').map((f) => [f.ruleId, f.severity, f.entity.id, f.period]))).toBeGreaterThan(0);
  });

  it('recall and false alarms', () => {
    const found = planted.filter((p) => A.some((f) => f.status === 'fired' && f.entity.id === p.entity.id && f.area === p.area)).length;
    const falseAlarms = B.filter((f) => f.status === 'fired' && (f.severity === 'P0' || f.severity === 'P1'));
    console.info(`SEL/SC planted recall ${found}/${planted.length}; P0/P1 on shop B: ${falseAlarms.length}`);
    expect(found).toBe(planted.length);
    expect(falseAlarms.map((f) => [f.ruleId, f.severity, f.entity.id, f.detail.zh])).toEqual([]);
  });

  it('no rule errors on either shop', () => {
    expect([...A, ...B].filter((f) => f.status === 'error').map((f) => [f.ruleId, f.detail.en])).toEqual([]);
  });
});
