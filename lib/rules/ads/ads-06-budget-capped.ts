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
  nameOf,
  roiOf,
  WANXIANG_CAMPAIGN_LINK,
} from '../shared/ads-window';
import { defineRule, type Verdict } from '../types';

/**
 * ADS-06 on day data: the console's hourly pacing and daily budgets are not captured, so a
 * budget that runs out early shows as spend piling up at the same ceiling on several days of
 * the last 7. High-ROAS capped campaigns are ADS-09's (an opportunity); this rule keeps the
 * capped campaigns whose ROAS is below 1.5 × break-even, where the fix is pacing, not budget.
 */
export default defineRule({
  meta: {
    id: 'ads-06-budget-capped',
    ref: 'ADS-06',
    area: 'ADS',
    title: { zh: '预算撞线（按日花费推断）', en: 'Budget runs out (inferred from daily spend)' },
    description: {
      zh: '近 7 天里 ≥ 4 天花费停在同一上限附近（±0.5%），推断日预算提前耗尽；投产比低于 1.5 倍保本时提示用分时折扣把预算留给高转化时段。',
      en: 'Spend stuck at the same ceiling (±0.5%) on ≥ 4 of the last 7 days suggests the daily budget runs out early; below 1.5× break-even ROAS the advice is time-of-day pacing.',
    },
    severity: 'P2',
    requires: ['campaign.adSpend'],
    thresholds: {
      minDays: {
        default: 4,
        min: 2,
        max: 7,
        label: { zh: '撞线天数（近 7 天，按日推断比分时多要 1 天）', en: 'Capped days (of 7; one more than the hourly rule)' },
        source: '[H]',
      },
      tolerance: { default: 0.005, min: 0.001, max: 0.05, label: { zh: '上限容差', en: 'Ceiling tolerance' }, source: '[H]' },
      minSpend: { default: 300, min: 10, max: 1e6, label: { zh: '近 7 天最少花费（元）', en: 'Minimum 7-day spend (¥)' }, source: '[C]' },
      goodRoi: { default: 1.2, min: 1, max: 5, label: { zh: '投产良好：保本的倍数', en: 'Good ROAS: multiple of break-even' }, source: '[H]' },
      highRoi: { default: 1.5, min: 1, max: 5, label: { zh: '交给 ADS-09：保本的倍数', en: 'Left to ADS-09: multiple of break-even' }, source: '[H]' },
    },
    link: WANXIANG_CAMPAIGN_LINK,
  },
  evaluate(ctx, t) {
    const last7 = adWindow(ctx, 7, 0);
    const roiWin = adWindow(ctx, 15);
    const mg = marginOf(ctx);
    const be = 1 / mg.m;
    const out: Verdict[] = [];
    let judged = 0;
    for (const e of adEntities(ctx, 'campaign')) {
      const c = cappedDays(ctx, e.ref, last7.dates, t.tolerance);
      if (c.spend < t.minSpend) continue;
      judged++;
      if (c.days.length < t.minDays) continue;
      const roi = roiOf(adSums(ctx, 'campaign', e.ref, roiWin.dates));
      if (roi !== null && roi >= t.highRoi * be) continue;
      const good = roi !== null && roi >= t.goodRoi * be;
      out.push({
        status: 'fired',
        severity: good ? 'P3' : 'P2',
        entity: { kind: 'campaign', id: e.id, ...(e.name ? { name: e.name } : {}) },
        period: { from: last7.from, to: last7.to },
        detail: {
          zh: `计划${nameOf(e)}近 7 天有 ${c.days.length} 天花费停在约 ${formatMoney(c.cap)}（${c.days.join('、')}），推断日预算提前耗尽（撞线时刻需要分时数据，未采集）；近 15 天投产比 ${fix2(roi)}，保本 ${fix2(be)}。${mg.note.zh}`,
          en: `Campaign ${nameOf(e)} spent about ${formatMoney(c.cap, 'en')} on ${c.days.length} of the last 7 days (${c.days.join(', ')}): the daily budget probably runs out early (the time it does needs hourly data, not captured); 15-day ROAS ${fix2(roi)}, break-even ${fix2(be)}. ${mg.note.en}`,
        },
        suggestion: good
          ? {
              zh: '投产尚可：可小步提高日预算 10–20%，或把早间分时折扣降到 70%，把预算留给晚高峰。',
              en: 'ROAS is fair: raise the daily budget in 10–20% steps, or cut the morning time-of-day discount to 70% to keep budget for the evening peak.',
            }
          : {
              zh: '投产一般：不要加预算，先设置分时折扣，把预算留给转化高的时段，并剔除低效词和人群。',
              en: 'ROAS is weak: do not add budget; set time-of-day discounts to keep it for high-converting hours and remove weak keywords and crowds.',
            },
        evidence: [
          { label: { zh: '撞线天数（近 7 天）', en: 'Capped days (of 7)' }, value: c.days.length, format: 'count' },
          { label: { zh: '推断的日花费上限', en: 'Inferred daily ceiling' }, value: c.cap, format: 'CNY' },
          { label: { zh: '近 15 天投产比', en: '15-day ROAS' }, value: roi, format: 'plain' },
          { label: { zh: '保本投产比', en: 'Break-even ROAS' }, value: be, format: 'plain' },
        ],
      });
    }
    if (out.length) return out;
    if (judged === 0)
      return [
        insufficient({ zh: `近 7 天没有花费 ≥ ¥${t.minSpend} 的计划`, en: `No campaign spent ≥ ¥${t.minSpend} in the last 7 days` }, CAPTURE_HINT.campaign),
      ];
    return [
      {
        status: 'ok',
        period: { from: last7.from, to: last7.to },
        detail: { zh: `${judged} 个计划没有低投产撞线的迹象。`, en: `No sign of a low-ROAS campaign running out of budget among ${judged}.` },
        evidence: [],
      },
    ];
  },
});
