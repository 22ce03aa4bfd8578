import { formatCount, formatMoney } from '../../format';
import type { Evidence } from '../../schema/finding';
import {
  adWindow,
  addSums,
  CAPTURE_HINT,
  entitySums,
  insufficient,
  marginOf,
  maturity,
  nameOf,
  rate,
  WANXIANG_LINK,
  whatIfPause,
  ZERO_SUMS,
} from '../shared/ads-window';
import { defineRule, type Verdict } from '../types';

const KINDS = [
  { kind: 'keyword' as const, zh: '关键词', en: 'keyword' },
  { kind: 'crowd' as const, zh: '人群', en: 'crowd' },
];

/**
 * ADS-01: spend ≥ max(保本成交成本, 2 × average CPA) with 0 attributed orders and clicks ≥
 * max(30, ⌈2 ÷ unit CVR⌉) over 15 days ending T-2. Keyword facts carry no campaign id, so the
 * "unit" average is that of all keywords (or crowds) of the shop; a share of all keyword spend
 * ≥ 20 % implies ≥ 20 % of its own campaign, so P0 is never over-stated.
 */
export default defineRule({
  meta: {
    id: 'ads-01-zero-conversion',
    ref: 'ADS-01',
    area: 'ADS',
    title: { zh: '高花费零成交的关键词 / 人群', en: 'Keywords / crowds that spend but never convert' },
    description: {
      zh: '近 15 天（剔除最近 2 天）花费超过保本成交成本和 2 倍平均成交成本、点击足够多却 0 成交的关键词或人群，附暂停后的花费、成交和投产比测算。',
      en: 'Keywords or crowds with enough clicks and spend above break-even CPA and 2× the average CPA but zero orders over 15 days (last 2 days left out), with a what-if of pausing them.',
    },
    severity: 'P1',
    requires: [],
    thresholds: {
      windowDays: { default: 15, min: 7, max: 30, label: { zh: '统计天数', en: 'Window (days)' }, source: '[C]' },
      minClicks: { default: 30, min: 10, max: 1000, label: { zh: '最少点击数', en: 'Minimum clicks' }, source: '[H]' },
      cpaMultiple: { default: 2, min: 1, max: 10, label: { zh: '平均成交成本倍数', en: 'Multiple of average CPA' }, source: '[H]' },
      p0Share: { default: 0.2, min: 0.05, max: 1, label: { zh: 'P0：占花费比例', en: 'P0: share of spend' }, source: '[H]' },
      organicShare: {
        default: 0.3,
        min: 0,
        max: 1,
        label: { zh: '测算：停投后自然回流比例（假设）', en: 'What-if: share that still arrives organically (assumed)' },
        source: '[H]',
      },
    },
    link: WANXIANG_LINK,
  },
  evaluate(ctx, t) {
    const w = adWindow(ctx, t.windowDays);
    const mat = maturity(ctx, w);
    const mg = marginOf(ctx);
    const out: Verdict[] = [];
    let judged = 0;
    let anyData = false;
    for (const k of KINDS) {
      const rows = entitySums(ctx, k.kind, w.dates);
      if (rows.length === 0) continue;
      anyData = true;
      const total = rows.reduce((a, r) => addSums(a, r.s), ZERO_SUMS);
      if (total.spend < 100 || !total.hasOrders) continue; // §0.5: too little spend to judge
      if (total.orders <= 0 || total.clicks <= 0) continue;
      const cvr = total.orders / total.clicks;
      const avgCpa = total.spend / total.orders;
      const aov = total.gmv > 0 ? total.gmv / total.orders : null;
      const beCpa = aov === null ? 0 : aov * mg.m;
      const minClicks = Math.max(t.minClicks, Math.ceil(2 / cvr));
      const minSpend = Math.max(beCpa, t.cpaMultiple * avgCpa);
      const flagged = rows.filter((r) => r.s.clicks >= minClicks && r.s.hasOrders);
      judged += flagged.length;
      for (const { entity, s } of flagged) {
        if (s.orders > 0 || s.gmv > 0 || s.spend < minSpend) continue;
        const share = s.spend / total.spend;
        const expected = s.clicks * cvr;
        const wi = whatIfPause(total, s, t.organicShare, mg.m, { zh: `全部${k.zh}`, en: `all ${k.en}s` });
        const evidence: Evidence[] = [
          { label: { zh: '花费', en: 'Spend' }, value: s.spend, format: 'CNY' },
          { label: { zh: '点击', en: 'Clicks' }, value: s.clicks, format: 'count' },
          { label: { zh: '加购', en: 'Add-to-carts' }, value: s.hasCarts ? s.carts : null, format: 'count' },
          { label: { zh: '成交笔数', en: 'Orders' }, value: 0, format: 'count' },
          { label: { zh: `按全部${k.zh}平均转化率应有的成交`, en: `Orders expected at the ${k.en} average CVR` }, value: expected, format: 'plain' },
          { label: { zh: `占全部${k.zh}花费`, en: `Share of all ${k.en} spend` }, value: share, format: 'ratio' },
          { label: { zh: '触发花费线', en: 'Spend threshold' }, value: minSpend, format: 'CNY' },
          ...wi.evidence,
        ];
        out.push({
          status: 'fired',
          severity: share >= t.p0Share ? 'P0' : 'P1',
          entity: { kind: k.kind, id: entity.id, ...(entity.name ? { name: entity.name } : {}) },
          period: { from: w.from, to: w.to },
          detail: {
            zh: `${k.zh}${nameOf(entity)} ${w.from}～${w.to} 花费 ${formatMoney(s.spend)}、点击 ${formatCount(s.clicks)} 次、0 成交${mat.note.zh}；按全部${k.zh}平均转化率 ${rate(cvr)}，这些点击本应带来约 ${expected.toFixed(1)} 单。触发线：花费 ≥ ${formatMoney(minSpend)}（保本成交成本与 ${t.cpaMultiple} 倍平均成交成本 ${formatMoney(avgCpa)} 中较大者），点击 ≥ ${minClicks}。它占全部${k.zh}花费的 ${(share * 100).toFixed(1)}%。${mg.note.zh}${wi.text.zh}`,
            en: `${k.en} ${nameOf(entity)} spent ${formatMoney(s.spend, 'en')} on ${s.clicks} clicks with 0 orders from ${w.from} to ${w.to}${mat.note.en}; at the ${k.en} average CVR of ${rate(cvr)} these clicks should have brought about ${expected.toFixed(1)} orders. Threshold: spend ≥ ${formatMoney(minSpend, 'en')} (the larger of break-even CPA and ${t.cpaMultiple}× the average CPA of ${formatMoney(avgCpa, 'en')}), clicks ≥ ${minClicks}. It is ${(share * 100).toFixed(1)}% of all ${k.en} spend. ${mg.note.en} ${wi.text.en}`,
          },
          suggestion: {
            zh: `先把${nameOf(entity)}的出价降 30% 观察 3 天；如果加购也很少，直接暂停，或加为否定词 / 排除人群（${WANXIANG_LINK.label.zh}）。`,
            en: `Cut the bid of ${nameOf(entity)} by 30% and watch 3 days; if it brings few add-to-carts either, pause it or add it as a negative keyword / excluded crowd (${WANXIANG_LINK.label.en}).`,
          },
          evidence,
          baseline: { method: { zh: `全部${k.zh}的平均成交成本`, en: `Average CPA of all ${k.en}s` }, value: avgCpa },
        });
      }
    }
    if (!anyData)
      return [{ status: 'not-applicable', detail: { zh: '没有关键词或人群的推广报表数据', en: 'No keyword or crowd ad report data' }, evidence: [] }];
    if (out.length) return out;
    if (judged === 0)
      return [
        insufficient(
          {
            zh: `${w.from}～${w.to} 没有点击数足够评估的关键词或人群（或花费 < ¥100）`,
            en: `No keyword or crowd has enough clicks (or spend ≥ ¥100) from ${w.from} to ${w.to}`,
          },
          CAPTURE_HINT.keyword,
        ),
      ];
    return [
      {
        status: 'ok',
        period: { from: w.from, to: w.to },
        detail: {
          zh: `${w.from}～${w.to} 评估了 ${judged} 个点击足够的关键词 / 人群，没有高花费零成交的对象。`,
          en: `${judged} keywords / crowds with enough clicks checked from ${w.from} to ${w.to}: none spends without converting.`,
        },
        evidence: [],
      },
    ];
  },
});
