import type { Evidence } from '../../schema/finding';
import { addDays } from '../../series/dates';
import { median } from '../../series/stats';
import { isPromoDay } from '../shared/promo-calendar';
import { OPEN_HOME, pp, rate, valueOn } from '../shared/service-window';
import { defineRule } from '../types';

/**
 * CS-08 (refund part; 纠纷退款率 and its category mean are not captured by any adapter): the
 * amount refund rate (退款金额(支付时间) ÷ 支付金额) of the latest MATURE week — days ≤ asOf − 7,
 * since payment-date refunds keep rising for 7 days (§0.4) — against the median of the 4 weeks
 * before. 大促 days are left out of both.
 */
export default defineRule({
  meta: {
    id: 'cs-08-refund-rate',
    ref: 'CS-08',
    area: 'CS',
    title: { zh: '退款率上升', en: 'Refund rate rising' },
    description: {
      zh: '按支付时间口径的金额退款率，只看已成熟的一周（至少 7 天前），与前 4 周中位数比较，明显上升时提示。',
      en: 'Amount refund rate by payment date, on the latest mature week (at least 7 days old), against the median of the 4 weeks before.',
    },
    severity: 'P2',
    requires: ['payAmt', 'payShopRfdAmt'],
    thresholds: {
      riseRel: { default: 0.3, min: 0.05, max: 3, label: { zh: '相对上升', en: 'Relative rise' }, source: '[H]' },
      risePp: { default: 0.01, min: 0.001, max: 0.2, label: { zh: '最小上升（pp）', en: 'Min rise (pp)' }, source: '[H]' },
      matureDays: { default: 7, min: 3, max: 21, label: { zh: '成熟天数', en: 'Maturity (days)' }, source: '[C]' },
      minDays: { default: 5, min: 3, max: 7, label: { zh: '每周最少有效天数', en: 'Min valid days a week' }, source: '[S]' },
    },
    link: { url: 'https://sycm.taobao.com/portal/home.htm', label: { zh: '生意参谋 首页 → 售后', en: '生意参谋 首页 → 售后' } },
  },
  evaluate(ctx, t) {
    const pay = ctx.shopSeries('payAmt');
    const rfd = ctx.shopSeries('payShopRfdAmt');
    const week = (to: string) => {
      let p = 0;
      let r = 0;
      let n = 0;
      for (let i = 0; i < 7; i++) {
        const d = addDays(to, -i);
        if (isPromoDay(d)) continue;
        const a = valueOn(pay, d);
        const b = valueOn(rfd, d);
        if (a === null || b === null || a <= 0) continue;
        p += a;
        r += b;
        n++;
      }
      return n >= t.minDays ? { rate: r / p, pay: p, refund: r, days: n } : null;
    };
    const end = addDays(ctx.asOf, -Math.round(t.matureDays));
    const cur = week(end);
    const from = addDays(end, -6);
    if (!cur) {
      return [
        {
          status: 'insufficient',
          detail: {
            zh: `${from} 至 ${end}（已成熟的一周）有效天数不足 ${t.minDays} 天（大促日不计入；近 ${t.matureDays} 天的退款还在变化，不下结论）。${OPEN_HOME.zh}`,
            en: `Under ${t.minDays} valid days in ${from}–${end}, the latest mature week (sales-event days excluded; the last ${t.matureDays} days are still moving). ${OPEN_HOME.en}`,
          },
          evidence: [],
        },
      ];
    }
    const prior = [1, 2, 3, 4].map((k) => week(addDays(end, -7 * k))).filter((w) => w !== null);
    if (prior.length < 2) {
      return [{ status: 'insufficient', detail: { zh: `成熟周之前只有 ${prior.length} 周可比（至少 2 周）。${OPEN_HOME.zh}`, en: `Only ${prior.length} earlier week(s) to compare (2 needed). ${OPEN_HOME.en}` }, evidence: [] }];
    }
    const base = median(prior.map((w) => w.rate)) ?? 0;
    const evidence: Evidence[] = [
      { label: { zh: '金额退款率（成熟周）', en: 'Refund rate (mature week)' }, value: cur.rate, format: 'ratio' },
      { label: { zh: `前 ${prior.length} 周中位数`, en: `Median of ${prior.length} earlier weeks` }, value: base, format: 'ratio' },
      { label: { zh: '退款金额（成熟周）', en: 'Refunds (mature week)' }, value: cur.refund, format: 'CNY' },
      { label: { zh: '较基线', en: 'vs baseline' }, value: base > 0 ? cur.rate / base - 1 : null, format: 'pct-change' },
    ];
    const period = { from, to: end };
    const fired = cur.rate - base >= t.risePp && (base === 0 || cur.rate >= base * (1 + t.riseRel));
    if (!fired) {
      return [{ status: 'ok', period, detail: { zh: `${from} 至 ${end} 金额退款率 ${rate(cur.rate)}，前几周中位数 ${rate(base)}，没有明显上升。`, en: `Refund rate ${rate(cur.rate)} for ${from}–${end} vs ${rate(base)} before: no clear rise.` }, evidence }];
    }
    const extra = cur.refund - base * cur.pay;
    return [
      {
        status: 'fired',
        severity: cur.rate >= base * (1 + 2 * t.riseRel) ? 'P1' : 'P2',
        period,
        detail: {
          zh: `${from} 至 ${end}（已过 ${t.matureDays} 天成熟期）金额退款率 ${rate(cur.rate)}，比前几周中位数 ${rate(base)} 高 ${pp(cur.rate - base)}，相当于多退 ¥${extra.toFixed(0)}。退款多会拉低净成交，也常伴随纠纷和差评。`,
          en: `Refund rate ${rate(cur.rate)} for ${from}–${end} (past the ${t.matureDays}-day maturity), ${pp(cur.rate - base)} above the earlier median ${rate(base)}: about ¥${extra.toFixed(0)} more refunded. Refunds cut net sales and often come with disputes and bad reviews.`,
        },
        suggestion: {
          zh: '打开 生意参谋 → 服务 → 退款明细，按商品和退款原因排序：质量 / 描述不符集中在某款时先核查这批货和详情页；能协商的售后不要拖到平台介入。',
          en: 'Open 生意参谋 → 服务 → 退款明细 and sort by item and reason: if quality / not-as-described cluster on one item, check the batch and the detail page; settle with buyers before the platform steps in.',
        },
        evidence,
        baseline: { method: { zh: '前 4 个成熟周的中位数（大促日不计）', en: 'Median of the 4 earlier mature weeks (sales-event days out)' }, value: base },
      },
    ];
  },
});
