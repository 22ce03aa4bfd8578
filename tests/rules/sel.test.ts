import { describe, expect, it } from 'vitest';
import { addDays } from '@/lib/capture/business-date';
import { evaluateRules } from '@/lib/rules/engine';
import sel01 from '@/lib/rules/sel/sel-01-potential-item';
import sel02 from '@/lib/rules/sel/sel-02-cart-no-pay';
import sel03 from '@/lib/rules/sel/sel-03-slow-mover';
import sel04 from '@/lib/rules/sel/sel-04-active-rate';
import sel05 from '@/lib/rules/sel/sel-05-concentration';
import sel06 from '@/lib/rules/sel/sel-06-price-power';
import sel07 from '@/lib/rules/sel/sel-07-rival-index-estimate';
import sel08 from '@/lib/rules/sel/sel-08-sku-structure';
import sel09 from '@/lib/rules/sel/sel-09-new-item-fail';
import type { Rule } from '@/lib/rules/types';
import { fact, itemId, SC_AS_OF, type ShopOpts, scContext, skuId, toIndex } from './sel-sc-helpers';

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
    for (const f of out) expect(f.detail.en.length).toBeGreaterThan(5);
  });
}

/** Edit one item's day values. */
const item =
  (k: number, f: (v: Record<string, number>, back: number) => void, days = 60): ShopOpts['editItem'] =>
  (id, _d, v, i) => {
    if (id === itemId(k)) f(v, days - 1 - i);
  };
const rates = (v: Record<string, number>, cart: number, pay: number) => {
  v.cartByrCnt = Math.round((v.uv as number) * cart);
  v.payByrCnt = Math.round((v.uv as number) * pay);
  v.payItmCnt = v.payByrCnt;
  v.payAmt = (v.payItmCnt as number) * 150;
};

describe('sel-01-potential-item', () => {
  const growing: ShopOpts = {
    editItem: item(10, (v, back) => {
      v.uv = Math.round((v.uv as number) * (back <= 6 ? 2.8 : back <= 13 ? 2 : back <= 20 ? 1.4 : 1));
      rates(v, 0.2, 0.06);
    }),
  };
  table(sel01 as Rule, [
    ['steady items → ok', {}, 'ok'],
    ['item growing 40 % a week with top add-to-cart → P3', growing, 'fired', 'P3', itemId(10)],
    [
      'growth in one week only → ok',
      {
        editItem: item(10, (v, back) => {
          if (back <= 6) v.uv = (v.uv as number) * 2;
        }),
      },
      'ok',
    ],
    ['no item data → not applicable', { without: ['items'] }, 'not-applicable'],
    ['10 days → insufficient', { days: 10 }, 'insufficient'],
  ]);

  it('is not judged across a 大促', () => {
    const ctx = { ...scContext(growing), asOf: '2026-11-20' };
    expect(evaluateRules([sel01 as Rule], ctx)[0]?.status).toBe('insufficient');
  });
});

describe('sel-02-cart-no-pay', () => {
  table(sel02 as Rule, [
    ['normal funnel → ok', {}, 'ok'],
    ['item 2: 20 % carts, 0.5 % conversion → P2', { editItem: item(2, (v) => rates(v, 0.2, 0.005)) }, 'fired', 'P2', itemId(2)],
    ['no item data → not applicable', { without: ['items'] }, 'not-applicable'],
    ['5 items → insufficient', { items: 5 }, 'insufficient'],
  ]);
});

describe('sel-03-slow-mover', () => {
  table(sel03 as Rule, [
    ['everything sells → ok', {}, 'ok'],
    ['item 8 with visitors but no sale in 60 days → P2', { editItem: item(8, (v) => rates(v, 0.05, 0)) }, 'fired', 'P2', itemId(8)],
    [
      'stock worth more than ¥5000 raises it to P1',
      { editItem: item(8, (v) => rates(v, 0.05, 0)), skuStock: (id, d) => (id.startsWith('7000000008') ? 20 : Math.round(d * 30)) },
      'fired',
      'P1',
      itemId(8),
    ],
    ['no item units → not applicable', { without: ['items'] }, 'not-applicable'],
    ['10 days and no 千牛 list → insufficient', { days: 10, without: ['qianniu'] }, 'insufficient'],
  ]);
});

describe('sel-04-active-rate', () => {
  const dead = (n: number): ShopOpts => ({ editItem: (id, _d, v) => Number(id.slice(-2)) >= 20 - n && rates(v, 0.05, 0) });
  table(sel04 as Rule, [
    ['all 20 items sell → ok', {}, 'ok'],
    ['12 of 20 dead → 40 % → P2', dead(12), 'fired', 'P2'],
    ['16 of 20 dead → 20 % → P1', dead(16), 'fired', 'P1'],
    ['5 items → insufficient', { items: 5 }, 'insufficient'],
  ]);
  // requires [] (千牛 list or item days both work): "not applicable" never happens; no data → insufficient.
  it('with neither 千牛 list nor item days → insufficient', () => {
    expect(run(sel04 as Rule, { without: ['items', 'qianniu'] })[0]?.status).toBe('insufficient');
  });
});

describe('sel-05-concentration', () => {
  table(sel05 as Rule, [
    ['spread sales → ok', {}, 'ok'],
    ['item 0 × 60 → P2', { editItem: item(0, (v) => (v.payAmt = (v.payAmt as number) * 60)) }, 'fired', 'P2'],
    ['no item amounts → not applicable', { without: ['items'] }, 'not-applicable'],
    ['2 items → insufficient', { items: 2 }, 'insufficient'],
  ]);
});

describe('sel-06-price-power', () => {
  const star = (k: number, n: number, date = SC_AS_OF) => [fact('item', itemId(k), date, { priceStarLevel: n })];
  table(sel06 as Rule, [
    ['4 stars → ok', { extra: star(1, 4) }, 'ok'],
    ['2 stars → P2', { extra: star(1, 2) }, 'fired', 'P2', itemId(1)],
    ['2 stars and conversion far below the shop → P1', { extra: star(1, 2), editItem: item(1, (v) => rates(v, 0.08, 0.005)) }, 'fired', 'P1', itemId(1)],
    ['no stars → not applicable', {}, 'not-applicable'],
    ['stars only from a month ago → insufficient', { extra: star(1, 2, addDays(SC_AS_OF, -30)) }, 'insufficient'],
  ]);
});

describe('sel-07-rival-index-estimate', () => {
  const squeeze: ShopOpts = {
    editItem: (_id, _d, v, i) => {
      if (59 - i <= 6) v.payAmt = (v.payAmt as number) * 0.75;
    },
    rivalIndex: (date, own) => (date > addDays(SC_AS_OF, -7) ? toIndex(60000) : own),
  };
  table(sel07 as Rule, [
    ['steady rival → ok, with estimates', {}, 'ok'],
    ['rival estimated up while own real amount falls → P2', squeeze, 'fired', 'P2', '2200000001'],
    ['no market indexes → not applicable', { without: ['market'] }, 'not-applicable'],
    ['10 days of pairs → insufficient', { days: 10 }, 'insufficient'],
  ]);

  it('labels estimates, shows the fit error and keeps real and estimated numbers apart', () => {
    const f = run(sel07 as Rule, squeeze).find((x) => x.status === 'fired');
    expect(f?.detail.zh).toContain('估算');
    expect(f?.detail.zh).toContain('留一法');
    const labels = f?.evidence.map((e) => e.label.zh) ?? [];
    expect(labels.filter((l) => l.includes('估算')).length).toBeGreaterThanOrEqual(2);
    expect(labels.some((l) => l.includes('（真实）'))).toBe(true);
    const mape = f?.evidence.find((e) => e.label.zh.includes('MAPE'))?.value ?? 1;
    expect(mape).toBeLessThan(0.05);
    const ok = run(sel07 as Rule, {})[0];
    expect(ok?.detail.zh).toMatch(/竞店甲」约 ¥/);
  });
});

describe('sel-08-sku-structure', () => {
  table(sel08 as Rule, [
    ['balanced SKUs with stock → ok', {}, 'ok'],
    ['5 SKUs, units in one, 3 unsold → P2', { skusPerItem: 5, skuWeights: [1, 0.03, 0, 0, 0] }, 'fired', 'P2', itemId(0)],
    ['main SKU with 3 days of cover → P1', { skuStock: (id, d) => (id === skuId(0, 0) ? Math.round(d * 3) : Math.round(d * 30)) }, 'fired', 'P1', itemId(0)],
    ['no SKU data → not applicable', { without: ['sku'] }, 'not-applicable'],
    ['10 days → insufficient', { days: 10 }, 'insufficient'],
  ]);
});

describe('sel-09-new-item-fail', () => {
  const launch = { [itemId(4)]: 45 };
  table(sel09 as Rule, [
    ['no launch → ok', {}, 'ok'],
    ['launched 15 days ago, 0.5 % conversion, 1 % carts → P2', { launch, editItem: item(4, (v) => rates(v, 0.01, 0.005)) }, 'fired', 'P2', itemId(4)],
    ['launched and converting → ok', { launch }, 'ok'],
    ['no item data → not applicable', { without: ['items'] }, 'not-applicable'],
    ['10 days → insufficient', { days: 10 }, 'insufficient'],
  ]);
});
