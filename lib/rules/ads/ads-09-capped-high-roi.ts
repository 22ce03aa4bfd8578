import { formatMoney } from '../../format';
import {
  adEntities,
  adSums,
  adWindow,
  CAPTURE_HINT,
  cappedDays,
  fix2,
  insufficient,
  marginOf,
  maturity,
  nameOf,
  roiOf,
  WANXIANG_CAMPAIGN_LINK,
} from '../shared/ads-window';
import { defineRule, type Verdict } from '../types';

/**
 * ADS-09: 15-day ROAS ≥ 1.5 × break-even, spend ≥ ¥300, and the budget hit on ≥ 3 of the last
 * 7 days (inferred from spend piling up at one ceiling: budgets are not captured). An
 * opportunity: the advice is to test more budget in small steps, never to change it blindly.
 */
export default defineRule({
  meta: {
    id: 'ads-09-capped-high-roi',
    ref: 'ADS-09',
    area: 'ADS',
    title: { zh: '高投产计划预算受限（加投机会）', en: 'High-ROAS campaign limited by budget' },
    description: {
      zh: '近 15 天投产比 ≥ 1.5 倍保本、花费 ≥ ¥300，近 7 天 ≥ 4 天花费停在同一上限（±0.5%，推断撞线）：小步加预算验证。',
      en: 'ROAS ≥ 1.5× break-even over 15 days, spend ≥ ¥300, and spend stuck at one ceiling on ≥ 4 of the last 7 days (±0.5%, inferred cap): test more budget in small steps.',
    },
    severity: 'P3',
    requires: ['campaign.adSpend', 'campaign.adGmv'],
    thresholds: {
      roiMultiple: { default: 1.5, min: 1, max: 5, label: { zh: '保本的倍数', en: 'Multiple of break-even' }, source: '[H]' },
      minDays: {
        default: 4,
        min: 2,
        max: 7,
        label: { zh: '撞线天数（近 7 天，按日推断比分时多要 1 天）', en: 'Capped days (of 7; one more than the hourly rule)' },
        source: '[H]',
      },
      tolerance: { default: 0.005, min: 0.001, max: 0.05, label: { zh: '上限容差', en: 'Ceiling tolerance' }, source: '[H]' },
      minSpend: { default: 300, min: 10, max: 1e6, label: { zh: '最少花费（元）', en: 'Minimum spend (¥)' }, source: '[C]' },
    },
    link: WANXIANG_CAMPAIGN_LINK,
  },
  evaluate(ctx, t) {
    const last7 = adWindow(ctx, 7, 0);
    const w = adWindow(ctx, 15);
    const mat = maturity(ctx, w);
    const mg = marginOf(ctx);
    const be = 1 / mg.m;
    const out: Verdict[] = [];
    let judged = 0;
    for (const e of adEntities(ctx, 'campaign')) {
      const s = adSums(ctx, 'campaign', e.ref, w.dates);
      if (s.spend < t.minSpend || !s.hasGmv) continue;
      judged++;
      const roi = roiOf(s) as number;
      if (roi < t.roiMultiple * be) continue;
      const c = cappedDays(ctx, e.ref, last7.dates, t.tolerance);
      if (c.days.length < t.minDays) continue;
      out.push({
        status: 'fired',
        entity: { kind: 'campaign', id: e.id, ...(e.name ? { name: e.name } : {}) },
        period: { from: last7.from, to: last7.to },
        detail: {
          zh: `计划${nameOf(e)}近 15 天投产比 ${fix2(roi)}（保本 ${fix2(be)}${mat.note.zh}），近 7 天却有 ${c.days.length} 天花费停在约 ${formatMoney(c.cap)}，推断预算提前耗尽，错过了后面的流量。${mg.note.zh}`,
          en: `Campaign ${nameOf(e)} returns ${fix2(roi)} ROAS over 15 days (break-even ${fix2(be)}${mat.note.en}), yet its spend stopped at about ${formatMoney(c.cap, 'en')} on ${c.days.length} of the last 7 days: the budget probably runs out early and misses later traffic. ${mg.note.en}`,
        },
        suggestion: {
          zh: `按 20% 的步长加预算（约 ${formatMoney(c.cap * 1.2)}/天），每次观察 3 天；投产比回落到保本的 1.2 倍（${fix2(be * 1.2)}）以内就停止加投。`,
          en: `Raise the budget in 20% steps (about ${formatMoney(c.cap * 1.2, 'en')}/day), 3 days each; stop once ROAS falls within 1.2× break-even (${fix2(be * 1.2)}).`,
        },
        evidence: [
          { label: { zh: '近 15 天投产比', en: '15-day ROAS' }, value: roi, format: 'plain' },
          { label: { zh: '保本投产比', en: 'Break-even ROAS' }, value: be, format: 'plain' },
          { label: { zh: '撞线天数（近 7 天）', en: 'Capped days (of 7)' }, value: c.days.length, format: 'count' },
          { label: { zh: '推断的日花费上限', en: 'Inferred daily ceiling' }, value: c.cap, format: 'CNY' },
        ],
      });
    }
    if (out.length) return out;
    if (judged === 0)
      return [
        insufficient(
          { zh: `${w.from}～${w.to} 没有花费 ≥ ¥${t.minSpend} 的计划`, en: `No campaign spent ≥ ¥${t.minSpend} from ${w.from} to ${w.to}` },
          CAPTURE_HINT.campaign,
        ),
      ];
    return [
      {
        status: 'ok',
        period: { from: last7.from, to: last7.to },
        detail: { zh: `${judged} 个计划中没有受预算限制的高投产计划。`, en: `No high-ROAS campaign limited by budget among ${judged}.` },
        evidence: [],
      },
    ];
  },
});
