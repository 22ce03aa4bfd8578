/**
 * Planted problems of the 推广 (ADS) and 活动 (ACT) areas: the generator world's shop A and B over
 * 2026-09-01…2026-11-22 in the shapes the adapters store — sycm-home shop days (payAmt, uv,
 * payByrCnt, p4pExpendAmt/cubeAmt/feedCharge/adStrategyAmt…, device 0), 万相台 campaign and
 * keyword day rows (metric ids of lib/metrics/ads.ts, dims attr + unify, under two attribution
 * windows so the context's one-window view is exercised), SKU day sales and stock snapshots —
 * run through the ADS and ACT rules as of 2026-11-22. Every planted problem must be found at its
 * entity and period; shop B (the control) must get no fired P0/P1.
 */
import { describe, expect, it } from 'vitest';
import { readAdValues } from '@/lib/metrics/ads';
import { buildContext } from '@/lib/rules/context';
import { evaluateRules, type FindingDraft } from '@/lib/rules/engine';
import { RULES } from '@/lib/rules/registry';
import { type Fact, factId } from '@/lib/schema/fact';
import { campaignRows, keywordRows, withRates } from '../sandbox/generator/adReports.ts';
import { createWorld, dateRange, SHOP_A, SHOP_B } from '../sandbox/generator/index.ts';
import { skuSales, skuStock } from '../sandbox/generator/item-trade.ts';

const FROM = '2026-09-01';
const AS_OF = '2026-11-22';
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
  const ad = (row: Parameters<typeof withRates>[0]) => readAdValues('wanxiang', withRates(row) as unknown as Record<string, unknown>, 'row', []);
  const items = world.items(shopId);
  for (const date of dateRange(FROM, AS_OF)) {
    put('shop', shopId, date, { ...world.shopDay(shopId, date) }, { device: '0' });
    for (const attr of [3, 15]) {
      for (const { campaign, row } of campaignRows(world, shopId, date, attr))
        put('campaign', campaign.campaignId, date, ad(row), { attr: String(attr), unify: 'zhai' }, 'day', campaign.name);
      for (const { keyword, day, row } of keywordRows(world, shopId, date, attr))
        put('keyword', day.keywordId, date, ad(row), { attr: String(attr), unify: 'zhai' }, 'day', keyword?.word);
    }
    for (const it of items)
      for (const s of skuSales(world, shopId, it.itemId, date))
        put('sku', s.sku.skuId, date, { payItmCnt: s.payItmCnt }, { device: '0', itemId: it.itemId }, 'day', s.sku.name);
  }
  for (const it of items)
    for (const s of skuStock(world, shopId, it.itemId, TODAY))
      put('sku', s.sku.skuId, TODAY, { currentStockCnt: s.currentStockCnt, stockDays: s.stockDays }, { itemId: it.itemId }, 'snapshot', s.sku.name);
  return facts;
}

const MINE = RULES.filter((r) => r.meta.area === 'ADS' || r.meta.area === 'ACT');

function findings(shopId: string): FindingDraft[] {
  const ctx = buildContext(shopId, shopFactsOf(shopId));
  if (!ctx) throw new Error('no context');
  expect(ctx.asOf).toBe(AS_OF);
  return evaluateRules(MINE, ctx);
}

describe('planted ADS / ACT problems', () => {
  const A = findings(SHOP_A.runAsShopId);
  const B = findings(SHOP_B.runAsShopId);
  const planted = world.plantedProblems().filter((p) => p.area === 'ADS' || p.area === 'ACT');
  const fired = (fs: FindingDraft[]) =>
    fs.filter((f) => f.status === 'fired').map((f) => [f.ruleId, f.severity, f.entity.kind, f.entity.id, f.period.from, f.period.to]);

  it('plants at least one problem per area in shop A', () => {
    expect(new Set(planted.map((p) => p.area))).toEqual(new Set(['ADS', 'ACT']));
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
    expect(hit.length, JSON.stringify(fired(A))).toBeGreaterThan(0);
  });

  it('recall and false alarms', () => {
    const found = planted.filter((p) => A.some((f) => f.status === 'fired' && f.area === p.area && f.entity.id === p.entity.id)).length;
    const falseAlarms = B.filter((f) => f.status === 'fired' && (f.severity === 'P0' || f.severity === 'P1'));
    console.info(`ADS/ACT recall ${found}/${planted.length}; false alarms (P0/P1 on shop B): ${falseAlarms.length}`);
    console.info('A fired:', JSON.stringify(fired(A)));
    console.info('B fired:', JSON.stringify(fired(B)));
    expect(found).toBe(planted.length);
    expect(
      falseAlarms.map((f) => [f.ruleId, f.entity.id, f.severity]),
      JSON.stringify(fired(B)),
    ).toEqual([]);
  });

  it('no rule errors on either shop', () => {
    expect([...A, ...B].filter((f) => f.status === 'error').map((f) => [f.ruleId, f.detail.en])).toEqual([]);
  });
});
