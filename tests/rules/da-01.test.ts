import { describe, expect, it } from 'vitest';
import da01Conversion from '@/lib/rules/da/da-01-conversion';
import da01PayAmount from '@/lib/rules/da/da-01-pay-amount';
import da01Visitors from '@/lib/rules/da/da-01-visitors';
import { evaluateRules } from '@/lib/rules/engine';
import type { Rule } from '@/lib/rules/types';
import { AS_OF, shopContext } from './rule-helpers';

const one = (rule: Rule, ctx = shopContext(), overrides = {}) => {
  const out = evaluateRules([rule], ctx, overrides);
  expect(out).toHaveLength(1);
  return out[0]!;
};
const dropOn = (dates: string[], k: number, metricKey: 'uv' | 'payByrCnt' | 'payPct' = 'uv') => ({
  edit: (d: string, v: Record<string, number>) => {
    if (dates.includes(d)) {
      v[metricKey] = Math.round(v[metricKey]! * k);
      if (metricKey === 'uv') v.payByrCnt = Math.round(v.payByrCnt! * k);
    }
  },
});

describe('da-01-visitors', () => {
  it.each([
    ['normal day → ok', {}, 'ok', undefined],
    ['planted 38% drop → fired P1', dropOn([AS_OF], 0.62), 'fired', 'P1'],
    ['10% dip → ok (below threshold)', dropOn([AS_OF], 0.9), 'ok', undefined],
    ['two weeks of history → insufficient', { days: 8 }, 'insufficient', undefined],
    ['tiny shop → insufficient', { uv: 20 }, 'insufficient', undefined],
    ['no uv at all → not applicable', { omit: ['uv'] }, 'not-applicable', undefined],
  ])('%s', (_n, opts, status, severity) => {
    const f = one(da01Visitors as Rule, shopContext(opts as never));
    expect(f.status).toBe(status);
    if (severity) expect(f.severity).toBe(severity);
  });

  it('a fired finding carries the number, the baseline, the threshold, a suggestion and where to act', () => {
    const f = one(da01Visitors as Rule, shopContext(dropOn([AS_OF], 0.62)));
    expect(f.detail.zh).toMatch(/访客数 3\d{3}，比同星期基线 [45]\d{3} 低 3\d\.\d%/);
    expect(f.evidence.map((e) => e.label.zh)).toContain('较基线');
    expect(f.thresholds.dropPct).toBe(0.15);
    expect(f.thresholdsAreDefaults).toBe(true);
    expect(f.suggestion.zh).toContain('店铺来源');
    expect(f.link?.url).toContain('sycm.taobao.com');
    expect(f.period).toEqual({ from: AS_OF, to: AS_OF });
  });

  it('uses a user threshold and says so; an out-of-range one falls back to the default', () => {
    const ctx = shopContext(dropOn([AS_OF], 0.8));
    expect(one(da01Visitors as Rule, ctx).status).toBe('fired');
    const strict = one(da01Visitors as Rule, ctx, { 'da-01-visitors': { dropPct: 0.3 } });
    expect(strict.status).toBe('ok');
    expect(strict.thresholdsAreDefaults).toBe(false);
    const bogus = one(da01Visitors as Rule, ctx, { 'da-01-visitors': { dropPct: 7 } });
    expect(bogus.thresholdsAreDefaults).toBe(true);
    expect(bogus.status).toBe('fired');
  });
});

describe('da-01-pay-amount', () => {
  it.each([
    ['normal → ok', {}, 'ok'],
    ['traffic-led drop → fired', dropOn([AS_OF], 0.6), 'fired'],
    ['short history → insufficient', { days: 5 }, 'insufficient'],
    ['no payAmt → not applicable', { omit: ['payAmt'] }, 'not-applicable'],
  ])('%s', (_n, opts, status) => {
    expect(one(da01PayAmount as Rule, shopContext(opts as never)).status).toBe(status);
  });

  it('names visitors as the leading factor of a traffic-led drop, and order value for a price-led one', () => {
    const traffic = one(da01PayAmount as Rule, shopContext(dropOn([AS_OF], 0.6)));
    expect(traffic.detail.zh).toContain('主要伴随因子是访客数');
    const price = one(da01PayAmount as Rule, shopContext(dropOn([AS_OF], 0.6, 'payPct')));
    expect(price.status).toBe('fired');
    expect(price.detail.zh).toContain('主要伴随因子是客单价');
  });
});

describe('da-01-conversion', () => {
  it.each([
    ['normal → ok', {}, 'ok'],
    ['buyers −40% at the same traffic → fired', dropOn([AS_OF], 0.6, 'payByrCnt'), 'fired'],
    ['under 200 visitors → insufficient', { uv: 150 }, 'insufficient'],
    ['no buyers metric → not applicable', { omit: ['payByrCnt'] }, 'not-applicable'],
    ['one week of history → insufficient', { days: 9 }, 'insufficient'],
  ])('%s', (_n, opts, status) => {
    expect(one(da01Conversion as Rule, shopContext(opts as never)).status).toBe(status);
  });

  it('does not fire when the drop is within chance for a small sample', () => {
    // 300 visitors, 3% → 9 buyers; 6 buyers is −33% but the Wilson intervals overlap.
    const f = one(da01Conversion as Rule, shopContext({ uv: 300, ...dropOn([AS_OF], 0.67, 'payByrCnt') }));
    expect(f.status).toBe('ok');
  });
});

describe('engine isolation', () => {
  it('a rule that throws yields an error result for itself only', () => {
    const broken: Rule = {
      meta: { ...da01Visitors.meta, id: 'broken' } as Rule['meta'],
      evaluate: () => {
        throw new Error('boom');
      },
    };
    const out = evaluateRules([broken, da01Visitors as Rule], shopContext());
    expect(out.map((f) => [f.ruleId, f.status])).toEqual([
      ['broken', 'error'],
      ['da-01-visitors', 'ok'],
    ]);
  });
});

describe('大促 days stay out of the baseline', () => {
  it('judges the week after 双11 against October-September weeks, not the 双11 ramp', () => {
    // Inflate the 双11 window ×2: if it leaked into the baseline a normal day would look like a drop.
    const ctx = shopContext({
      days: 90,
      edit: (d, v) => {
        if (d >= '2026-10-14' && d <= '2026-11-14') {
          v.uv = v.uv! * 2;
          v.payByrCnt = v.payByrCnt! * 2;
        }
      },
    });
    expect(one(da01Visitors as Rule, ctx).status).toBe('ok');
    expect(one(da01PayAmount as Rule, ctx).status).toBe('ok');
  });

  it('does not judge a 大促 day against the everyday baseline', () => {
    const f = evaluateRules([da01Visitors as Rule], { ...shopContext(), asOf: '2026-11-11' })[0]!;
    expect(f.status).toBe('insufficient');
    expect(f.detail.zh).toContain('双11');
  });
});

describe('context: scoped views never overwrite an entity', () => {
  it('a per-item traffic source is kept apart from the shop-level source of the same id', async () => {
    const { buildContext } = await import('@/lib/rules/context');
    const base = { shopId: 's1', grain: 'day' as const, date: '2026-11-20', source: { adapter: 't', route: 't' }, capturedAt: 1, updatedAt: 1 };
    const ctx = buildContext('s1', [
      { ...base, id: 'a', entityKind: 'shop', entityId: 's1', dims: { device: '0' }, values: { uv: 100 } },
      { ...base, id: 'b', entityKind: 'source', entityId: '23.s1150', dims: { device: '0' }, values: { uv: 60 } },
      { ...base, id: 'c', entityKind: 'source', entityId: '23.s1150', dims: { device: '0', itemId: '9' }, values: { uv: 7 } },
      { ...base, id: 'd', entityKind: 'sku', entityId: 'k1', dims: { itemId: '9' }, values: { payAmt: 5 } },
    ]);
    expect(ctx?.series('source', '23.s1150', 'uv')).toEqual([{ date: '2026-11-20', value: 60 }]);
    expect(ctx?.entities('source').map((e) => e.id)).toEqual(['23.s1150']);
    expect(ctx?.entities('source', { scoped: true }).map((e) => e.id)).toEqual(['23.s1150', '23.s1150|itemId=9']);
    expect(ctx?.series('source', '23.s1150|itemId=9', 'uv')[0]?.value).toBe(7);
    expect(ctx?.entities('sku').map((e) => e.id)).toEqual(['k1']);
  });
});
