import { describe, expect, it } from 'vitest';
import { evaluateRules } from '@/lib/rules/engine';
import sc01 from '@/lib/rules/sc/sc-01-stock-cover';
import sc02 from '@/lib/rules/sc/sc-02-hot-item-out-of-stock';
import sc03 from '@/lib/rules/sc/sc-03-overstock';
import sc04 from '@/lib/rules/sc/sc-04-late-shipment';
import sc05 from '@/lib/rules/sc/sc-05-pickup';
import sc06 from '@/lib/rules/sc/sc-06-delivery-time';
import sc07 from '@/lib/rules/sc/sc-07-refund-rate';
import sc09 from '@/lib/rules/sc/sc-09-new-item-sell-through';
import sc10 from '@/lib/rules/sc/sc-10-intermittent-demand';
import type { Rule } from '@/lib/rules/types';
import { SC_AS_OF, type ShopOpts, scContext, skuId } from './sel-sc-helpers';

type Case = [name: string, opts: ShopOpts, status: string, severity?: string, entity?: string];

const run = (rule: Rule, opts: ShopOpts) => evaluateRules([rule], scContext(opts));

function table(rule: Rule, cases: Case[]) {
  it.each(cases)('%s', (_n, opts, status, severity, entity) => {
    const out = run(rule, opts);
    const hit = out.filter((f) => f.status === status);
    expect(hit.length, JSON.stringify(out.map((f) => [f.status, f.severity, f.entity.id, f.detail.zh]))).toBeGreaterThan(0);
    if (status !== 'fired') expect(out).toHaveLength(1);
    if (severity) expect(hit.map((f) => f.severity)).toContain(severity);
    if (entity) expect(hit.map((f) => f.entity.id)).toContain(entity);
    for (const f of out) {
      expect(f.detail.zh.length).toBeGreaterThan(5);
      expect(f.detail.en.length).toBeGreaterThan(5);
    }
  });
}

const hot = skuId(0, 0);

describe('sc-01-stock-cover', () => {
  table(sc01 as Rule, [
    ['30 days of cover everywhere → ok', {}, 'ok'],
    ['hot SKU with 3 days of cover → P0 at that SKU', { skuStock: (id, d) => (id === hot ? Math.round(d * 3) : Math.round(d * 30)) }, 'fired', 'P0', hot],
    [
      '10 days of cover, no lead time set → P1 (default 14 d line)',
      { skuStock: (id, d) => (id === hot ? Math.round(d * 10) : Math.round(d * 30)) },
      'fired',
      'P1',
      hot,
    ],
    ['no SKU stock captured → not applicable', { without: ['skuStock'] }, 'not-applicable'],
    ['five days of sales → insufficient', { days: 5 }, 'insufficient'],
  ]);

  it('uses the profile lead time and says when the stock runs out and how much to order', () => {
    const ctx = scContext({ profile: { leadTimeDays: 20 }, skuStock: (id, d) => (id === hot ? Math.round(d * 15) : Math.round(d * 60)) });
    const f = evaluateRules([sc01 as Rule], ctx).find((x) => x.status === 'fired');
    expect(f?.severity).toBe('P0');
    expect(f?.detail.zh).toMatch(/预计 2026-10-\d\d 断货/);
    expect(f?.detail.zh).toContain('提前期 20 天');
    expect(f?.suggestion.zh).toMatch(/下单约 \d+ 件/);
  });
});

describe('sc-02-hot-item-out-of-stock', () => {
  table(sc02 as Rule, [
    ['all in stock → ok', {}, 'ok'],
    ['top item out of stock → P0 on the item', { skuStock: (id, d) => (id.startsWith('7000000000') ? 0 : Math.round(d * 30)) }, 'fired', 'P0', '600000000000'],
    ['tail SKU out of stock → ok', { skuStock: (id, d) => (id === skuId(19, 2) ? 0 : Math.round(d * 30) + 1) }, 'ok'],
    ['no item sales → not applicable', { without: ['items'] }, 'not-applicable'],
    ['no stock captured → insufficient', { without: ['skuStock', 'qianniu'] }, 'insufficient'],
  ]);
});

describe('sc-03-overstock', () => {
  table(sc03 as Rule, [
    ['30 days of cover → ok', {}, 'ok'],
    ['200 days of cover on one SKU → P1', { skuStock: (id, d) => Math.round(d * (id === hot ? 200 : 30)) }, 'fired', 'P1', hot],
    ['120 days → P2', { skuStock: (id, d) => Math.round(d * (id === hot ? 120 : 30)) }, 'fired', 'P2', hot],
    ['no stock anywhere → insufficient', { without: ['skuStock', 'qianniu'] }, 'insufficient'],
  ]);
});

describe('sc-04-late-shipment', () => {
  table(sc04 as Rule, [
    ['nothing late → ok', {}, 'ok'],
    ['2 parcels late → P1', { todo: { late: 2, soon: 0 } }, 'fired', 'P1'],
    ['3 about to be late → P2', { todo: { late: 0, soon: 3 } }, 'fired', 'P2'],
    ['no 千牛 to-dos → not applicable', { without: ['todo'] }, 'not-applicable'],
  ]);
});

const logistics = (f: (date: string, v: Record<string, number>) => void): ShopOpts => ({ editShop: f });
/** Set a shop-day value on dates in [from, to]. */
const at = (key: string, value: number, from: string, to = '9999-12-31'): ShopOpts =>
  logistics((d, v) => {
    if (d >= from && d <= to) v[key] = value;
  });
describe('sc-05-pickup', () => {
  table(sc05 as Rule, [
    ['97 % / 99.5 % → ok', {}, 'ok'],
    ['24 h at 88 % for 3 days → P1', at('gotInTime24hRate', 0.88, '2026-09-28'), 'fired', 'P1'],
    ['24 h at 93 % → P2', at('gotInTime24hRate', 0.93, '2026-09-28'), 'fired', 'P2'],
    ['one bad day only → ok (persistence)', at('gotInTime24hRate', 0.8, SC_AS_OF, SC_AS_OF), 'ok'],
    ['no pickup rates → not applicable', { without: ['logistics'] }, 'not-applicable'],
    ['only today captured → insufficient', { days: 1 }, 'insufficient'],
  ]);
});

describe('sc-06-delivery-time', () => {
  table(sc06 as Rule, [
    ['50 h → ok', {}, 'ok'],
    ['100 h → P1', at('avgSignTimeHh', 100, '2026-09-28'), 'fired', 'P1'],
    ['80 h → P2', at('avgSignTimeHh', 80, '2026-09-28'), 'fired', 'P2'],
    ['no delivery times → not applicable', { without: ['logistics'] }, 'not-applicable'],
    ['one day → insufficient', { days: 1 }, 'insufficient'],
  ]);
});

describe('sc-07-refund-rate', () => {
  const doubled = logistics((d, v) => {
    if (d >= '2026-08-25') {
      v.payShopRfdAmt = (v.payShopRfdAmt as number) * 2.2;
      v.payAmtRfdRate = (v.payAmtRfdRate as number) * 2.2;
    }
  });
  const up30 = logistics((d, v) => {
    if (d >= '2026-08-25') v.payShopRfdAmt = (v.payShopRfdAmt as number) * 1.3;
  });
  table(sc07 as Rule, [
    ['steady 5 % → ok', { days: 80 }, 'ok'],
    ['refunds × 2.2 in the matured window → P1', { days: 80, ...doubled }, 'fired', 'P1'],
    ['refunds × 1.3 → P2', { days: 80, ...up30 }, 'fired', 'P2'],
    ['20 days of history → insufficient (immature)', { days: 20 }, 'insufficient'],
    ['no refund rate → not applicable', { editShop: (_d, v) => delete v.payAmtRfdRate }, 'not-applicable'],
  ]);

  it('never judges the last 7 days: a spike there does not fire', () => {
    const out = run(sc07 as Rule, {
      days: 80,
      ...logistics((d, v) => {
        if (d > '2026-09-23') v.payShopRfdAmt = (v.payShopRfdAmt as number) * 5;
      }),
    });
    expect(out[0]?.status).toBe('ok');
  });
});

describe('sc-09-new-item-sell-through', () => {
  const launched = '600000000003';
  table(sc09 as Rule, [
    ['no launch observed → ok', {}, 'ok'],
    [
      'item launched 35 days ago, stock 10× its sales → fired',
      { launch: { [launched]: 25 }, skuStock: (id, d) => Math.round(d * (id.startsWith('7000000003') ? 400 : 30)) },
      'fired',
      'P2',
      launched,
    ],
    ['launched and selling through → ok', { launch: { [launched]: 25 } }, 'ok'],
    ['20 days of item data → insufficient', { days: 20 }, 'insufficient'],
    ['no item units → not applicable', { without: ['items'] }, 'not-applicable'],
  ]);
});

describe('sc-10-intermittent-demand', () => {
  const sparse: ShopOpts = {
    editItem: (id, _d, v, i) => {
      if (id === '600000000005') {
        v.payItmCnt = i % 4 === 0 ? 6 : 0;
        v.payByrCnt = v.payItmCnt;
        v.payAmt = v.payItmCnt * 150;
      }
    },
  };
  table(sc10 as Rule, [
    ['regular sellers → ok', { items: 3 }, 'ok'],
    ['an item selling every 4th day → P3 note', sparse, 'fired', 'P3'],
    ['no SKU sales → not applicable', { without: ['sku'] }, 'not-applicable'],
    ['10 days → insufficient', { days: 10 }, 'insufficient'],
  ]);
});
