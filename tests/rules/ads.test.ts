import { describe, expect, it } from 'vitest';
import ads01 from '@/lib/rules/ads/ads-01-zero-conversion';
import ads02 from '@/lib/rules/ads/ads-02-roi-below-breakeven';
import ads03 from '@/lib/rules/ads/ads-03-low-ctr';
import ads05Be from '@/lib/rules/ads/ads-05-cpc-breakeven';
import ads05Rise from '@/lib/rules/ads/ads-05-cpc-rising';
import ads06 from '@/lib/rules/ads/ads-06-budget-capped';
import ads07 from '@/lib/rules/ads/ads-07-cvr-drop';
import ads08 from '@/lib/rules/ads/ads-08-ad-cost-ratio';
import ads09 from '@/lib/rules/ads/ads-09-capped-high-roi';
import ads10 from '@/lib/rules/ads/ads-10-ctr-high-cvr-low';
import ads11 from '@/lib/rules/ads/ads-11-cart-cost';
import { evaluateRules, type FindingDraft } from '@/lib/rules/engine';
import type { Rule, RuleContext } from '@/lib/rules/types';
import { ADS_AS_OF, type AdDay, adFacts, ctxOf, days, ENTERED, fact, keywordShop, SHOP, shopFacts } from './ads-act-helpers';

const run = (rule: unknown, ctx: RuleContext): FindingDraft[] => evaluateRules([rule as Rule], ctx);
const statuses = (fs: FindingDraft[]) => [...new Set(fs.map((f) => f.status))];
const kw = (id: string, d: (i: number) => AdDay | null, n = 30) => adFacts('keyword', id, id, days(n), (_x, i) => d(i));
const campaigns = (specs: [string, (i: number, date: string) => AdDay | null][], n = 40, profile?: Parameters<typeof ctxOf>[1]) =>
  ctxOf([...shopFacts(days(n)), ...specs.flatMap(([id, d]) => adFacts('campaign', id, `计划${id}`, days(n), (date, i) => d(i, date)))], profile);
const shopOnly = () => ctxOf(shopFacts(days(30)));

describe('ads-01-zero-conversion', () => {
  const bad = (spend: number) => kw('kwBad', () => ({ spend, clicks: 30, imps: 900, orders: 0, gmv: 0, carts: 1 }));
  it.each([
    ['zero-order keyword → fired P1', keywordShop({ special: bad(30) }), 'fired', 'P1'],
    ['it eats ≥ 20 % of keyword spend → P0', keywordShop({ special: bad(200) }), 'fired', 'P0'],
    ['every keyword converts → ok', keywordShop(), 'ok', undefined],
    ['tiny spend → insufficient', ctxOf([...shopFacts(days(30)), ...kw('k1', () => ({ spend: 1, clicks: 1, orders: 0, gmv: 0 }))]), 'insufficient', undefined],
    ['no keyword or crowd data → not applicable', shopOnly(), 'not-applicable', undefined],
  ])('%s', (_n, ctx, status, sev) => {
    const out = run(ads01, ctx);
    expect(statuses(out)).toEqual([status]);
    if (sev) expect(out[0]?.severity).toBe(sev);
  });
  it('names the keyword, the window ending T-2, the immaturity and the what-if of pausing it', () => {
    const f = run(ads01, keywordShop({ special: bad(30) }))[0] as FindingDraft;
    expect(f.entity).toEqual({ kind: 'keyword', id: 'kwBad', name: 'kwBad' });
    expect(f.period.to).toBe('2026-09-28');
    expect(f.detail.zh).toContain('0 成交');
    expect(f.detail.zh).toContain('未成熟');
    expect(f.detail.zh).toContain('假如暂停');
    expect(f.detail.zh).toContain('默认假设 40%');
    expect(f.evidence.map((e) => e.label.en)).toContain('Projected ROAS if paused');
    expect(f.link?.url).toContain('one.alimama.com');
  });
});

describe('ads-02-roi-below-breakeven', () => {
  const good = (): AdDay => ({ spend: 100, clicks: 100, orders: 5, gmv: 500 });
  const poor = (): AdDay => ({ spend: 100, clicks: 100, orders: 2, gmv: 150 });
  it.each([
    [
      'ROI 1.5 < 2.5 with the assumed margin → fired, capped at P2',
      campaigns([
        ['c1', good],
        ['c2', poor],
      ]),
      'fired',
      'P2',
    ],
    [
      'entered margin, ROI < 0.8 × break-even, half the spend → P0',
      campaigns(
        [
          ['c1', good],
          ['c2', poor],
        ],
        40,
        ENTERED,
      ),
      'fired',
      'P0',
    ],
    [
      'all above break-even → ok',
      campaigns([
        ['c1', good],
        ['c2', good],
      ]),
      'ok',
      undefined,
    ],
    ['spend below ¥100 → insufficient', campaigns([['c1', () => ({ spend: 5, clicks: 5, orders: 0, gmv: 10 })]]), 'insufficient', undefined],
    ['no campaign report → not applicable', shopOnly(), 'not-applicable', undefined],
  ])('%s', (_n, ctx, status, sev) => {
    const out = run(ads02, ctx).filter((f) => f.status === status);
    expect(out.length).toBeGreaterThan(0);
    if (sev) expect(out[0]?.severity).toBe(sev);
    if (status === 'fired') expect(out[0]?.entity.id).toBe('c2');
  });
  it('estimates the loss and says the margin is assumed', () => {
    const f = run(
      ads02,
      campaigns([
        ['c1', good],
        ['c2', poor],
      ]),
    )[0] as FindingDraft;
    expect(f.detail.zh).toMatch(/投产比 1\.50，低于保本 2\.50/);
    expect(f.detail.zh).toContain('估算亏损');
    expect(f.evidence.find((e) => e.label.en === 'Estimated loss')?.value).toBeCloseTo(1500 - 2250 * 0.4);
  });
});

describe('ads-03-low-ctr', () => {
  it.each([
    ['1 % CTR against a 3.3 % average → fired', keywordShop({ special: kw('kwLow', () => ({ spend: 6, clicks: 6, imps: 600, orders: 0, gmv: 0 })) }), 'fired'],
    ['ordinary keywords → ok', keywordShop(), 'ok'],
    ['under 1,000 impressions → insufficient', ctxOf([...shopFacts(days(30)), ...kw('k1', () => ({ spend: 1, clicks: 1, imps: 50 }))]), 'insufficient'],
    ['no keyword report → not applicable', shopOnly(), 'not-applicable'],
  ])('%s', (_n, ctx, status) => {
    expect(statuses(run(ads03, ctx))).toEqual([status]);
  });
});

describe('ads-05-cpc-breakeven', () => {
  const pricey = kw('kwPricey', () => ({ spend: 60, clicks: 20, imps: 600, orders: 1, gmv: 100 }));
  it.each([
    ['CPC ¥3 above the affordable ¥2, margin assumed → P2', keywordShop({ special: pricey }), 'fired', 'P2'],
    ['same with the margin entered → P1', keywordShop({ special: pricey, profile: ENTERED }), 'fired', 'P1'],
    ['ordinary keywords → ok', keywordShop(), 'ok', undefined],
    [
      'too few clicks → insufficient',
      ctxOf([...shopFacts(days(30)), ...kw('k1', () => ({ spend: 1, clicks: 1, orders: 1, gmv: 10 }))]),
      'insufficient',
      undefined,
    ],
    ['no keyword report → not applicable', shopOnly(), 'not-applicable', undefined],
  ])('%s', (_n, ctx, status, sev) => {
    const out = run(ads05Be, ctx);
    expect(statuses(out)).toEqual([status]);
    if (sev) expect(out[0]?.severity).toBe(sev);
  });
});

describe('ads-05-cpc-rising', () => {
  const rising = (i: number): AdDay => ({ spend: i >= 33 ? 150 : 100, clicks: 100, orders: 5, gmv: 500 });
  it.each([
    ['CPC +50 % in the last 7 days → fired', campaigns([['c1', rising]]), 'fired'],
    ['flat CPC → ok', campaigns([['c1', () => ({ spend: 100, clicks: 100, orders: 5, gmv: 500 })]]), 'ok'],
    ['one week of history → insufficient', campaigns([['c1', rising]], 7), 'insufficient'],
    ['no campaign report → not applicable', shopOnly(), 'not-applicable'],
  ])('%s', (_n, ctx, status) => {
    expect(statuses(run(ads05Rise, ctx))).toEqual([status]);
  });
});

const capped =
  (gmv: number) =>
  (i: number): AdDay => ({ spend: i >= 35 ? 500 : 300 + (i % 5) * 20, clicks: 300, orders: 10, gmv: gmv * (i >= 35 ? 500 : 300 + (i % 5) * 20) });
const varied = (i: number): AdDay => ({ spend: 300 + (i % 7) * 30, clicks: 300, orders: 10, gmv: 5 * (300 + (i % 7) * 30) });

describe('ads-06-budget-capped', () => {
  it.each([
    ['low-ROI campaign stuck at ¥500 on 5 days → fired P2', campaigns([['c1', capped(1.5)]]), 'fired'],
    ['spend varies → ok', campaigns([['c1', varied]]), 'ok'],
    ['high-ROI capped campaign is left to ADS-09 → ok', campaigns([['c1', capped(5)]]), 'ok'],
    ['spend under ¥300 a week → insufficient', campaigns([['c1', () => ({ spend: 10, clicks: 10 })]]), 'insufficient'],
    ['no campaign report → not applicable', shopOnly(), 'not-applicable'],
  ])('%s', (_n, ctx, status) => {
    const out = run(ads06, ctx);
    expect(statuses(out)).toEqual([status]);
    if (status === 'fired') expect(out[0]?.severity).toBe('P2');
  });
});

describe('ads-09-capped-high-roi', () => {
  it.each([
    ['ROI 5 and capped on 5 days → fired P3', campaigns([['c1', capped(5)]]), 'fired'],
    ['ROI 5, not capped → ok', campaigns([['c1', varied]]), 'ok'],
    ['capped but ROI 1.5 → ok', campaigns([['c1', capped(1.5)]]), 'ok'],
    ['too little spend → insufficient', campaigns([['c1', () => ({ spend: 10, clicks: 10, gmv: 50 })]]), 'insufficient'],
    ['no campaign report → not applicable', shopOnly(), 'not-applicable'],
  ])('%s', (_n, ctx, status) => {
    const out = run(ads09, ctx);
    expect(statuses(out)).toEqual([status]);
    if (status === 'fired') expect(out[0]?.severity).toBe('P3');
  });
});

describe('ads-07-cvr-drop', () => {
  const drop = (_i: number, d: string): AdDay => ({ spend: 100, clicks: 100, orders: d >= '2026-09-22' ? 2 : 5, gmv: 500 });
  it.each([
    ['CVR 5 % → 2 % on 700 clicks → fired', campaigns([['c1', drop]]), 'fired'],
    ['steady CVR → ok', campaigns([['c1', () => ({ spend: 100, clicks: 100, orders: 5, gmv: 500 })]]), 'ok'],
    [
      '70 clicks a week → insufficient',
      campaigns([['c1', (_i, d) => ({ spend: 10, clicks: 10, orders: d >= '2026-09-22' ? 0 : 1, gmv: 50 })]]),
      'insufficient',
    ],
    ['no campaign report → not applicable', shopOnly(), 'not-applicable'],
  ])('%s', (_n, ctx, status) => {
    expect(statuses(run(ads07, ctx))).toEqual([status]);
  });
  it('tells an ads problem from a product problem with the shop conversion', () => {
    const f = run(ads07, campaigns([['c1', drop]]))[0] as FindingDraft;
    expect(f.suggestion.zh).toContain('只有广告在降');
  });
});

describe('ads-08-ad-cost-ratio', () => {
  const heavy = (d: string, v: Record<string, number>) => {
    if (d) v.p4pExpendAmt = 9000;
  };
  it.each([
    ['ad spend 55 % of GMV, margin assumed → P2', ctxOf(shopFacts(days(30), heavy)), 'fired', 'P2'],
    ['same with the margin entered → P1 (ads eat the margin)', ctxOf(shopFacts(days(30), heavy), ENTERED), 'fired', 'P1'],
    ['10 % → ok', ctxOf(shopFacts(days(30))), 'ok', undefined],
    ['five days → insufficient', ctxOf(shopFacts(days(5))), 'insufficient', undefined],
    ['no payment amount → not applicable', ctxOf(days(30).map((d) => fact('shop', SHOP, d, { uv: 100 }, { device: '0' }))), 'not-applicable', undefined],
  ])('%s', (_n, ctx, status, sev) => {
    const out = run(ads08, ctx);
    expect(statuses(out)).toEqual([status]);
    if (sev) expect(out[0]?.severity).toBe(sev);
  });
});

describe('ads-10-ctr-high-cvr-low', () => {
  it.each([
    ['CTR 6.7 %, no orders → fired', keywordShop({ special: kw('kwClicky', () => ({ spend: 20, clicks: 20, imps: 300, orders: 0, gmv: 0 })) }), 'fired'],
    ['ordinary keywords → ok', keywordShop(), 'ok'],
    ['two keywords → insufficient', keywordShop({ n: 2 }), 'insufficient'],
    ['no keyword report → not applicable', shopOnly(), 'not-applicable'],
  ])('%s', (_n, ctx, status) => {
    expect(statuses(run(ads10, ctx))).toEqual([status]);
  });
});

describe('ads-11-cart-cost', () => {
  const cart = (i: number, d: string): AdDay => ({ spend: 100, clicks: 100, carts: d >= '2026-09-22' ? 8 : 20 + (i % 3) });
  it.each([
    ['cost per cart ×2.5 → fired', campaigns([['c1', cart]]), 'fired'],
    ['steady → ok', campaigns([['c1', (i) => ({ spend: 100, clicks: 100, carts: 20 + (i % 3) })]]), 'ok'],
    ['ten days of history → insufficient', campaigns([['c1', cart]], 10), 'insufficient'],
    ['no carts metric → not applicable', campaigns([['c1', () => ({ spend: 100, clicks: 100 })]]), 'not-applicable'],
  ])('%s', (_n, ctx, status) => {
    expect(statuses(run(ads11, ctx))).toEqual([status]);
  });
});

it('the default view reads one attribution window (the 3-day copies would show zero orders everywhere)', () => {
  expect(ADS_AS_OF).toBe('2026-09-30');
  expect(statuses(run(ads01, keywordShop()))).toEqual(['ok']);
});
