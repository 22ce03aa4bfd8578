import { describe, expect, it } from 'vitest';
import act02 from '@/lib/rules/act/act-02-incremental-roi-forecast';
import act03 from '@/lib/rules/act/act-03-stock-readiness';
import act04 from '@/lib/rules/act/act-04-post-event-overstock';
import act05 from '@/lib/rules/act/act-05-no-real-uplift';
import act06 from '@/lib/rules/act/act-06-post-event-slump';
import act08 from '@/lib/rules/act/act-08-service-capacity';
import act09 from '@/lib/rules/act/act-09-conversion-no-lift';
import { DEFAULT_PROFILE } from '@/lib/rules/context';
import { evaluateRules, type FindingDraft } from '@/lib/rules/engine';
import type { Rule, RuleContext } from '@/lib/rules/types';
import type { Fact } from '@/lib/schema/fact';
import { ctxOf, days, fact, SHOP, shopFacts } from './ads-act-helpers';

const run = (rule: unknown, ctx: RuleContext, overrides = {}): FindingDraft[] => evaluateRules([rule as Rule], ctx, overrides);
const one = (rule: unknown, ctx: RuleContext, overrides = {}) => {
  const out = run(rule, ctx, overrides);
  expect(out).toHaveLength(1);
  return out[0] as FindingDraft;
};
const inSale = (d: string) => d >= '2026-11-01' && d <= '2026-11-11';
const inWindow = (d: string) => d >= '2026-10-14' && d <= '2026-11-14';
/** Shop history from 2026-08-01 to asOf; `edit` tweaks days. */
const shop = (asOf: string, edit?: (d: string, v: Record<string, number>) => void, from = '2026-08-01', omit: string[] = []) => {
  const n = Math.round((Date.parse(asOf) - Date.parse(from)) / 86400000) + 1;
  const facts = shopFacts(days(n, asOf), edit);
  for (const f of facts) for (const k of omit) delete f.values[k];
  return facts;
};
const flatConv = (d: string, v: Record<string, number>) => {
  if (inSale(d)) {
    v.uv = (v.uv as number) * 2;
    v.payByrCnt = (v.payByrCnt as number) * 2;
  }
};
const liftConv = (d: string, v: Record<string, number>) => {
  if (inSale(d)) {
    v.uv = (v.uv as number) * 2;
    v.payByrCnt = Math.round((v.payByrCnt as number) * 2.8);
  }
};

describe('act-09-conversion-no-lift', () => {
  it.each([
    ['visitors ×2, conversion flat → fired', ctxOf(shop('2026-11-20', flatConv)), 'fired'],
    ['conversion ×1.4 → ok', ctxOf(shop('2026-11-20', liftConv)), 'ok'],
    ['no history before the event → insufficient', ctxOf(shop('2026-11-20', flatConv, '2026-10-25')), 'insufficient'],
    ['no buyers metric → not applicable', ctxOf(shop('2026-11-20', flatConv, '2026-08-01', ['payByrCnt'])), 'not-applicable'],
  ])('%s', (_n, ctx, status) => {
    const f = one(act09, ctx);
    expect(f.status).toBe(status);
    if (status === 'fired') expect(f.period).toEqual({ from: '2026-11-01', to: '2026-11-11' });
  });
});

describe('act-05-no-real-uplift', () => {
  const big = (d: string, v: Record<string, number>) => {
    if (inWindow(d)) v.payByrCnt = (v.payByrCnt as number) * 2;
  };
  it.each([
    ['GMV flat through 双11 → fired (no real uplift)', ctxOf(shop('2026-11-30')), 'fired'],
    ['GMV doubled without a dip → ok', ctxOf(shop('2026-11-30', big)), 'ok'],
    ['14 days after the event not over → insufficient', ctxOf(shop('2026-11-20', big)), 'insufficient'],
    ['under 28 days before the event → insufficient', ctxOf(shop('2026-11-30', big, '2026-10-01')), 'insufficient'],
    ['no payment amount → not applicable', ctxOf(shop('2026-11-30', big, '2026-08-01', ['payAmt'])), 'not-applicable'],
  ])('%s', (_n, ctx, status) => {
    expect(one(act05, ctx).status).toBe(status);
  });
  it('reports gross uplift, dip, net uplift with a range and the incremental ROI with its assumptions', () => {
    const f = one(act05, ctxOf(shop('2026-11-30', big)));
    expect(f.detail.zh).toMatch(/毛增量 .*回落 .*净增量 .*80% 区间/);
    expect(f.detail.zh).toContain('假设让利 10%');
    expect(f.evidence.find((e) => e.label.en === 'Net uplift share')?.value).toBeGreaterThan(0.3);
  });
});

describe('act-06-post-event-slump', () => {
  const slump = (d: string, v: Record<string, number>) => {
    if (d > '2026-11-14') v.payByrCnt = Math.round((v.payByrCnt as number) * 0.7);
  };
  it.each([
    ['GMV at 70 % for two weeks after 双11 → fired', ctxOf(shop('2026-12-06', slump)), 'fired'],
    ['recovered → ok', ctxOf(shop('2026-12-06')), 'ok'],
    ['day 21 not reached → insufficient', ctxOf(shop('2026-11-30', slump)), 'insufficient'],
    ['no payment amount → not applicable', ctxOf(shop('2026-12-06', slump, '2026-08-01', ['payAmt'])), 'not-applicable'],
  ])('%s', (_n, ctx, status) => {
    expect(one(act06, ctx).status).toBe(status);
  });
  it('names the factor that has not recovered', () => {
    expect(one(act06, ctxOf(shop('2026-12-06', slump))).detail.zh).toContain('恢复最差的是转化率');
  });
});

describe('act-02-incremental-roi-forecast', () => {
  it.each([
    ['default assumptions → ok with the projection', ctxOf(shop('2026-11-20')), {}, 'ok'],
    ['50 % discount → fired (selling at a loss)', ctxOf(shop('2026-11-20')), { 'act-02-incremental-roi-forecast': { discountRate: 0.5 } }, 'fired'],
    ['one week of history → insufficient', ctxOf(shop('2026-11-20', undefined, '2026-11-14')), {}, 'insufficient'],
    ['no payment amount → not applicable', ctxOf(shop('2026-11-20', undefined, '2026-08-01', ['payAmt'])), {}, 'not-applicable'],
  ])('%s', (_n, ctx, overrides, status) => {
    const f = one(act02, ctx, overrides);
    expect(f.status).toBe(status);
    if (status === 'ok') expect(f.detail.zh).toContain('假设爆发系数 2.50');
  });
});

/** SKU day sales (payItmCnt, dims.itemId) from 2026-08-01 and a stock snapshot. */
const skuShop = (asOf: string, stock: number, perDay: number, snapDate = asOf, profile = DEFAULT_PROFILE): RuleContext => {
  const facts: Fact[] = shop(asOf);
  for (const d of days(100, asOf)) facts.push(fact('sku', 'sku1', d, { payItmCnt: perDay }, { device: '0', itemId: 'i1' }, 'day', '黑色 M'));
  facts.push(fact('sku', 'sku1', snapDate, { currentStockCnt: stock }, { itemId: 'i1' }, 'snapshot', '黑色 M'));
  return ctxOf(facts, profile);
};

describe('act-03-stock-readiness', () => {
  it.each([
    ['10 units for a 45-unit 双12 → fired P1', skuShop('2026-11-20', 10, 5), 'fired', 'P1'],
    [
      'lead time 30 days > days to the event → P0',
      skuShop('2026-11-20', 10, 5, '2026-11-20', { ...DEFAULT_PROFILE, leadTimeDays: 30, assumed: [] }),
      'fired',
      'P0',
    ],
    ['1,000 units → ok', skuShop('2026-11-20', 1000, 5), 'ok', undefined],
    ['stale snapshot → insufficient', skuShop('2026-11-20', 10, 5, '2026-11-01'), 'insufficient', undefined],
    ['no SKU stock → not applicable', ctxOf(shop('2026-11-20')), 'not-applicable', undefined],
  ])('%s', (_n, ctx, status, sev) => {
    const f = one(act03, ctx);
    expect(f.status).toBe(status);
    if (sev) expect(f.severity).toBe(sev);
    if (status === 'fired') expect(f.entity).toEqual({ kind: 'sku', id: 'sku1', name: '黑色 M' });
  });
});

describe('act-04-post-event-overstock', () => {
  it.each([
    ['500 units at 2 a day after 双11 → fired', skuShop('2026-11-20', 500, 2), 'fired'],
    ['100 units at 2 a day → ok', skuShop('2026-11-20', 100, 2), 'ok'],
    ['snapshot from before the event ended → insufficient', skuShop('2026-11-20', 500, 2, '2026-11-10'), 'insufficient'],
    ['no SKU stock → not applicable', ctxOf(shop('2026-11-20')), 'not-applicable'],
  ])('%s', (_n, ctx, status) => {
    expect(one(act04, ctx).status).toBe(status);
  });
});

describe('act-08-service-capacity', () => {
  const peak = (d: string, v: Record<string, number>) => {
    if (d === '2026-11-11') v.payByrCnt = 700;
  };
  const slowReplies = (d: string, v: Record<string, number>) => {
    peak(d, v);
    if (inSale(d)) v.wwReplyManualAvgTimeLen = 40;
  };
  it.each([
    ['双12 peak forecast above anything handled so far → fired', ctxOf(shop('2026-11-20')), 'fired'],
    ['双11 handled 700 orders in a day → ok', ctxOf(shop('2026-11-20', peak)), 'ok'],
    ['replies twice as slow during 双11 → fired', ctxOf(shop('2026-11-20', slowReplies)), 'fired'],
    ['one week of history → insufficient', ctxOf(shop('2026-11-20', undefined, '2026-11-14')), 'insufficient'],
    ['no buyers metric → not applicable', ctxOf(shop('2026-11-20', undefined, '2026-08-01', ['payByrCnt'])), 'not-applicable'],
  ])('%s', (_n, ctx, status) => {
    const f = one(act08, ctx);
    expect(f.status).toBe(status);
    expect(f.entity.id).toBe(SHOP);
  });
});
