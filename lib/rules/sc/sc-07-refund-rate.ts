import { formatRate } from '../../format';
import type { Evidence } from '../../schema/finding';
import { addDays } from '../../series/dates';
import type { DailySeries } from '../../series/types';
import { isPromoDay } from '../shared/promo-calendar';
import { defineRule, type RuleContext } from '../types';

/** The `want` most recent matured non-event dates at or before `end`, newest first (90-day reach). */
function matureDays(end: string, want: number, reach = 120): string[] {
  const out: string[] = [];
  for (let i = 0; i < reach && out.length < want; i++) {
    const d = addDays(end, -i);
    if (!isPromoDay(d)) out.push(d);
  }
  return out;
}

/** Amount-weighted refund rate over the dates: Σ refunds (pay time) ÷ Σ payAmt where both exist, else the mean daily rate. */
function rateOver(ctx: RuleContext, dates: string[]): { rate: number; days: number } | null {
  const get = (s: DailySeries) => new Map(s.map((p) => [p.date, p.value]));
  const rf = get(ctx.shopSeries('payShopRfdAmt'));
  const pay = get(ctx.shopSeries('payAmt'));
  const rate = get(ctx.shopSeries('payAmtRfdRate'));
  let num = 0;
  let den = 0;
  let amtDays = 0;
  const rates: number[] = [];
  for (const d of dates) {
    const a = rf.get(d);
    const p = pay.get(d);
    if (a != null && p != null && p > 0) {
      num += a;
      den += p;
      amtDays++;
    }
    const r = rate.get(d);
    if (r != null) rates.push(r);
  }
  if (amtDays >= rates.length && amtDays > 0) return { rate: num / den, days: amtDays };
  if (rates.length === 0) return null;
  return { rate: rates.reduce((x, y) => x + y, 0) / rates.length, days: rates.length };
}

/**
 * SC-07 (shop level): the matured amount refund rate (支付时间口径, dates ≤ T-8, event days skipped)
 * over 28 days against the peer average when the console gives one, else against the shop's own
 * previous 28 matured days: × 1.2 → P2, × 2 → P1.
 */
export default defineRule({
  meta: {
    id: 'sc-07-refund-rate',
    ref: 'SC-07',
    area: 'SC',
    title: { zh: '退款率偏高', en: 'Refund rate high' },
    description: {
      zh: '成熟后的金额退款率（支付时间口径，T-8 之前、跳过大促）近 28 天与同行均值（或店铺前 28 天）比较：超过 1.2 倍 P2，2 倍 P1。',
      en: 'Matured amount refund rate (by pay date, T-8 or older, events skipped) over 28 days vs the peer average (or the previous 28 days): above 1.2× P2, 2× P1.',
    },
    severity: 'P2',
    requires: ['payAmtRfdRate'],
    thresholds: {
      p2Factor: { default: 1.2, min: 1.05, max: 5, label: { zh: 'P2 倍数', en: 'P2 factor' }, source: '[C]' },
      p1Factor: { default: 2, min: 1.1, max: 10, label: { zh: 'P1 倍数', en: 'P1 factor' }, source: '[C]' },
      matureLag: { default: 8, min: 3, max: 30, label: { zh: '成熟滞后（天）', en: 'Maturity lag (days)' }, source: '[C]' },
      minDays: { default: 14, min: 7, max: 28, label: { zh: '最少成熟天数', en: 'Minimum matured days' }, source: '[S]' },
    },
    link: { url: 'https://sycm.taobao.com/portal/home.htm', label: { zh: '生意参谋 → 首页 → 履约售后', en: '生意参谋 → 首页 → 履约售后' } },
  },
  evaluate(ctx, t) {
    const end = addDays(ctx.asOf, -t.matureLag);
    const cur = matureDays(end, 28);
    const prev = matureDays(addDays(cur[cur.length - 1] ?? end, -1), 28);
    const now = rateOver(ctx, cur);
    if (!now || now.days < t.minDays) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `T-${t.matureLag} 之前的非大促日退款率不足 ${t.minDays} 天（近 7 天的退款率仍在爬升，不下结论）。在 生意参谋 首页 切换到更早的日期即可补齐。`,
            en: `Fewer than ${t.minDays} matured non-event days of refund rate (the last 7 days are still rising). Browse earlier dates on 生意参谋 首页 to fill it.`,
          },
          evidence: [],
        },
      ];
    }
    const peerS = new Map(ctx.series('peer', 'rivalAvg', 'payAmtRfdRate').map((p) => [p.date, p.value]));
    const peerVals = cur.map((d) => peerS.get(d)).filter((v): v is number => v != null);
    const peer = peerVals.length >= t.minDays ? peerVals.reduce((a, b) => a + b, 0) / peerVals.length : null;
    const own = peer === null ? rateOver(ctx, prev) : null;
    const base = peer ?? (own && own.days >= t.minDays ? own.rate : null);
    if (base === null || base <= 0) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: '没有同行均值，店铺自身的前 28 个成熟日也不够，无法比较。在 生意参谋 首页 切换到更早的日期即可补齐。',
            en: 'No peer average and not enough earlier matured days of its own to compare. Browse earlier dates on 生意参谋 首页 to fill it.',
          },
          evidence: [{ label: { zh: '近 28 个成熟日退款率', en: 'Refund rate, last 28 matured days' }, value: now.rate, format: 'ratio' }],
        },
      ];
    }
    const ratio = now.rate / base;
    const what = peer !== null ? { zh: '同行均值', en: 'the peer average' } : { zh: '店铺前 28 个成熟日', en: "the shop's previous 28 matured days" };
    const evidence: Evidence[] = [
      { label: { zh: '近 28 个成熟日金额退款率', en: 'Amount refund rate, last 28 matured days' }, value: now.rate, format: 'ratio' },
      { label: { zh: `基准（${what.zh}）`, en: `Baseline (${what.en})` }, value: base, format: 'ratio' },
      { label: { zh: '倍数', en: 'Ratio' }, value: ratio, format: 'plain' },
    ];
    const period = { from: cur[cur.length - 1] ?? end, to: cur[0] ?? end };
    const baseline = { method: { zh: what.zh, en: what.en }, value: base };
    if (ratio < t.p2Factor) {
      return [
        {
          status: 'ok',
          period,
          baseline,
          evidence,
          detail: {
            zh: `成熟退款率 ${formatRate(now.rate)}，是${what.zh}的 ${ratio.toFixed(2)} 倍，正常。`,
            en: `Matured refund rate ${formatRate(now.rate)}, ${ratio.toFixed(2)}× ${what.en}: normal.`,
          },
        },
      ];
    }
    return [
      {
        status: 'fired',
        severity: ratio >= t.p1Factor ? 'P1' : 'P2',
        period,
        baseline,
        evidence,
        detail: {
          zh: `${period.from} 至 ${period.to} 的金额退款率 ${formatRate(now.rate)}（支付时间口径，已成熟），是${what.zh} ${formatRate(base)} 的 ${ratio.toFixed(2)} 倍（阈值 ${t.p2Factor} / ${t.p1Factor} 倍）。退款直接吃掉利润，也拉低体验分。`,
          en: `Amount refund rate ${formatRate(now.rate)} from ${period.from} to ${period.to} (by pay date, matured): ${ratio.toFixed(2)}× ${what.en} of ${formatRate(base)} (thresholds ${t.p2Factor}× / ${t.p1Factor}×). Refunds eat margin and lower the experience score.`,
        },
        suggestion: {
          zh: '到 商品360 → 退款 看原因分布，先处理“内部原因”（质量、描述不符、尺码）；找出退款集中的商品和 SKU，修正详情页或抽检批次，问题解决前减少该款推广。',
          en: 'See the reason split in 商品360 → 退款; fix the seller-side reasons first (quality, not as described, sizing), find the items and SKUs behind them and correct the page or inspect the batch; cut their ads until fixed.',
        },
      },
    ];
  },
});
