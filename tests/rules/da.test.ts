import { describe, expect, it } from 'vitest';
import da02 from '@/lib/rules/da/da-02-gmv-decomposition';
import da03 from '@/lib/rules/da/da-03-traffic-by-channel';
import da04 from '@/lib/rules/da/da-04-conversion-shift-share';
import da05 from '@/lib/rules/da/da-05-persistent-decline';
import da06, { monthEnd } from '@/lib/rules/da/da-06-target-gap';
import da07 from '@/lib/rules/da/da-07-large-order';
import da08 from '@/lib/rules/da/da-08-own-vs-market';
import da09 from '@/lib/rules/da/da-09-data-quality';
import da10 from '@/lib/rules/da/da-10-aligned-yoy';
import { DEFAULT_PROFILE } from '@/lib/rules/context';
import { evaluateRules, type FindingDraft } from '@/lib/rules/engine';
import { alignedLastYear, alignWindow } from '@/lib/rules/shared/promo-align';
import type { Rule } from '@/lib/rules/types';
import { DA_AS_OF, type DaShopOpts, daShop, lastDays } from './da-helpers';

const run = (rule: Rule, opts: DaShopOpts = {}): FindingDraft[] => evaluateRules([rule], daShop(opts));
const one = (rule: Rule, opts: DaShopOpts = {}): FindingDraft => {
  const out = run(rule, opts);
  expect(out).toHaveLength(1);
  return out[0] as FindingDraft;
};
type Row = [string, DaShopOpts, FindingDraft['status'], FindingDraft['severity'] | undefined];
const table = (rule: Rule, rows: Row[]) =>
  it.each(rows)('%s', (_n, opts, status, severity) => {
    const f = one(rule, opts);
    expect(f.status).toBe(status);
    if (severity) expect(f.severity).toBe(severity);
    expect(f.detail.zh.length).toBeGreaterThan(0);
    expect(f.detail.en.length).toBeGreaterThan(0);
  });

const today = [DA_AS_OF];
const twoDays = lastDays(2);
const week = lastDays(7);
const searchRecDrop = { dates: week, channel: { '23.s1150': 0.3, '23.s1152': 0.4 } };
const withTarget = (monthlyTarget: number) => ({ ...DEFAULT_PROFILE, monthlyTarget, assumed: [] });

describe('da-02-gmv-decomposition', () => {
  table(da02 as Rule, [
    ['normal day → ok', {}, 'ok', undefined],
    ['traffic-led 40% drop → fired P1', { dates: today, channel: { '23.s1150': 0.2, '23.s1152': 0.3, '23.11': 0.6 } }, 'fired', 'P1'],
    ['order value +30% → fired P3 (a rise)', { dates: today, aovFactor: 1.3 }, 'fired', 'P3'],
    ['10% dip → ok', { dates: today, channel: { '23.s1150': 0.72 } }, 'ok', undefined],
    ['one week of history → insufficient', { days: 8 }, 'insufficient', undefined],
    ['no payment data → not applicable', { omit: ['payAmt'] }, 'not-applicable', undefined],
  ]);
  it('names visitors as the leading factor and links the search loss with its share', () => {
    const f = one(da02 as Rule, searchRecDrop);
    expect(f.detail.zh).toContain('主要伴随因子是访客数');
    expect(f.detail.zh).toMatch(/搜索流量下降（手淘搜索） 约 ¥[\d.万]+（\d+%）/);
    expect(f.suggestion.zh).toContain('店铺来源');
    expect(f.evidence.some((e) => e.label.zh === '访客数贡献')).toBe(true);
  });
});

describe('da-03-traffic-by-channel', () => {
  table(da03 as Rule, [
    ['normal day → ok', {}, 'ok', undefined],
    ['search + recommendation collapse → fired P1', searchRecDrop, 'fired', 'P1'],
    ['drop without channel data → insufficient', { ...searchRecDrop, sources: false }, 'insufficient', undefined],
    ['search alone −30% two days running → fired P1', { dates: twoDays, channel: { '23.s1150': 0.7 } }, 'fired', 'P1'],
    ['search −30% on one day only → ok', { dates: today, channel: { '23.s1150': 0.7 } }, 'ok', undefined],
    ['one week of history → insufficient', { days: 8 }, 'insufficient', undefined],
    ['no visitors at all → not applicable', { omit: ['uv'] }, 'not-applicable', undefined],
  ]);
  it('names the channels, how much each explains, the items, and the period of the drop', () => {
    const f = one(da03 as Rule, searchRecDrop);
    expect(f.detail.zh).toMatch(/手淘搜索 -\d+（-70\.\d%，解释 \d+%）/);
    expect(f.detail.zh).toContain('手淘推荐');
    expect(f.detail.zh).not.toContain('直通车 -');
    expect(f.detail.zh).toContain('掉访客最多的商品：纯棉四件套');
    // 11-14 is still in the 双11 window, which is never judged: the run starts on 11-15.
    expect(f.period).toEqual({ from: '2026-11-15', to: DA_AS_OF });
    const shares = f.evidence.filter((e) => e.label.zh.endsWith('解释占比')).map((e) => e.value ?? 0);
    expect(shares).toHaveLength(2);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 1);
    expect(f.suggestion.zh).toContain('搜索');
    expect(f.suggestion.zh).toContain('推荐');
  });
});

describe('da-04-conversion-shift-share', () => {
  table(da04 as Rule, [
    ['normal day → ok', {}, 'ok', undefined],
    ['conversion −40% in every channel → fired P1 (within)', { dates: today, conv: { '*': 0.6 } }, 'fired', 'P1'],
    ['recommendation floods in → fired P1 (mix)', { dates: today, channel: { '23.s1152': 8 } }, 'fired', 'P1'],
    ['drop without channel data → insufficient', { dates: today, conv: { '*': 0.6 }, sources: false }, 'insufficient', undefined],
    ['tiny shop → insufficient', { uv: 100 }, 'insufficient', undefined],
    ['no buyers metric → not applicable', { omit: ['payByrCnt'] }, 'not-applicable', undefined],
  ]);
  it('tells a mix effect from a within-channel effect', () => {
    expect(one(da04 as Rule, { dates: today, conv: { '*': 0.6 } }).detail.zh).toContain('以渠道内效应为主');
    const mix = one(da04 as Rule, { dates: today, channel: { '23.s1152': 8 } });
    expect(mix.detail.zh).toContain('以结构效应为主');
    expect(mix.suggestion.zh).toContain('UV 价值');
  });
});

describe('da-05-persistent-decline', () => {
  table(da05 as Rule, [
    ['flat history → ok', {}, 'ok', undefined],
    ['−1.5% a day for 10 weeks → fired P1', { drift: -0.015 }, 'fired', 'P1'],
    ['slow −0.2% a day (under 10% in 4 weeks) → ok', { drift: -0.002 }, 'ok', undefined],
    ['20 days of history → insufficient', { days: 20 }, 'insufficient', undefined],
    ['no visitors → not applicable', { omit: ['uv'] }, 'not-applicable', undefined],
  ]);
  it('says the weekly slope and the p-value', () => {
    const f = one(da05 as Rule, { drift: -0.015 });
    expect(f.detail.zh).toMatch(/每周约 -\d+\.\d%/);
    expect(f.detail.zh).toContain('Mann-Kendall p =');
  });
});

describe('da-06-target-gap', () => {
  // ≈ 5000 uv × 3% × ¥120 ≈ ¥18,000 a day → about ¥54万 for November.
  table(da06 as Rule, [
    ['no target → insufficient', {}, 'insufficient', undefined],
    ['target far above the run rate → fired P1', { profile: withTarget(900000) }, 'fired', 'P1'],
    ['target 12% above the projection → fired P2', { profile: withTarget(620000) }, 'fired', 'P2'],
    ['reachable target → ok', { profile: withTarget(500000) }, 'ok', undefined],
    ['a missing day this month → insufficient', { profile: withTarget(500000), skip: ['2026-11-03'] }, 'insufficient', undefined],
    ['no payment data → not applicable', { omit: ['payAmt'], profile: withTarget(500000) }, 'not-applicable', undefined],
  ]);
  it('points to the options page when no target is set, and gives gap and daily need otherwise', () => {
    expect(one(da06 as Rule).detail.zh).toContain('设置页');
    const f = one(da06 as Rule, { profile: withTarget(900000) });
    expect(f.detail.zh).toMatch(/完成月目标 ¥90万 的 \d+%（80% 区间 \d+%–\d+%）/);
    expect(f.detail.zh).toContain('剩余 10 天每天需要做到');
    expect(f.period).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });
  it('monthEnd', () => {
    expect(monthEnd('2026-11-20')).toBe('2026-11-30');
    expect(monthEnd('2028-02-03')).toBe('2028-02-29');
  });
});

describe('da-07-large-order', () => {
  table(da07 as Rule, [
    ['normal day → ok', {}, 'ok', undefined],
    ['one buyer takes 50 units → fired P3', { dates: today, bigOrder: true }, 'fired', 'P3'],
    ['order value +30% with no large order → ok', { dates: today, aovFactor: 1.3 }, 'ok', undefined],
    ['jump without item data → insufficient', { dates: today, bigOrder: true, items: false }, 'insufficient', undefined],
    ['one week of history → insufficient', { days: 6 }, 'insufficient', undefined],
    ['no order value → not applicable', { omit: ['payPct'] }, 'not-applicable', undefined],
  ]);
  it('names the order and the order value without it', () => {
    const f = one(da07 as Rule, { dates: today, bigOrder: true });
    expect(f.entity).toEqual({ kind: 'item', id: '9004', name: '羽绒被 批发' });
    expect(f.detail.zh).toContain('50 件');
    expect(f.detail.zh).toContain('基本持平，不代表趋势');
  });
});

describe('da-08-own-vs-market', () => {
  table(da08 as Rule, [
    ['normal day → ok', {}, 'ok', undefined],
    ['shop down, peers steady → fired P1', searchRecDrop, 'fired', 'P1'],
    ['shop and peers down → fired P3', { ...searchRecDrop, peerFactor: 0.7 }, 'fired', 'P3'],
    ['no peer data → insufficient', { ...searchRecDrop, peer: false }, 'insufficient', undefined],
    ['one week of history → insufficient', { days: 8 }, 'insufficient', undefined],
    ['no payment data → not applicable', { omit: ['payAmt'] }, 'not-applicable', undefined],
  ]);
  it('says own problem vs market', () => {
    expect(one(da08 as Rule, searchRecDrop).detail.zh).toContain('是店铺自身的问题');
    expect(one(da08 as Rule, { ...searchRecDrop, peerFactor: 0.7 }).detail.zh).toContain('行业或季节因素');
  });
});

describe('da-09-data-quality', () => {
  table(da09 as Rule, [
    ['complete history → ok', {}, 'ok', undefined],
    ['two missing days → fired P3', { skip: ['2026-11-03', '2026-11-10'] }, 'fired', 'P3'],
    ['no visitors → not applicable', { omit: ['uv'] }, 'not-applicable', undefined],
  ]);
  it('lists the missing days and the immature refund figures', () => {
    const f = one(da09 as Rule, { skip: ['2026-11-03', '2026-11-10'] });
    expect(f.detail.zh).toContain('2026-11-03、2026-11-10');
    expect(f.detail.zh).toContain('金额退款率 2026-11-13 之后的值仍在变化');
  });
});

describe('da-10-aligned-yoy', () => {
  table(da10 as Rule, [
    ['a year of flat history → ok', { days: 400 }, 'ok', undefined],
    ['last 7 days −35% → fired P2', { days: 400, dates: week, channel: { '23.s1150': 0.3, '23.s1152': 0.3, '23.11': 0.5 } }, 'fired', 'P2'],
    ['no last-year data → insufficient', { days: 70 }, 'insufficient', undefined],
    ['no payment data → not applicable', { omit: ['payAmt'] }, 'not-applicable', undefined],
  ]);
  it('aligns near 大促 on the peak day, otherwise on the weekday', () => {
    expect(alignedLastYear('2026-11-08')).toMatchObject({ date: '2025-11-08', method: 'promo', promo: { offset: -3 } });
    expect(alignedLastYear('2026-06-20')).toMatchObject({ date: '2025-06-20', method: 'promo', promo: { offset: 2 } });
    expect(alignedLastYear('2026-09-15')).toEqual({ date: '2025-09-16', method: 'weekday' });
    // A window touching the 双11 margin stays contiguous last year.
    expect(alignWindow(['2026-11-21', '2026-11-22']).map((a) => a.date)).toEqual(['2025-11-21', '2025-11-22']);
    const f = one(da10 as Rule, { days: 400, dates: week, channel: { '23.s1150': 0.3, '23.s1152': 0.3, '23.11': 0.5 } });
    expect(f.detail.zh).toContain('按双11对齐');
  });
});
