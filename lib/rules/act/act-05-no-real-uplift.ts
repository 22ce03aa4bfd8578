import { formatMoney } from '../../format';
import { addDays, dateRange } from '../../series/dates';
import { campaignUplift, counterfactualBaseline } from '../../series/uplift';
import { marginOf } from '../shared/ads-window';
import { ev, HISTORY_HINT, lastStarted, preEventDays, SYCM_HOME, sumOf, valueMap } from '../shared/act-events';
import { isPromoDay } from '../shared/promo-calendar';
import { defineRule } from '../types';

const AD_CODES = ['p4pExpendAmt', 'cubeAmt', 'feedCharge', 'adStrategyAmt'];

/**
 * ACT-05 (§3.9): 14 days after the last 大促 window ends, its net uplift = Σ(actual − baseline)
 * over the window − the dip of the 14 days after, against a Holt-Winters counterfactual fitted
 * on the non-event days before (mask-and-predict). Fires when net ÷ event GMV < 30 % or the
 * incremental ROI < 0. Cost = extra ad spend over the pre-event daily level (measured) + an
 * assumed 让利 share of the event GMV (no cost data is captured: said in the text).
 */
export default defineRule({
  meta: {
    id: 'act-05-no-real-uplift',
    ref: 'ACT-05',
    area: 'ACT',
    title: { zh: '活动没有真实增量', en: 'Sales event without real uplift' },
    description: {
      zh: '大促结束 14 天后，用活动前非活动日训练的 Holt-Winters 反事实基线，算活动期增量减去活动后回落的净增量和增量 ROI；净增量占活动期 GMV < 30% 或增量 ROI < 0 时提示。',
      en: 'Fourteen days after a sales event, net uplift (event-period lift minus the post-event dip) against a Holt-Winters counterfactual fitted on the non-event days before, and the incremental ROI; flags net uplift < 30% of event GMV or ROI < 0.',
    },
    severity: 'P2',
    requires: ['payAmt'],
    thresholds: {
      minNetShare: { default: 0.3, min: 0, max: 1, label: { zh: '净增量占活动期 GMV 下限', en: 'Minimum net uplift share of event GMV' }, source: '[H]' },
      postDays: { default: 14, min: 7, max: 28, label: { zh: '活动后观察天数', en: 'Post-event days' }, source: '[S]' },
      discountRate: { default: 0.1, min: 0, max: 0.9, label: { zh: '让利占活动 GMV（假设）', en: 'Discount share of event GMV (assumed)' }, source: '[H]' },
    },
    link: SYCM_HOME,
  },
  evaluate(ctx, t) {
    const e = lastStarted(ctx.asOf);
    if (!e) return [{ status: 'insufficient', detail: { zh: '找不到已开始的大促', en: 'No sales event has started yet' }, evidence: [] }];
    const ready = addDays(e.to, t.postDays);
    const period = { from: e.from, to: e.to };
    if (ctx.asOf < ready)
      return [
        {
          status: 'insufficient',
          period,
          detail: {
            zh: `${e.name.zh}（${e.from}～${e.to}）要到活动结束 ${t.postDays} 天后（${ready}）才能扣除回落、评估真实增量。`,
            en: `${e.name.en} (${e.from}–${e.to}) can be judged once ${t.postDays} days have passed after it (${ready}), net of the post-event dip.`,
          },
          evidence: [],
        },
      ];
    const gmv = valueMap(ctx, 'payAmt');
    const series = ctx.shopSeries('payAmt');
    const cf = counterfactualBaseline(series, { from: e.from, to: e.to }, { exclude: isPromoDay, postDays: t.postDays, transform: 'log1p' });
    if (cf.status === 'insufficient')
      return [
        {
          status: 'insufficient',
          period,
          detail: {
            zh: `${e.name.zh}前的非活动历史不足 28 天，无法建立反事实基线。${HISTORY_HINT.zh}。`,
            en: `Under 28 non-event days before ${e.name.en}: no counterfactual baseline. ${HISTORY_HINT.en}.`,
          },
          evidence: [],
        },
      ];
    const mg = marginOf(ctx);
    const days = dateRange(e.from, e.to);
    const eventGmv = sumOf(gmv, days);
    let extraAds = 0;
    for (const code of AD_CODES) {
      const m = valueMap(ctx, code);
      const pre = preEventDays(m, e.from);
      if (pre.length < 7) continue;
      extraAds += Math.max(0, sumOf(m, days) - (sumOf(m, pre) / pre.length) * days.length);
    }
    const cost = extraAds + t.discountRate * eventGmv;
    const u = campaignUplift(series, cf.points, { campaign: { from: e.from, to: e.to }, postDays: t.postDays, margin: mg.m, cost });
    if (u.net === null || eventGmv <= 0)
      return [
        {
          status: 'insufficient',
          period,
          detail: { zh: `${e.name.zh}期间缺少支付金额。${HISTORY_HINT.zh}。`, en: `Payment amount missing during ${e.name.en}. ${HISTORY_HINT.en}.` },
          evidence: [],
        },
      ];
    const share = u.net / eventGmv;
    const iv = u.interval80;
    const ivText = iv
      ? { zh: `（80% 区间 ${formatMoney(iv.lo)}～${formatMoney(iv.hi)}）`, en: ` (80% range ${formatMoney(iv.lo, 'en')} to ${formatMoney(iv.hi, 'en')})` }
      : { zh: '', en: '' };
    const evidence = [
      ev('活动期 GMV', 'Event GMV', eventGmv, 'CNY'),
      ev('毛增量', 'Gross uplift', u.gross, 'CNY'),
      ev('活动后回落', 'Post-event dip', u.dip, 'CNY'),
      ev('净增量', 'Net uplift', u.net, 'CNY'),
      ev('净增量占比', 'Net uplift share', share, 'ratio'),
      ev('活动成本（推广增量 + 假设让利）', 'Event cost (extra ads + assumed discount)', cost, 'CNY'),
      ev('增量 ROI', 'Incremental ROI', u.roi, 'plain'),
    ];
    const body = {
      zh: `${e.name.zh}（${e.from}～${e.to}）支付金额 ${formatMoney(eventGmv)}；按活动前基线预测，毛增量 ${formatMoney(u.gross)}，活动后 ${t.postDays} 天回落 ${formatMoney(u.dip)}，净增量 ${formatMoney(u.net)}${ivText.zh}，占活动期 GMV ${(share * 100).toFixed(1)}%。增量 ROI ${u.roi === null ? '—' : u.roi.toFixed(2)}：成本 = 推广花费增量 ${formatMoney(extraAds)} + 假设让利 ${Math.round(t.discountRate * 100)}% 的 GMV（坑位费、服务费未采集）。${mg.note.zh}`,
      en: `${e.name.en} (${e.from}–${e.to}): payment amount ${formatMoney(eventGmv, 'en')}; against the pre-event baseline, gross uplift ${formatMoney(u.gross, 'en')}, post-event dip over ${t.postDays} days ${formatMoney(u.dip, 'en')}, net uplift ${formatMoney(u.net, 'en')}${ivText.en}, ${(share * 100).toFixed(1)}% of event GMV. Incremental ROI ${u.roi === null ? '—' : u.roi.toFixed(2)}: cost = extra ad spend ${formatMoney(extraAds, 'en')} + an assumed ${Math.round(t.discountRate * 100)}% discount on GMV (slot and service fees are not captured). ${mg.note.en}`,
    };
    const baseline = {
      method: {
        zh: '活动前非活动日训练的 Holt-Winters 预测（屏蔽大促日）',
        en: 'Holt-Winters forecast fitted on the non-event days before (event days masked)',
      },
      value: eventGmv - (u.gross ?? 0),
    };
    if (share >= t.minNetShare && (u.roi === null || u.roi >= 0)) return [{ status: 'ok', period, detail: body, evidence, baseline }];
    return [
      {
        status: 'fired',
        period,
        detail: body,
        suggestion: {
          zh: '下次活动降低折扣深度，或者只在新客人群中投放优惠；把让利、坑位费录入测算后再决定是否报名（见 ACT-02）。',
          en: 'Next time use shallower discounts or limit the offer to new buyers; put the real discount and fees into the estimate before signing up (see ACT-02).',
        },
        evidence,
        baseline,
      },
    ];
  },
});
